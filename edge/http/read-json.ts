import { readBodyBytes, mediaTypeOf, utf8 } from './read-body.ts';
import { apiError } from './responses.ts';

/** The parsed JSON body, or the 4xx answer that explains why there is none. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

/**
 * Reads a JSON request body, refusing other media types and bodies over MAX_BODY_BYTES before
 * parsing. `acceptTextPlain` also takes JSON sent as `text/plain`, which a browser posts
 * cross-origin without a preflight (a CORS-simple request).
 */
export async function readJsonBody(request: Request, acceptTextPlain = false): Promise<JsonBody> {
  const mediaType = mediaTypeOf(request);
  if (mediaType !== 'application/json' && !(acceptTextPlain && mediaType === 'text/plain')) {
    return { ok: false, response: apiError(415, 'unsupported_media_type', 'Send the lead as application/json') };
  }
  const body = await readBodyBytes(request);
  if (!body.ok) return body;
  const text = utf8(body.bytes);
  try {
    if (text === undefined) throw new SyntaxError('not UTF-8');
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: apiError(400, 'invalid_json', 'The body is not valid UTF-8 JSON') };
  }
}
