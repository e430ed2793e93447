const encoder = new TextEncoder();

/** Each byte's two hex digits, made once per isolate: every signature and digest is turned into hex. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Lowercase hex of a byte buffer. */
export function toHex(bytes: ArrayBuffer): string {
  let hex = '';
  for (const byte of new Uint8Array(bytes)) hex += HEX[byte];
  return hex;
}

// Each HMAC key imported once per isolate: importKey costs about what the signature does. The
// keys are the Worker's own secrets (a form's Anarock key, the touch cookie's): a handful, which the
// cap only bounds against a caller that would pass many. The key object is kept, not its promise,
// so no request ever waits on another's.
const imported = new Map<string, CryptoKey>();
const MAX_KEYS = 64;

async function hmacKey(key: string): Promise<CryptoKey> {
  const known = imported.get(key);
  if (known) return known;
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  if (imported.size >= MAX_KEYS) imported.clear();
  imported.set(key, cryptoKey);
  return cryptoKey;
}

/** HMAC-SHA256 of `message` under `key` (both UTF-8), as lowercase hex. */
export async function hmacSha256Hex(key: string, message: string): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', await hmacKey(key), encoder.encode(message)));
}
