import type { ApiErrorBody, ApiErrorCode } from '../../shared/api.ts';

/** A JSON answer with the given status and extra headers. */
export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const response = new Response(JSON.stringify(body), { status, headers });
  response.headers.set('content-type', 'application/json; charset=utf-8');
  response.headers.set('cache-control', 'no-store');
  response.headers.set('x-content-type-options', 'nosniff');
  return response;
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
