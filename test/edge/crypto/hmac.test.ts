import { describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../../edge/crypto/hmac.ts';

// RFC 4231, test case 2.
const JEFE = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

describe('hmacSha256Hex', () => {
  it('signs with each key as given, its imported key kept for the next call', async () => {
    expect(await hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(JEFE);
    const other = await hmacSha256Hex('not-Jefe', 'what do ya want for nothing?');
    expect(other).not.toBe(JEFE);
    expect(await hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(JEFE);
    expect(await hmacSha256Hex('not-Jefe', 'what do ya want for nothing?')).toBe(other);
  });

  it('still signs right after more keys than it keeps', async () => {
    for (let index = 0; index < 100; index++) await hmacSha256Hex(`key-${index}`, 'message');
    expect(await hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(JEFE);
  });
});
