import type { Check, StandIn, Verdict } from './types.ts';

/** Largest clock difference the stand-in accepts for `current_time` (our assumption: the document names none). */
const CLOCK_WINDOW_SECONDS = 300;

const INTEGER_FIELDS = ['min_budget', 'max_budget', 'contact_date'];
const BOOLEAN_FIELDS = ['homeloan_required', 'is_otp_verified', 'is_call_verified', 'is_broker'];
const STRING_FIELDS = ['name', 'email', 'listing_id', 'listing_name', 'city', 'locality', 'remarks', 'credit_value', 'apartment_types', 'source', 'sub_source', 'placement'];

// The stand-in signs on its own rather than importing edge/crypto: a fake that shares the code
// under test would agree with its bugs.
async function hmacHex(key: string, message: string): Promise<string> {
  const encoder = new TextEncoder();
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message));
  return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Reads the body the way the real API accepts it: JSON (Ruby/axios samples) or form-encoded (PHP sample). */
function readParams(contentType: string, body: string): { params: Record<string, unknown>; encoding: 'json' | 'form' } | undefined {
  if (contentType.startsWith('application/json')) {
    try {
      const value: unknown = JSON.parse(body);
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? { params: value as Record<string, unknown>, encoding: 'json' } : undefined;
    } catch {
      return undefined;
    }
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) return { params: Object.fromEntries(new URLSearchParams(body)), encoding: 'form' };
  return undefined;
}

const isInteger = (value: unknown, encoding: 'json' | 'form') =>
  encoding === 'json' ? Number.isInteger(value) : typeof value === 'string' && /^\d+$/.test(value);
const isBoolean = (value: unknown, encoding: 'json' | 'form') =>
  encoding === 'json' ? typeof value === 'boolean' : value === 'true' || value === 'false';

/** Checks a sync-lead body field by field against anarock.txt's parameter table. */
function checkFields(params: Record<string, unknown>, encoding: 'json' | 'form'): Check[] {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail?: string) => checks.push({ name, ok, ...(detail ? { detail } : {}) });
  check('phone: national digits without country code', typeof params['phone'] === 'string' && /^\d{4,14}$/.test(params['phone']), String(params['phone']));
  check('country_code: ISO 3166-1 alpha-2', typeof params['country_code'] === 'string' && /^[A-Za-z]{2}$/.test(params['country_code']), String(params['country_code']));
  check('purpose is "buy"', params['purpose'] === 'buy');
  check('campaign_id present', typeof params['campaign_id'] === 'string' && params['campaign_id'] !== '');
  for (const field of INTEGER_FIELDS) if (field in params) check(`${field}: integer`, isInteger(params[field], encoding));
  for (const field of BOOLEAN_FIELDS) if (field in params) check(`${field}: boolean`, isBoolean(params[field], encoding));
  for (const field of STRING_FIELDS) if (field in params) check(`${field}: string`, typeof params[field] === 'string');
  if ('extra_details' in params) {
    const details = encoding === 'json' ? params['extra_details'] : safeJson(String(params['extra_details']));
    check('extra_details: JSON object', typeof details === 'object' && details !== null && !Array.isArray(details));
  }
  return checks;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const error = (status: number, message: string, checks: Check[], authenticated: boolean): Verdict => ({
  checks,
  authenticated,
  status,
  body: { status: 'ERROR', message },
});

/** Checks `current_time` and `hash` of a request: a signed, fresh timestamp. */
async function checkAuth(key: string, params: Record<string, unknown>, encoding: 'json' | 'form', now: Date): Promise<Check[]> {
  const currentTime = params['current_time'];
  const seconds = Number(currentTime);
  return [
    { name: 'current_time: integer epoch seconds', ok: isInteger(currentTime, encoding) && seconds < 1e11 },
    { name: `current_time within ${CLOCK_WINDOW_SECONDS} s of now`, ok: Math.abs(seconds - now.getTime() / 1000) <= CLOCK_WINDOW_SECONDS },
    { name: 'hash = HMAC-SHA256(key, current_time)', ok: params['hash'] === (await hmacHex(key, String(currentTime))) },
  ];
}

// anarock.txt documents no error answers; this is Anarock's answer to a bad hash as issue 16 reports it.
// The 401 status is our choice.
const KEY_WRONG = 'API key is wrong';

const SYNC_LEAD = /^\/api\/v0\/[A-Za-z0-9._-]+\/sync-lead$/;
const LAST_LEAD = /^\/api\/v0\/[A-Za-z0-9._-]+\/last-lead-data$/;

/** The Anarock Leads API: `sync-lead` and `last-lead-data`, verifying the HMAC `hash` with `key`. */
export function anarockStandIn(secrets: Readonly<Record<string, string>>): StandIn {
  const key = secrets['key'] ?? '';
  let leadId = 17863;
  const stored = new Map<string, Record<string, unknown>>(); // by phone, for last-lead-data

  async function syncLead(headers: Headers, body: string, now: Date): Promise<Verdict> {
    const read = readParams(headers.get('content-type') ?? '', body);
    if (!read) return error(400, 'body must be JSON or form-encoded', [], false);
    const { params, encoding } = read;
    const authChecks = await checkAuth(key, params, encoding, now);
    const authenticated = authChecks.every((item) => item.ok);
    const checks = [...authChecks, ...checkFields(params, encoding)];
    if (!authenticated) return error(401, KEY_WRONG, checks, false);
    const failed = checks.find((item) => !item.ok);
    if (failed) return error(422, `Invalid parameter: ${failed.name}`, checks, true);
    const id = leadId++;
    stored.set(String(params['phone']), { lead_id: id, ...params });
    // anarock.txt: "The above command returns JSON structured like this".
    return { checks, authenticated, status: 200, body: { status: 'OK', message: 'success', response: { lead_id: id } } };
  }

  async function lastLeadData(query: URLSearchParams, now: Date): Promise<Verdict> {
    const params = Object.fromEntries(query);
    const checks = await checkAuth(key, params, 'form', now);
    if (!checks.every((item) => item.ok)) return error(401, KEY_WRONG, checks, false);
    const lead = stored.get(params['phone'] ?? '');
    if (!lead) return error(404, 'No lead found for this phone', checks, true);
    // anarock.txt: the last-lead-data answer (phone and country_code as Anarock stores them).
    const response = {
      lead_id: lead['lead_id'],
      name: lead['name'] ?? null,
      email: lead['email'] ?? null,
      phone: lead['phone'],
      country_code: lead['country_code'],
      source: lead['source'] ?? null,
      sub_source: lead['sub_source'] ?? null,
      placement: lead['placement'] ?? null,
      extra_details: lead['extra_details'] ?? null,
      project_name: lead['campaign_id'],
    };
    return { checks, authenticated: true, status: 200, body: { status: 'OK', message: 'success', response } };
  }

  return {
    name: 'anarock',
    judge(request, now) {
      if (request.method === 'POST' && SYNC_LEAD.test(request.path)) return syncLead(request.headers, request.body, now);
      if (request.method === 'GET' && LAST_LEAD.test(request.path)) return lastLeadData(request.query, now);
      return Promise.resolve(error(404, `no route ${request.method} ${request.path}`, [], false));
    },
  };
}
