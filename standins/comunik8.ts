import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Check, StandIn, Verdict } from './types.ts';

// comunik8.txt: lead types "will be given to you"; this stand-in knows the sample's and one more.
const KNOWN_TYPES = new Set(['motor-trade', 'home-improvement']);
// comunik8.txt's sample mobile "07840258823" is a UK number in national form: read numbers without + as GB.
const HOME_COUNTRY = 'GB';
// comunik8.txt, FIELDS of /lead/add; anything else is not in the table.
const ADD_FIELDS = ['email', 'first_name', 'surname', 'mobile', 'type', 'subtype', 'other_phone', 'data', 'delays', 'test'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// The Yii-style labels of the document's "Email cannot be blank."
const LABELS: Record<string, string> = { email: 'Email', first_name: 'First Name', surname: 'Surname', mobile: 'Mobile', type: 'Type' };

/** The documented "Type doesn't exist" answer, verbatim: its warning is unquoted, so it is not JSON. */
const CALL_GROUP_ERROR = '{\n    "cancelled": false,\n    "warning": server error (call group)\n}';

const answer = (checks: Check[], authenticated: boolean, status: number, body: unknown): Verdict => ({ checks, authenticated, status, body });

/** The canonical number a contact is kept under, or undefined when `mobile` is not a valid phone number. */
function phoneKey(mobile: unknown): string | undefined {
  if (typeof mobile !== 'string') return undefined;
  const parsed = parsePhoneNumberFromString(mobile, HOME_COUNTRY);
  return parsed?.isValid() ? parsed.number : undefined;
}

const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** comunik8.txt DATA: a string holding a non-empty JSON object, e.g. "{\"vehicle_make\":\"Ford\"}". */
function validData(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && Object.keys(parsed).length > 0;
  } catch {
    return false;
  }
}

/**
 * Judges fields against the document's table. Returns the checks and the 400 body comunik8.txt
 * shows (`{"email":{"0":"Email cannot be blank."}}`); the wording of messages other than the blank
 * and `data` ones is this stand-in's guess.
 */
function judgeFields(body: Record<string, unknown>, required: string[]): { checks: Check[]; errors: Record<string, { '0': string }> } {
  const checks: Check[] = [];
  const errors: Record<string, { '0': string }> = {};
  const rule = (name: string, field: string, ok: boolean, message: string) => {
    checks.push({ name, ok, ...(ok ? {} : { detail: JSON.stringify(body[field]) }) });
    if (!ok) errors[field] ??= { '0': message };
  };
  for (const field of required) rule(`${field}: required`, field, filled(body[field]), `${LABELS[field]} cannot be blank.`);
  if (filled(body['email'])) rule('email: valid e-mail address', 'email', EMAIL.test(String(body['email'])), 'Email is not a valid email address.');
  if (filled(body['mobile'])) rule('mobile: a valid phone number', 'mobile', phoneKey(body['mobile']) !== undefined, 'Mobile is not a valid phone number.');
  for (const field of ['subtype', 'other_phone']) if (field in body) rule(`${field}: text`, field, typeof body[field] === 'string', `${field} must be a string.`);
  if ('delays' in body) rule('delays: a number (seconds)', 'delays', Number.isInteger(body['delays']) && Number(body['delays']) >= 0, 'Delays must be a number.');
  if ('data' in body) rule('data: a valid JSON string (not an object)', 'data', validData(body['data']), 'Empty or invalid content of `data` field');
  return { checks, errors };
}

