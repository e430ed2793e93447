import { equalSecrets } from '../crypto/equal.ts';

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
export async function hasBearerToken(request: Request, token: string): Promise<boolean> {
  const header = request.headers.get('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  const same = await equalSecrets(given, token);
  return given.length > 0 && same;
}
