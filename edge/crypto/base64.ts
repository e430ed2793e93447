const encoder = new TextEncoder();

/**
 * `text` as UTF-8, in base64. Encoded first (RFC 7617 for Basic auth), so a non-ASCII character
 * cannot make `btoa` throw; byte by byte, so a long text cannot overflow a call's arguments.
 */
export const utf8Base64 = (text: string): string => btoa(Array.from(encoder.encode(text), (byte) => String.fromCharCode(byte)).join(''));
