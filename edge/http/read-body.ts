import { MAX_BODY_BYTES } from '../constants.ts';
import { apiError } from './responses.ts';

/** A request body's bytes, or the 4xx answer that explains why there are none. */
export type BodyBytes = { ok: true; bytes: Uint8Array } | { ok: false; response: Response };

/** The media type of the request (`application/json`), lower-cased, without parameters. */
export const mediaTypeOf = (request: Request): string | undefined => request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() || undefined;

/** Reads the body, refusing one over MAX_BODY_BYTES before (declared) or while (streamed) reading it. */
export async function readBodyBytes(request: Request): Promise<BodyBytes> {
  const declared = request.headers.get('content-length');
  if (Number(declared) > MAX_BODY_BYTES) return { ok: false, response: tooLarge() };
  // A declared length frames the body (the runtime never hands over more), so one arrayBuffer()
  // call is safe and about 4x faster than iterating the stream. Without one (chunked), the body
  // is counted as it arrives so a huge upload stops at the cap.
  const bytes = declared !== null && /^\d+$/.test(declared) ? new Uint8Array(await request.arrayBuffer()) : await readAtMost(request, MAX_BODY_BYTES);
  return bytes ? { ok: true, bytes } : { ok: false, response: tooLarge() };
}

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
export function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

const tooLarge = () => apiError(413, 'payload_too_large', `The body is over ${MAX_BODY_BYTES} bytes`);

/** The body's bytes, or undefined as soon as it grows past `limit` (a missing or lying content-length cannot get past). */
async function readAtMost(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