/** The Comunik8 Leads API: `/lead/add` and `/lead/cancel`, authorised by the `key` query parameter. */
export function comunik8StandIn(secrets: Readonly<Record<string, string>>): StandIn {
  const key = secrets['key'] ?? '';
  // Contacts by canonical mobile: the type they were saved with and when the dialler calls them.
  const contacts = new Map<string, { type: string; callAt: number }>();

  function add(body: Record<string, unknown>, checks: Check[], now: Date): Verdict {
    const fields = judgeFields(body, ['email', 'first_name', 'surname', 'mobile', 'type']);
    checks.push(...fields.checks);
    const testOk = !('test' in body) || body['test'] === 'true' || body['test'] === true;
    checks.push({ name: 'test: "true" (field table) or true (sample), else absent', ok: testOk });
    // An undocumented field is flagged, not refused: how the real API treats one is not documented.
    const unknown = Object.keys(body).filter((field) => !ADD_FIELDS.includes(field));
    checks.push({ name: 'only fields of the document’s table', ok: unknown.length === 0, ...(unknown.length ? { detail: unknown.join(', ') } : {}) });
    if (!testOk) fields.errors['test'] ??= { '0': 'Test must be "true".' }; // wording is our guess
    if (Object.keys(fields.errors).length > 0) return answer(checks, true, 400, fields.errors); // "Validation failed"
    // comunik8.txt: test "does not save lead"; the stand-in checks formats only, as the sample's answer says.
    if ('test' in body) return answer(checks, true, 200, { test: 'ok' });
    // comunik8.txt gives no HTTP status for the fail states; 200 is this stand-in's choice (they say "saved": true).
    if (!KNOWN_TYPES.has(String(body['type']))) return answer(checks, true, 200, { saved: true, processed: false, error: 'Unknown Type' });
    const mobile = phoneKey(body['mobile']) ?? '';
    const existing = contacts.get(mobile);
    if (existing) {
      const error = existing.callAt > now.getTime() ? 'Another call is already scheduled' : 'Existing Contact';
      return answer(checks, true, 200, { saved: true, processed: false, error });
    }
    contacts.set(mobile, { type: String(body['type']), callAt: now.getTime() + Number(body['delays'] ?? 0) * 1000 });
    return answer(checks, true, 200, { saved: true, processed: true });
  }

  function cancel(body: Record<string, unknown>, checks: Check[], now: Date): Verdict {
    const fields = judgeFields(body, ['type', 'mobile']);
    checks.push(...fields.checks, { name: 'no "test" field (comunik8.txt: deleting leads does not include one)', ok: !('test' in body) });
    if (Object.keys(fields.errors).length > 0) return answer(checks, true, 400, fields.errors);
    if ('test' in body) return answer(checks, true, 400, { test: { '0': 'Test is not allowed when cancelling.' } }); // our guess
    if (!KNOWN_TYPES.has(String(body['type']))) return answer(checks, true, 200, CALL_GROUP_ERROR);
    const mobile = phoneKey(body['mobile']) ?? '';
    const contact = contacts.get(mobile);
    if (!contact || contact.type !== body['type']) return answer(checks, true, 200, { cancelled: false, warning: 'not found' });
    if (contact.callAt <= now.getTime()) return answer(checks, true, 200, { cancelled: false, warning: 'already processed' });
    contacts.delete(mobile);
    return answer(checks, true, 200, { cancelled: true });
  }

  return {
    name: 'comunik8',
    judge(request, now) {
      const route = { '/lead/add': add, '/lead/cancel': cancel }[request.path];
      // Unknown paths, other methods, bad keys and non-JSON bodies: the document is silent; these answers are our choice (Yii's defaults).
      if (!route) return Promise.resolve(answer([], false, 404, { name: 'Not Found', message: 'Page not found.', status: 404 }));
      const authenticated = key !== '' && request.query.get('key') === key;
      const checks: Check[] = [
        { name: 'POST', ok: request.method === 'POST' },
        { name: 'key query parameter is the API key', ok: authenticated },
        { name: 'Content-type: application/json', ok: (request.headers.get('content-type') ?? '').startsWith('application/json') },
      ];
      if (request.method !== 'POST') return Promise.resolve(answer(checks, authenticated, 405, { name: 'Method Not Allowed', message: 'Method Not Allowed. This URL can only handle the following request methods: POST.', status: 405 }));
      if (!authenticated) return Promise.resolve(answer(checks, false, 401, { name: 'Unauthorized', message: 'Your request was made with invalid credentials.', status: 401 }));
      let body: unknown;
      try {
        body = JSON.parse(request.body);
      } catch {
        body = undefined;
      }
      const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
      checks.push({ name: 'body: a valid JSON object', ok: isObject });
      if (!isObject || !checks.every((item) => item.ok)) return Promise.resolve(answer(checks, true, 400, { body: { '0': 'Request body must be a valid JSON object.' } }));
      return Promise.resolve(route(body as Record<string, unknown>, checks, now));
    },
  };
}
