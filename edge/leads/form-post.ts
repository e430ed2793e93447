import { HONEYPOT_FIELD } from '../../shared/constants.ts';
import { campaignParams } from '../../shared/campaign-params.ts';
import { sha256Hex } from '../crypto/sha256.ts';
import { readBodyBytes, utf8 } from '../http/read-body.ts';
import { apiError } from '../http/responses.ts';

/** Names a form post may carry that are not lead fields. `cf-turnstile-response` is the input Turnstile's widget adds. */
const CONTROL_FIELDS = new Set(['idempotencyKey', 'locale', 'lang', HONEYPOT_FIELD, 'cf-turnstile-response']);

/** What a form post's body turned into: a submission for the lead schema, or the 4xx answer. */
export type FormPost = { ok: true; submission: Record<string, unknown>; locale: string | undefined } | { ok: false; response: Response };

/** Where the post came from, for the idempotency key and the page attribution. */
export interface FormPostContext {
  formId: string;
  clientIp: string;
  /** The `Referer`, used only when its origin is one of the form's. */
  pageUrl: string | undefined;
  now: number;
}

const DAY_MS = 86_400_000;

/** The name/value pairs of an urlencoded or multipart body; files are refused, empty file inputs skipped. */
async function entriesOf(request: Request, bytes: Uint8Array): Promise<[string, string][] | Response> {
  const refused = () => apiError(400, 'invalid_input', 'The form could not be read', { body: 'Send the form as UTF-8 text' });
  if (request.headers.get('content-type')?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    const text = utf8(bytes);
    return text === undefined ? refused() : [...new URLSearchParams(text)];
  }
  let data: FormData;
  try {
    data = await new Response(bytes, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    return refused();
  }
  const pairs: [string, string][] = [];
  for (const [name, value] of data) {
    if (typeof value === 'string') pairs.push([name, value]);
    else if (value.size > 0) return apiError(415, 'unsupported_media_type', 'This form takes no files', { [name]: 'Files cannot be sent with this form' });
  }
  return pairs;
}

/**
 * The key that makes a double submit, or a resubmit after Back, one lead: a hash of the form,
 * the client IP, the UTC day and everything posted. Without JavaScript no page can mint a key
 * per visit, and a key printed in a static snippet would be every visitor's, so it is derived;
 * an `idempotencyKey` the page does carry (a server-rendered form) only narrows it.
 */
async function derivedKey(pairs: [string, string][], context: FormPostContext): Promise<string> {
  const canonical = JSON.stringify([context.formId, context.clientIp, Math.floor(context.now / DAY_MS), [...pairs].sort()]);
  // The first 24 bytes of the digest, in hex.
  return `form-${(await sha256Hex(canonical)).slice(0, 48)}`;
}

/** The campaign keys of the page's URL, when the Referer carried its query. */
function touchOf(pageUrl: string | undefined): Record<string, string> | undefined {
  if (!pageUrl) return undefined;
  const touch = campaignParams(new URL(pageUrl).searchParams);
  return Object.keys(touch).length > 0 ? { ...touch, landing_page: pageUrl } : undefined;
}

/**
 * Reads a plain HTML form's post into the body the widget would have sent. Repeated names
 * (checkboxes) are joined with ", ". There is no timing signal: `elapsedMs` stays unset.
 */
export async function readFormPost(request: Request, context: FormPostContext): Promise<FormPost> {
  const body = await readBodyBytes(request);
  if (!body.ok) return body;
  const pairs = await entriesOf(request, body.bytes);
  if (pairs instanceof Response) return { ok: false, response: pairs };
  const fields: Record<string, string> = {};
  const control: Record<string, string> = {};
  for (const [name, value] of pairs) {
    const into = CONTROL_FIELDS.has(name) ? control : fields;
    into[name] = into[name] === undefined || into === control ? value : `${into[name]}, ${value}`;
  }
  const locale = control['locale'] || control['lang'] || undefined;
  const last = touchOf(context.pageUrl);
  const submission = {
    fields,
    attribution: { ...(last ? { last } : {}), ...(context.pageUrl ? { page: { url: context.pageUrl } } : {}) },
    idempotencyKey: await derivedKey(pairs, context),
    ...(control[HONEYPOT_FIELD] ? { honeypot: control[HONEYPOT_FIELD] } : {}),
    ...(control['cf-turnstile-response'] ? { turnstileToken: control['cf-turnstile-response'] } : {}),
    ...(locale ? { locale } : {}),
  };
  return { ok: true, submission, locale };
}
