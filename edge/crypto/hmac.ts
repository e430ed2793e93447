const encoder = new TextEncoder();

/** Each byte's two hex digits, made once per isolate: every signature and digest is turned into hex. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Lowercase hex of a byte buffer. */
export function toHex(bytes: ArrayBuffer): string {
  let hex = '';
  for (const byte of new Uint8Array(bytes)) hex += HEX[byte];
  return hex;
}

/** HMAC-SHA256 of `message` under `key` (both UTF-8), as lowercase hex. */
export async function hmacSha256Hex(key: string, message: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return toHex(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message)));
}
