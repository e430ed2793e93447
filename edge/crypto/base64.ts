const encoder = new TextEncoder();

/** Bytes in base64; byte by byte, so a long input cannot overflow a call's arguments. */
export const bytesBase64 = (bytes: Uint8Array): string => btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));

/**
 * `text` as UTF-8, in base64. Encoded first (RFC 7617 for Basic auth), so a non-ASCII character
 * cannot make `btoa` throw.
 */
export const utf8Base64 = (text: string): string => bytesBase64(encoder.encode(text));
