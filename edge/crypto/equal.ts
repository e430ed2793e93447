const encoder = new TextEncoder();

/**
 * Whether two strings (a token, a signature) are equal, in time that does not depend on where
 * they differ. Both are hashed first, so the constant-time comparison always sees equal lengths
 * and leaks nothing about either one's length.
 */
export async function equalSecrets(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([crypto.subtle.digest('SHA-256', encoder.encode(a)), crypto.subtle.digest('SHA-256', encoder.encode(b))]);
  return crypto.subtle.timingSafeEqual(x, y);
}
