const PREFLIGHT_MAX_AGE_SECONDS = '86400';

/** CORS headers for an allowed origin; nothing for a request without one (same-origin or server). */
export function corsHeaders(origin: string | null): Record<string, string> {
  return origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
}

/** The answer to a CORS preflight from an allowed origin. */
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
