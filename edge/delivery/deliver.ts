import { PROVIDER_TIMEOUT_MS } from '../constants.ts';
import type { DeliveryResult, ProviderAdapter, ProviderLead, ProviderSecrets } from '../providers/types.ts';

/** The network, passed in so tests and benchmarks can count or replace it. */
export type Fetcher = (request: Request) => Promise<Response>;

/**
 * One delivery attempt: build and sign the request, send it with a timeout, classify the answer.
 * Network failures and timeouts are values (`retry`), never exceptions.
 */
export async function deliverLead(
  adapter: ProviderAdapter,
  lead: ProviderLead,
  secrets: ProviderSecrets,
  send: Fetcher,
  now: Date,
  timeoutMs = PROVIDER_TIMEOUT_MS,
): Promise<DeliveryResult> {
  const built = await adapter.buildRequest(lead, secrets, now);
  if (!built.ok) return { kind: 'rejected', status: 0, reason: `lead no longer maps: ${JSON.stringify(built.fields)}` };
  const { method, url, headers, body } = built.request;
  try {
    const response = await send(new Request(url, { method, headers, ...(body === undefined ? {} : { body }), signal: AbortSignal.timeout(timeoutMs) }));
    return adapter.classifyResponse(response.status, await response.text());
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `network error: ${String(error)}`;
    return { kind: 'retry', reason };
  }
}
