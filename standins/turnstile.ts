import type { StandIn } from './types.ts';

/**
 * The token Turnstile's documented test site keys produce in a browser; the stand-in takes it as
 * the one valid token (Cloudflare: "testing" section of the Turnstile docs).
 */
export const TURNSTILE_TEST_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';

/** Cloudflare Turnstile's siteverify: form-encoded secret + response (+ remoteip), JSON verdict. */
export function turnstileStandIn(secrets: Readonly<Record<string, string>>): StandIn {
  return {
    name: 'turnstile',
    async judge(request) {
      if (request.method !== 'POST' || request.path !== '/siteverify') {
        return { checks: [], authenticated: false, status: 404, body: { success: false, 'error-codes': ['not-found'] } };
      }
      const form = new URLSearchParams(request.body);
      const secretOk = form.get('secret') === (secrets['secret'] ?? '');
      const token = form.get('response');
      const checks = [
        { name: 'content-type: application/x-www-form-urlencoded', ok: (request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded') },
        { name: 'secret is the site secret', ok: secretOk },
        { name: 'response token present', ok: Boolean(token) },
      ];
      const codes = !secretOk ? ['invalid-input-secret'] : !token ? ['missing-input-response'] : token !== TURNSTILE_TEST_TOKEN ? ['invalid-input-response'] : [];
      return { checks, authenticated: secretOk, status: 200, body: { success: codes.length === 0, 'error-codes': codes } };
    },
  };
}
