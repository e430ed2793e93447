import { toHex } from './hmac.ts';

const encoder = new TextEncoder();

/** SHA-256 of `text` (UTF-8) as lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}
