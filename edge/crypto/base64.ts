const encoder = new TextEncoder();

/** Bytes per String.fromCharCode call: well under any engine's limit on a call's arguments. */
const CHUNK = 4096;

/**
 * `text` as UTF-8, in base64. Encoded first (RFC 7617 for Basic auth), so a non-ASCII character
 * cannot make `btoa` throw; a chunk of bytes at a time, so a long text cannot overflow a call's
 * arguments, and no string per byte is made (a credential is built and masked on every attempt).
 */
export function utf8Base64(text: string): string {
  const bytes = encoder.encode(text);
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  return btoa(binary);
}
