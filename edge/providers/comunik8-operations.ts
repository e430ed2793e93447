import * as v from 'valibot';
import { errorReason, isSuccess, parseJsonObject } from './response.ts';
import type { OperationResult, ProviderOperation, ProviderRequest } from './types.ts';

/** Where the cancel operation of one form goes, and how that form writes a mobile number. */
export interface Comunik8CancelTarget {
  baseUrl: string;
  /** The form's lead `type`, used when the operator names none. */
  type: string;
  /** The number as `/lead/add` sent it, or undefined when it is not a valid phone number. */
  formatPhone(raw: string): string | undefined;
}

/**
 * comunik8.txt: a 400 names each failing field with Yii-style messages,
 * `{"email":{"0":"Email cannot be blank."}}`. Returns `email: Email cannot be blank.` (joined by `; `),
 * or undefined when the body is not that shape.
 */
export function fieldErrorMessages(body: Record<string, unknown> | undefined): string | undefined {
  const entries = Object.entries(body ?? {});
  if (entries.length === 0) return undefined;
  const parts: string[] = [];
  for (const [field, value] of entries) {
    // Only the documented shape (an object or list of messages per field), so a stray `{"status":"OK"}` is not read as one.
    const messages = typeof value === 'object' && value !== null ? Object.values(value) : [];
    if (messages.length === 0 || !messages.every((message) => typeof message === 'string')) return undefined;
    parts.push(`${field}: ${messages.join(' ')}`);
  }
  return parts.join('; ');
}

/** The `/lead/add` and `/lead/cancel` URL, `key` as comunik8.txt puts it: a query parameter. */
export const comunik8Url = (baseUrl: string, route: 'add' | 'cancel', key: string): string => `${baseUrl}/lead/${route}?${new URLSearchParams({ key })}`;

/** The headers of the document's curl samples, plus `accept` so errors come back as JSON. */
export const COMUNIK8_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json', 'cache-control': 'no-cache', accept: 'application/json' };

// comunik8.txt, "Fail States - Deleting Leads": what each documented warning means.
const WARNING_MEANINGS: Readonly<Record<string, string>> = {
  'server error (call group)': 'the lead type does not exist at Comunik8',
  'not found': 'Comunik8 has no lead of this type for this mobile number',
  'already processed': 'the lead has already been dialled',
  'server error (save)': 'Comunik8 could not save the cancellation; try again',
};

/**
 * The `warning` of a `{"cancelled":false,...}` answer. comunik8.txt prints the "Type doesn't exist"
 * answer with an unquoted value, `"warning": server error (call group)`, which is not JSON, so the
 * value is also read from the raw text.
 */
export function cancelWarning(bodyText: string): string | undefined {
  const body = parseJsonObject(bodyText);
  if (body) return body['cancelled'] === false && typeof body['warning'] === 'string' ? body['warning'] : undefined;
  if (!/"cancelled"\s*:\s*false/.test(bodyText)) return undefined;
  return /"warning"\s*:\s*"?([^"\r\n}]*?)"?\s*(?:,|\}|$)/m.exec(bodyText)?.[1]?.trim() || undefined;
}

const MOBILE_NEEDED = 'Enter the mobile number the lead was sent with';
// The object's own message is the one valibot gives for a missing `mobile`.
const CancelInput = v.object(
  {
    mobile: v.pipe(v.string(MOBILE_NEEDED), v.trim(), v.nonEmpty(MOBILE_NEEDED)),
    type: v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty('Enter the lead type, or leave it out for the form’s own'))),
  },
  MOBILE_NEEDED,
);

/** comunik8.txt, "Removing Leads": POST /lead/cancel?key=... with `{type, mobile}` (and never `test`). */
export function comunik8Cancel(target: Comunik8CancelTarget): ProviderOperation {
  return {
    description: 'Cancels a lead not yet dialled, by its mobile number and lead type (the form’s type unless given)',
    buildRequest(input, secrets) {
      const parsed = v.safeParse(CancelInput, input);
      if (!parsed.success) {
        const [issue] = parsed.issues;
        return Promise.resolve({ ok: false, fields: { [String(issue.path?.[0]?.key ?? 'mobile')]: issue.message } });
      }
      const mobile = target.formatPhone(parsed.output.mobile);
      if (!mobile) return Promise.resolve({ ok: false, fields: { mobile: 'Enter a valid phone number' } });
      const request: ProviderRequest = {
        method: 'POST',
        url: comunik8Url(target.baseUrl, 'cancel', secrets['key'] ?? ''),
        headers: { ...COMUNIK8_HEADERS },
        // comunik8.txt's sample body order; its trailing comma is a typo, this is valid JSON.
        body: JSON.stringify({ mobile, type: parsed.output.type ?? target.type }),
      };
      return Promise.resolve({ ok: true, request });
    },
    classifyResponse(status, bodyText): OperationResult {
      const body = parseJsonObject(bodyText);
      if (isSuccess(status) && body?.['cancelled'] === true) return { ok: true, status, body };
      const warning = cancelWarning(bodyText);
      if (warning !== undefined) {
        const meaning = WARNING_MEANINGS[warning];
        return { ok: false, status, reason: errorReason(status, meaning ? `${warning} (${meaning})` : warning) };
      }
      const fields = status === 400 ? fieldErrorMessages(body) : undefined;
      return { ok: false, status, reason: errorReason(status, fields ?? (isSuccess(status) ? `unexpected answer: ${bodyText}` : bodyText)) };
    },
  };
}
