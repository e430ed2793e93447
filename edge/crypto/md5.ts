import { toHex } from './hmac.ts';

const encoder = new TextEncoder();

/**
 * MD5 of `text` (UTF-8) as lowercase hex. workerd's WebCrypto offers MD5 for legacy signatures
 * such as Hotwire's; browsers and Node's WebCrypto do not, so only edge code may call this.
 */
export async function md5Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('MD5', encoder.encode(text)));
}
