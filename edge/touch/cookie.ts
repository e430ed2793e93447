// The same-site cookie mode's cookie: a visitor's first and last touch, kept by the Worker in its
// own first-party cookie (HttpOnly, so no script and no storage purge by Safari's 7-day limit on
// script-written storage reaches it), signed with HMAC-SHA256 under TOUCH_COOKIE_SECRET so a
// visitor cannot forge a campaign.
import * as v from 'valibot';
import { TouchSchema, type Touch } from '../../shared/lead.ts';
import { utf8Base64 } from '../crypto/base64.ts';
import { equalSecrets } from '../crypto/equal.ts';
import { hmacSha256Hex } from '../crypto/hmac.ts';

/** The cookie's name. */
export const TOUCH_COOKIE = 'leadrelay_touch';

/** What the cookie keeps. */
export interface KeptTouches {
  first?: Touch | undefined;
  last?: Touch | undefined;
}

const KeptSchema = v.object({ first: v.optional(TouchSchema), last: v.optional(TouchSchema) });

// Browsers keep about 4,096 bytes of name and value; the signature and attributes take ~150.
const MAX_VALUE_BYTES = 3800;
/** Longest text value in the cookie: a campaign value is short, a landing page may not be. */
const MAX_TEXT = 300;

const base64url = (text: string): string => utf8Base64(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const fromBase64url = (text: string): string => new TextDecoder().decode(Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (char) => char.charCodeAt(0)));

/** A touch with each text shortened to MAX_TEXT; `bare` leaves out the referrer and landing page. */
function shortened(touch: Touch | undefined, bare: boolean): Touch | undefined {
  if (!touch) return undefined;
  const short: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(touch)) {
    if (bare && (key === 'referrer' || key === 'landing_page')) continue;
    if (value !== undefined) short[key] = typeof value === 'string' ? value.slice(0, MAX_TEXT) : value;
  }
  return short as Touch;
}

/**
 * The signed cookie value for `kept`, or undefined when even its shortest form is too long. A
 * shorter form is tried when one does not fit: without referrer and landing page, then first touch alone.
 */
export async function sealTouches(kept: KeptTouches, secret: string): Promise<string | undefined> {
  const forms = [
    { first: shortened(kept.first, false), last: shortened(kept.last, false) },
    { first: shortened(kept.first, true), last: shortened(kept.last, true) },
    { first: shortened(kept.first, true) },
  ];
  for (const form of forms) {
    const payload = base64url(JSON.stringify(form));
    const value = `${payload}.${await hmacSha256Hex(secret, payload)}`;
    if (value.length <= MAX_VALUE_BYTES) return value;
  }
  return undefined;
}

/** The touches of a cookie value, when its signature is this Worker's; undefined for anything else. */
export async function openTouches(value: string, secret: string): Promise<KeptTouches | undefined> {
  const dot = value.lastIndexOf('.');
  if (dot < 0) return undefined;
  const payload = value.slice(0, dot);
  if (!(await equalSecrets(value.slice(dot + 1), await hmacSha256Hex(secret, payload)))) return undefined;
  try {
    const parsed = v.safeParse(KeptSchema, JSON.parse(fromBase64url(payload)));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

/** The cookie's value in a request's Cookie header, if there is one. */
export function touchCookieOf(request: Request): string | undefined {
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, ...rest] = pair.trim().split('=');
    if (name === TOUCH_COOKIE) return rest.join('=');
  }
  return undefined;
}

/** A Set-Cookie header that keeps `value` for `maxAgeSeconds` (0 deletes it) on `path`. */
export const touchSetCookie = (value: string, maxAgeSeconds: number, path: string): string =>
  `${TOUCH_COOKIE}=${value}; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Lax`;
