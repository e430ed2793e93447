import type { ProviderLead, ProviderRequest, ProviderSecrets } from '../providers/types.ts';
import type { ProviderAdapter } from '../providers/types.ts';
import { maskSecrets } from '../redact.ts';

/** What stands in the console's output where a value computed from secrets (a signature, a hash) was. */
export const SIGNATURE_MARK = '[masked: signature, computed as signatureInputs says]';

// Signatures are hex or base64 runs (`=` only as padding, so `sig=` stays readable); shorter runs (ids of a few characters, numbers) are too
// common to be anything but plain data.
const TOKEN = /[A-Za-z0-9+/_-]{8,}={0,2}/g;
// The same, but a secret's name mark (`[secret:key]`) is taken whole, to be kept.
const TOKEN_OR_MARK = /\[secret:[^\]]*\]|[A-Za-z0-9+/_-]{8,}={0,2}/g;

const textsOf = (request: ProviderRequest) => [request.url, request.body ?? '', ...Object.values(request.headers)];

/**
 * The request as an operator may see it: every secret value (in every encoding) replaced by
 * its name, and every value derived from a secret (a signature, an HMAC, Basic credentials)
 * replaced by SIGNATURE_MARK. A leaked admin token must not become provider credentials.
 *
 * Derived values are found without knowing each provider's scheme: the same lead at the same
 * moment is built again with other secrets, and any token of the real request that does not
 * appear there came from the secrets.
 */
export async function maskRequest(adapter: ProviderAdapter, lead: ProviderLead, secrets: ProviderSecrets, now: Date): Promise<{ real: ProviderRequest; masked: ProviderRequest }> {
  const real = await adapter.buildRequest([lead], secrets, now);
  const placeholders = Object.fromEntries(Object.keys(secrets).map((name) => [name, `placeholder-${name}-not-a-secret`]));
  const other = await adapter.buildRequest([lead], placeholders, now);
  const plain = new Set(textsOf(other).flatMap((text) => text.match(TOKEN) ?? []));
  const mask = (text: string) => maskSecrets(text, secrets, (name) => `[secret:${name}]`).replace(TOKEN_OR_MARK, (token) => (plain.has(token) || token.startsWith('[') ? token : SIGNATURE_MARK));
  const headers = Object.fromEntries(
    Object.entries(real.headers).map(([name, value]) => [name, name.toLowerCase() === 'authorization' ? `${value.split(' ')[0]} [masked: derived from secrets]` : mask(value)]),
  );
  return { real, masked: { ...real, url: mask(real.url), headers, ...(real.body === undefined ? {} : { body: mask(real.body) }) } };
}
