import { errorReason, heldForCredentials, isCredentialFailure, isSuccess, isTransient, parseJson } from './response.ts';
import type { DeliveryResult } from './types.ts';

/** hotwire.txt: `responseCodes` of a user that was added to the database. */
const CREATED = 'USER_CREATED';
/** hotwire.txt: "In the case of duplicates ... the user will not be created and the response returned will be 200 OK". */
const NOT_CREATED = 'USER_NOT_CREATED';

/** Kept with a lead Hotwire already had: delivered, since a duplicate is not an error. */
export const DUPLICATE_NOTE = 'USER_NOT_CREATED: Hotwire already has a user with this email, so it created none';

/** How emails are compared: Hotwire may echo an address in another case than we sent it. */
export const emailKey = (email: string): string => email.trim().toLowerCase();

/**
 * The codes per email of the documented 200 answer, `[{"email":…,"responseCodes":"USER_CREATED"}]`,
 * or undefined when the body is not such an array. `responseCodes` is a string in the document;
 * its plural name suggests it may also come as a list, so a list of strings is read too.
 */
function codesByEmail(bodyText: string): Map<string, string[]> | undefined {
  const body = parseJson(bodyText);
  if (!Array.isArray(body)) return undefined;
  const codes = new Map<string, string[]>();
  for (const entry of body as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { email, responseCodes } = entry as Record<string, unknown>;
    if (typeof email !== 'string') continue;
    const list = typeof responseCodes === 'string' ? [responseCodes] : Array.isArray(responseCodes) ? responseCodes.filter((code): code is string => typeof code === 'string') : [];
    if (!codes.has(emailKey(email))) codes.set(emailKey(email), list);
  }
  return codes;
}

/** One lead's result from its entry in a 200 answer. */
function resultOf(status: number, codes: readonly string[] | undefined): DeliveryResult {
  // Resending is safe: Hotwire answers a known email with USER_NOT_CREATED, so doubt means retry.
  if (codes === undefined) return { kind: 'retry', status, reason: `${status} Hotwire's answer does not list this lead's email` };
  if (codes.includes(CREATED)) return { kind: 'delivered', status };
  if (codes.includes(NOT_CREATED)) return { kind: 'delivered', status, note: DUPLICATE_NOTE };
  return { kind: 'retry', status, reason: `${status} unexpected responseCodes for this lead's email: ${JSON.stringify(codes)}`.slice(0, 500) };
}

/**
 * One result per lead, given each lead's email in request order. hotwire.txt: 200 with a
 * per-email array; 400 when "any issue is encountered" refuses the whole array (`wholeBatch`).
 * A lead whose email came earlier in the same batch was not sent again and shares its result.
 */
export function classifyHotwireResponse(status: number, bodyText: string, emails: readonly string[]): DeliveryResult[] {
  if (!isSuccess(status)) {
    const result: DeliveryResult = isCredentialFailure(status)
      ? heldForCredentials(status, bodyText)
      : isTransient(status)
        ? { kind: 'retry', status, reason: errorReason(status, bodyText) }
        : // A 400 names no lead: the delivery layer splits the batch until it finds the one at fault.
          { kind: 'rejected', status, reason: errorReason(status, bodyText), ...(status === 400 ? { wholeBatch: true } : {}) };
    return emails.map(() => result);
  }
  const codes = codesByEmail(bodyText);
  // A 2xx we cannot read may or may not have created the users: never call it delivered.
  if (!codes) return emails.map(() => ({ kind: 'retry', status, reason: `unexpected ${status} answer: ${errorReason(status, bodyText)}` }));
  const seen = new Map<string, DeliveryResult>();
  return emails.map((email) => {
    const earlier = seen.get(emailKey(email));
    if (earlier?.kind === 'delivered') return { ...earlier, note: `same email as an earlier lead of this batch, sent once: ${earlier.note ?? CREATED}` };
    if (earlier) return earlier;
    const result = resultOf(status, codes.get(emailKey(email)));
    seen.set(emailKey(email), result);
    return result;
  });
}
