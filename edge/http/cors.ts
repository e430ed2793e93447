const PREFLIGHT_MAX_AGE_SECONDS = '86400';

/**
 * CORS headers that let the requesting page read the answer (Retry-After included); nothing but
 * Vary for a request without an Origin (same-origin or server). Credentials are allowed for the
 * same-site cookie mode, whose widget sends the Worker's cookie with touches and leads: the cookie
 * is HttpOnly and no answer carries anything read from it, so reading an answer still gives a
 * page nothing it could not learn by posting; and SameSite=Lax keeps the cookie off every
 * request from another site.
 */
export function corsHeaders(origin: string | null): Record<string, string> {
  return origin
    ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'Retry-After', vary: 'Origin' }
    : { vary: 'Origin' };
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
  const headers = corsHeaders(origin);
  for (const name in headers) response.headers.set(name, headers[name] as string);
  return response;
}
