const encoder = new TextEncoder();

/** Each byte's two hex digits, made once per isolate: every signature and digest is turned into hex. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Lowercase hex of a byte buffer. */
export function toHex(bytes: ArrayBuffer): string {
  let hex = '';
  for (const byte of new Uint8Array(bytes)) hex += HEX[byte];
  return hex;
}

/** HMAC-SHA256 of `message` (UTF-8) under the raw `key` bytes. */
export async function hmacSha256(key: BufferSource, message: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message));
}

/** HMAC-SHA256 of `message` under `key` (both UTF-8), as lowercase hex. */
export const hmacSha256Hex = async (key: string, message: string): Promise<string> => toHex(await hmacSha256(encoder.encode(key), message));
