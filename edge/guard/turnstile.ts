import { parseJsonObject } from '../providers/response.ts';
import type { ProviderRequest } from '../providers/types.ts';

/** Cloudflare's Turnstile verification endpoint; TURNSTILE_VERIFY_URL replaces it (local stand-in). */
export const TURNSTILE_VERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

/** The siteverify request for one token, form-encoded as Cloudflare documents it. */
export function siteverifyRequest(url: string, secret: string, token: string, remoteIp: string | null): ProviderRequest {
  const body = new URLSearchParams({ secret, response: token, ...(remoteIp ? { remoteip: remoteIp } : {}) });
  return { method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() };
}

/** Whether siteverify said the token is good; when not, its error codes. */
export function readSiteverify(status: number, bodyText: string): { ok: true } | { ok: false; reason: string } {
  const body = parseJsonObject(bodyText);
  if (status === 200 && body?.['success'] === true) return { ok: true };
  const codes = Array.isArray(body?.['error-codes']) ? (body['error-codes'] as unknown[]).join(', ') : `HTTP ${status}`;
  return { ok: false, reason: `Turnstile refused the token (${codes || 'no reason given'})` };
}
