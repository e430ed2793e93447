import { createHash, timingSafeEqual } from 'node:crypto';
import type { Check, StandIn, Verdict } from './types.ts';

/**
 * hotwire.txt: the signature "is valid for few minutes". The timestamp itself is not sent, so
 * Hotwire must try each recent second: we accept signatures made up to 300 s ago (our reading of
 * "few minutes") and up to 30 s ahead of our clock (a little skew the document does not mention).
 */
const SIG_PAST_SECONDS = 300;
const SIG_FUTURE_SECONDS = 30;

/** hotwire.txt, "Interface Contract". */
const DOCUMENTED_FIELDS = ['firstName', 'lastName', 'email', 'source', 'gender', 'age'];
const REQUIRED_STRINGS = ['firstName', 'lastName', 'email'];

// Our own MD5 rather than the edge's: a fake that shares the code under test would agree with its bugs.
const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

const sameText = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The second within the window whose signature matches `sig`, if any. */
function signedAt(apiKey: string, secret: string, sig: string, now: Date): number | undefined {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  for (let second = nowSeconds + SIG_FUTURE_SECONDS; second >= nowSeconds - SIG_PAST_SECONDS; second--) {
    if (sameText(md5(`${apiKey}${secret}${second}`), sig)) return second;
  }
  return undefined;
}

/** Checks one array element against the contract; names carry the index so a failure is easy to find. */
function checkLead(item: unknown, index: number): Check[] {
  const at = `[${index}]`;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return [{ name: `${at} is a JSON object`, ok: false }];
  const lead = item as Record<string, unknown>;
  const checks: Check[] = REQUIRED_STRINGS.map((field) => ({
    name: `${at}.${field}: required non-empty string`,
    ok: typeof lead[field] === 'string' && lead[field].trim() !== '',
  }));
  checks.push({ name: `${at}.email: an email address`, ok: typeof lead['email'] === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(lead['email']) });
  if ('source' in lead) checks.push({ name: `${at}.source: string`, ok: typeof lead['source'] === 'string' });
  if ('gender' in lead) checks.push({ name: `${at}.gender: M or F`, ok: lead['gender'] === 'M' || lead['gender'] === 'F', detail: String(lead['gender']) });
  if ('age' in lead) checks.push({ name: `${at}.age: integer`, ok: Number.isInteger(lead['age']), detail: String(lead['age']) });
  const unknown = Object.keys(lead).filter((key) => !DOCUMENTED_FIELDS.includes(key));
  checks.push({ name: `${at}: only documented fields`, ok: unknown.length === 0, ...(unknown.length ? { detail: unknown.join(', ') } : {}) });
  return checks;
}

function readArray(body: string): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

// hotwire.txt documents no error bodies: these Spring-style JSON objects are our choice. It names
// only 200 and 400; answering a bad apikey or sig with 401 is our choice too.
const REASONS: Readonly<Record<number, string>> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 405: 'Method Not Allowed' };
const failure = (status: number, message: string, checks: Check[], authenticated: boolean): Verdict => ({
  checks,
  authenticated,
  status,
  body: { status, error: REASONS[status], message },
});

/** The Hotwire New Leads API (`POST /api/leads`), verifying `apikey` and the MD5 `sig` with `secret`. */
export function hotwireStandIn(secrets: Readonly<Record<string, string>>): StandIn {
  const apiKey = secrets['apiKey'] ?? '';
  const secret = secrets['secret'] ?? '';
  const users = new Set<string>(); // emails Hotwire already has, lowercased

  function createLeads(query: URLSearchParams, headers: Headers, body: string, now: Date): Verdict {
    const sig = query.get('sig') ?? '';
    const second = signedAt(apiKey, secret, sig, now);
    const authChecks: Check[] = [
      { name: 'apikey: the API key', ok: apiKey !== '' && sameText(query.get('apikey') ?? '', apiKey) },
      { name: 'sig: 32 lowercase hex digits', ok: /^[0-9a-f]{32}$/.test(sig), detail: sig },
      {
        name: `sig = MD5(apikey + secret + Unix seconds) within ${SIG_PAST_SECONDS} s before to ${SIG_FUTURE_SECONDS} s after now`,
        ok: second !== undefined,
        ...(second === undefined ? {} : { detail: `signed at ${second}` }),
      },
    ];
    const authenticated = authChecks.every((check) => check.ok);
    if (!authenticated) return failure(401, 'Invalid apikey or sig', authChecks, false);
    const leads = readArray(body);
    const checks: Check[] = [
      ...authChecks,
      { name: 'content-type: application/json', ok: (headers.get('content-type') ?? '').startsWith('application/json') },
      { name: 'body: a JSON array', ok: leads !== undefined },
      { name: 'body: at least one lead', ok: (leads?.length ?? 0) > 0 },
      ...(leads ?? []).flatMap(checkLead),
    ];
    const failed = checks.find((check) => !check.ok);
    // hotwire.txt: "400 Bad Request - User creation fails in case any issue is encountered or
    // response is empty": the whole array is refused and nobody is created.
    if (failed) return failure(400, `User creation failed: ${failed.name}`, checks, true);
    // hotwire.txt: one entry per email sent; a duplicate (already known, or earlier in this
    // array) is USER_NOT_CREATED with 200 OK.
    const answer = (leads as Record<string, unknown>[]).map((lead) => {
      const email = String(lead['email']);
      const known = users.has(email.toLowerCase());
      users.add(email.toLowerCase());
      return { email, responseCodes: known ? 'USER_NOT_CREATED' : 'USER_CREATED' };
    });
    return { checks, authenticated, status: 200, body: answer };
  }

  return {
    name: 'hotwire',
    judge(request, now) {
      if (request.path === '/api/leads') {
        if (request.method === 'POST') return Promise.resolve(createLeads(request.query, request.headers, request.body, now));
        // hotwire.txt: "Request type: POST"; how other methods are answered is not documented.
        return Promise.resolve(failure(405, `${request.method} is not supported; use POST`, [{ name: 'method: POST', ok: false }], false));
      }
      return Promise.resolve(failure(404, `no route ${request.method} ${request.path}`, [], false));
    },
  };
}
