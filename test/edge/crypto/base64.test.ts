import { describe, expect, it } from 'vitest';
import { utf8Base64 } from '../../../edge/crypto/base64.ts';

describe('utf8Base64', () => {
  it('encodes UTF-8 bytes, RFC 7617 style, short and long', () => {
    expect(utf8Base64('Aladdin:open sesame')).toBe('QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    expect(utf8Base64('test:123£')).toBe('dGVzdDoxMjPCow==');
    expect(utf8Base64('')).toBe('');
    const long = 'é'.repeat(10_000);
    expect(atob(utf8Base64(long))).toBe(String.fromCharCode(...new TextEncoder().encode(long)));
  });
});
