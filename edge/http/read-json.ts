import { MAX_BODY_BYTES } from '../constants.ts';
import { apiError } from './responses.ts';

/** The parsed JSON body, or the 4xx answer that explains why there is none. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

/** Reads a JSON request body, refusing other media types and bodies over MAX_BODY_BYTES before parsing. */
export async function readJsonBody(request: Request): Promise<JsonBody> {
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return { ok: false, response: apiError(415, 'unsupported_media_type', 'Send the lead as application/json') };
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return { ok: false, response: tooLarge() };
  const bytes = await readAtMost(request, MAX_BODY_BYTES);
  if (!bytes) return { ok: false, response: tooLarge() };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)) };
  } catch {
    return { ok: false, response: apiError(400, 'invalid_json', 'The body is not valid UTF-8 JSON') };
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
