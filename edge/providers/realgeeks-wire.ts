import { utf8Base64 } from '../crypto/base64.ts';
import type { ProviderRequest, ProviderSecrets } from './types.ts';
import { parseJson } from './response.ts';

/** realgeeks.txt: "Base url: https://receivers.leadrouter.realgeeks.com/rest" (older copies say http). */
export const REALGEEKS_BASE_URL = 'https://receivers.leadrouter.realgeeks.com/rest';

/** Real Geeks Leads fields page: `role` is one of these (the Outgoing API's "Potential Seller" cannot be sent). */
export const REALGEEKS_ROLES = ['Buyer', 'Seller', 'Buyer and Seller', 'Renter'] as const;

/** A lead role as Real Geeks spells it. */
export type RealgeeksRole = (typeof REALGEEKS_ROLES)[number];

/** Where a form's requests go: the documented base URL or an override, and the client's Site UUID. */
export interface RealgeeksTarget {
  baseUrl?: string | undefined;
  siteUuid: string;
}

/** The URL of a path below `/sites/{site-uuid}` (realgeeks.txt: "all paths below should be appended to the url above"). */
export function realgeeksUrl(target: RealgeeksTarget, path: string): string {
  const base = (target.baseUrl ?? REALGEEKS_BASE_URL).replace(/\/+$/, '');
  return `${base}/sites/${encodeURIComponent(target.siteUuid)}${path}`;
}

/** realgeeks.txt: HTTP Basic Auth, `base64("mywebsite:s3cret")`, the pair UTF-8 encoded first (RFC 7617). */
export const realgeeksAuthorization = (username: string, password: string): string => `Basic ${utf8Base64(`${username}:${password}`)}`;

/** A JSON request to Real Geeks with the product's credentials. */
export function realgeeksRequest(method: ProviderRequest['method'], url: string, body: unknown, secrets: ProviderSecrets): ProviderRequest {
  return {
    method,
    url,
    headers: {
      authorization: realgeeksAuthorization(secrets['username'] ?? '', secrets['password'] ?? ''),
      'content-type': 'application/json', // realgeeks.txt: "Request body has to be in JSON format"
      accept: 'application/json',
    },
    body: JSON.stringify(body),
  };
}

/** realgeeks.txt's date-time shape, "2015-04-01T08:41:51+00:00": ISO 8601, whole seconds, UTC. */
export const realgeeksTime = (epochMs: number): string => `${new Date(epochMs).toISOString().slice(0, 19)}+00:00`;

/** realgeeks.txt: every success answer is an "empty json body {}"; anything else is not a success. */
export function isEmptyJsonObject(bodyText: string): boolean {
  const value = parseJson(bodyText);
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/** A role typed or picked in a form ("buyer", "buyer_and_seller") in Real Geeks' spelling, or undefined. */
export function normalizeRole(text: string): RealgeeksRole | undefined {
  const words = text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  return REALGEEKS_ROLES.find((role) => role.toLowerCase() === words);
}
