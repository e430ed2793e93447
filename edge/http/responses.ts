import type { ApiErrorBody, ApiErrorCode } from '../../shared/api.ts';

// Every JSON answer's headers, given whole to the Response: one copy into its Headers instead of a set() call each.
const JSON_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** A JSON answer with the given status. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

/** A 4xx/5xx answer in the one error shape clients can rely on. */
export function apiError(status: number, code: ApiErrorCode | 'server_error', message: string, fields?: Record<string, string>): Response {
  const body: ApiErrorBody | { error: { code: 'server_error'; message: string } } = {
    error: { code, message, ...(fields ? { fields } : {}) } as ApiErrorBody['error'],
  };
  return json(body, status);
}

/**
 * The 503 while the phone metadata cannot be loaded (edge/phone-metadata.ts): nothing was taken,
 * and the widget's outbox sends the lead again, as it does after any 5xx.
 */
export const phoneDataUnavailable = (): Response =>
  apiError(503, 'server_error', 'The Worker could not load its phone data, so nothing was stored: send the lead again in a moment');
