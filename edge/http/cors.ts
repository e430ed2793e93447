const PREFLIGHT_MAX_AGE_SECONDS = '86400';

/**
 * CORS headers that let the requesting page read the answer (Retry-After included); nothing but
 * Vary for a request without an Origin (same-origin or server). No credentials are ever allowed,
 * so reading an answer gives a page nothing it could not learn by posting.
 */
export function corsHeaders(origin: string | null): Record<string, string> {
  return origin ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'Retry-After', vary: 'Origin' } : { vary: 'Origin' };
}

/** The answer to a CORS preflight; it allows the POST, which the lead route then checks. */
export function preflight(origin: string): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origin),
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
    },
  });
}

/** Copies CORS headers onto a finished response. */
export function withCors(response: Response, origin: string | null): Response {
  for (const [name, value] of Object.entries(corsHeaders(origin))) response.headers.set(name, value);
  return response;
}
