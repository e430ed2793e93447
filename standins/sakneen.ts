import type { Check, StandIn, Verdict } from './types.ts';

// sakneen.txt: "POST /external/apis/v1.0/leads" is the only endpoint the document describes.
const LEADS_PATH = '/external/apis/v1.0/leads';
const DOCUMENTED_FIELDS = ['name', 'phoneNumber', 'email', 'project'];
// Our own rules for the formats the document names without defining ("valid email format",
// "Invalid phone number format"): E.164 as the samples write it (+1234567890), a plain address.
const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// The stand-in's organization and its compounds, for "Project Matching" (case-insensitive).
const ORGANIZATION_ID = '64f1234567890abcdef12345';
const COMPOUNDS: Record<string, string> = { 'downtown tower': '64f1234567890abcdef12359', 'test project': '64f1234567890abcdef12360' };

/** sakneen.txt's error shape: `{"statusCode":…,"message":…}` (a string, or a list). */
const failure = (status: number, message: unknown, checks: Check[], authenticated: boolean): Verdict => ({
  checks,
  authenticated,
  status,
  body: { statusCode: status, message },
});

const hex24 = (prefix: string, n: number) => prefix + n.toString(16).padStart(24 - prefix.length, '0');
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The Sakneen Leads API: create-lead, authenticated by the `api-key` header. */
export function sakneenStandIn(secrets: Readonly<Record<string, string>>): StandIn {
  const apiKey = secrets['apiKey'] ?? '';
  let leadId = 1001; // sakneen.txt: "A sequential leadId number per organization"
  const phones = new Set<string>(); // sakneen.txt: "Checks phone number format and duplication rules"

  function createLead(headers: Headers, body: string, now: Date): Verdict {
    const sentKey = headers.get('api-key');
    const checks: Check[] = [
      { name: 'api-key header present', ok: sentKey !== null && sentKey !== '' },
      { name: 'api-key valid', ok: apiKey !== '' && sentKey === apiKey },
    ];
    const check = (name: string, ok: boolean, detail?: string) => checks.push({ name, ok, ...(detail === undefined ? {} : { detail }) });
    // sakneen.txt, "Common Error Responses": the two 401 answers, word for word.
    if (!sentKey) return failure(401, 'Access Denied, API key not provided', checks, false);
    if (sentKey !== apiKey) return failure(401, 'Access Denied, API key not valid', checks, false);

    const contentType = headers.get('content-type') ?? '';
    check('content-type: application/json', contentType.split(';')[0]?.trim().toLowerCase() === 'application/json', contentType);
    // The document names no other language; it does not say an unknown one is refused, so only the check fails.
    const language = headers.get('language');
    if (language !== null) check('language header: en or ar', language === 'en' || language === 'ar', language);
    const params = parseObject(body);
    check('body: a JSON object', params !== undefined);
    // Not documented: a body that is not JSON reads as empty, as a JSON body parser would leave it.
    const lead = contentType.includes('json') && params ? params : {};

    // sakneen.txt, "Validation Errors": one {field: text} per missing required field.
    const missing = ['name', 'phoneNumber'].filter((field) => !(field in lead) || lead[field] === undefined || lead[field] === null);
    for (const field of ['name', 'phoneNumber']) check(`${field}: non-empty string`, isText(lead[field]), JSON.stringify(lead[field]));
    if (missing.length > 0) return failure(400, missing.map((field) => ({ [field]: `${field} field is missing from body` })), checks, true);

    // Not documented how these are worded: the same {field: text} shape as the validation errors.
    const invalid: Record<string, string>[] = [];
    for (const field of ['name', 'phoneNumber']) if (!isText(lead[field])) invalid.push({ [field]: `${field} must be a non-empty string` });
    if ('email' in lead) {
      const ok = typeof lead['email'] === 'string' && EMAIL.test(lead['email']);
      check('email: valid email format', ok, JSON.stringify(lead['email']));
      if (!ok) invalid.push({ email: 'email must be a valid email' });
    }
    if ('project' in lead) {
      check('project: non-empty string', isText(lead['project']), JSON.stringify(lead['project']));
      if (!isText(lead['project'])) invalid.push({ project: 'project must be a non-empty string' });
    }
    // Not documented: the adapter must send only the documented fields; answered like a whitelist validator.
    const extra = Object.keys(lead).filter((field) => !DOCUMENTED_FIELDS.includes(field));
    check('only documented fields', extra.length === 0, extra.join(', '));
    for (const field of extra) invalid.push({ [field]: `property ${field} should not exist` });
    if (invalid.length > 0) return failure(400, invalid, checks, true);

    // sakneen.txt, "Phone Number Validation Error": a list of strings.
    const phone = String(lead['phoneNumber']);
    const phoneErrors: string[] = [];
    check('phoneNumber: E.164 format', E164.test(phone), phone);
    if (!E164.test(phone)) phoneErrors.push('Invalid phone number format');
    check('phoneNumber: new in this organization', !phones.has(phone), phone);
    if (phones.has(phone)) phoneErrors.push('Phone number already exists for this organization');
    if (phoneErrors.length > 0) return failure(400, phoneErrors, checks, true);
    // "Public create lead form not found" is the answer of an organization without a public form;
    // the stand-in's organization has one, so tests script that answer.

    phones.add(phone);
    const id = leadId++;
    const at = now.toISOString();
    const data = Object.fromEntries(DOCUMENTED_FIELDS.filter((field) => field in lead).map((field) => [field, lead[field]]));
    const compound = typeof lead['project'] === 'string' ? COMPOUNDS[lead['project'].trim().toLowerCase()] : undefined;
    // sakneen.txt, "Success Response". The status is not stated; 201 is what a create answers.
    const newLead = {
      _id: hex24('64f2', id),
      leadId: id,
      clientId: hex24('64f3', id),
      organizationId: ORGANIZATION_ID,
      compoundsIds: compound ? [compound] : [],
      data,
      assignedAt: at,
      isActive: true,
      isFresh: false,
      createdAt: at,
      updatedAt: at,
    };
    return { checks, authenticated: true, status: 201, body: { newLead } };
  }

  return {
    name: 'sakneen',
    judge(request, now) {
      if (request.method === 'POST' && request.path === LEADS_PATH) return Promise.resolve(createLead(request.headers, request.body, now));
      // Not documented: an unknown route answers 404 in the same error shape.
      return Promise.resolve(failure(404, `Cannot ${request.method} ${request.path}`, [], false));
    },
  };
}
