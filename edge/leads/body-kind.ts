import { mediaTypeOf } from '../http/read-body.ts';
import { apiError } from '../http/responses.ts';

/**
 * How a lead arrives: as JSON (the widget, the plain API; `text/plain` too, because a browser
 * sends that cross-origin without a preflight), or as a plain HTML form's post when the page's
 * JavaScript did not run.
 */
export type LeadBodyKind = 'json' | 'form';

const KINDS: Readonly<Record<string, LeadBodyKind>> = {
  'application/json': 'json',
  'text/plain': 'json',
  'application/x-www-form-urlencoded': 'form',
  'multipart/form-data': 'form',
};

/** The kind of this request's body, or undefined for a media type the lead route does not take. */
export const leadBodyKind = (request: Request): LeadBodyKind | undefined => KINDS[mediaTypeOf(request) ?? ''];

/** The 415 for any other media type. */
export const unsupportedLeadBody = (): Response =>
  apiError(415, 'unsupported_media_type', 'Send the lead as application/json (or JSON as text/plain), or post an HTML form');

/**
 * Whether the answer is for a person's browser tab rather than a script: a form post, or a
 * navigation (`Accept: text/html`) that is not JSON. Those answers are pages, never JSON.
 */
export function answersWithPage(request: Request): boolean {
  const kind = leadBodyKind(request);
  if (kind) return kind === 'form';
  return request.method !== 'OPTIONS' && (request.headers.get('accept') ?? '').includes('text/html');
}
