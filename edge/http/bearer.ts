const encoder = new TextEncoder();

/**
 * Whether the request carries `Authorization: Bearer <token>`. Both sides are hashed first so the
 * constant-time comparison always sees equal lengths and leaks nothing about the token's length.
 */
export async function hasBearerToken(request: Request, token: string): Promise<boolean> {
  const header = request.headers.get('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  const [a, b] = await Promise.all([crypto.subtle.digest('SHA-256', encoder.encode(given)), crypto.subtle.digest('SHA-256', encoder.encode(token))]);
  return given.length > 0 && crypto.subtle.timingSafeEqual(a, b);
}
