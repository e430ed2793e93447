import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { md5Hex } from '../../../edge/crypto/md5.ts';
import { classifyHotwireResponse, DUPLICATE_NOTE } from '../../../edge/providers/hotwire-response.ts';
import {
  buildHotwireRequest,
  hotwire,
  HOTWIRE_MAX_BATCH,
  hotwireBaseUrl,
  mapHotwireLead,
  signHotwire,
  type HotwireOptions,
} from '../../../edge/providers/hotwire.ts';
import type { ProviderLead } from '../../../edge/providers/types.ts';

const options = (overrides: Record<string, unknown> = {}): HotwireOptions => v.parse(hotwire.optionsSchema, { environment: 'qa', ...overrides });

const lead = (overrides: Partial<ProviderLead> = {}): ProviderLead => ({
  id: 'lead-1',
  fields: { name: 'John Smith', email: 'John.Smith@mail.com', gender: 'M', age: '21' },
  phone: undefined,
  attribution: {
    first: { utm_source: 'facebook', utm_campaign: 'launch' },
    last: { utm_source: 'ebay', utm_medium: 'cpc', utm_campaign: 'spring' },
  },
  receivedAt: 1699999990000,
  ...overrides,
});

const withFields = (fields: Record<string, string>, overrides: Partial<ProviderLead> = {}) => lead({ fields, ...overrides });
const NOW = new Date(1700000000 * 1000);
const SECRETS = { apiKey: 'apikey', secret: 'secret' };
const payloadOf = (result: ReturnType<typeof mapHotwireLead>) => (result.ok ? result.payload : result.fields);

describe('hotwire signature', () => {
  it('is MD5 over apikey + secret + Unix seconds: the brief’s golden vectors', async () => {
    expect(await signHotwire('apikey', 'secret', 1700000000)).toBe('c38fa49d7ea251e82457ec7012348dec');
    expect(await signHotwire('2fvmer3qbk7f3jnqneg58bu2', 'qvxkmw57pec7', 1200603038)).toBe('65a08176826fa4621116997e1dd775fa');
  });

  it('hashes UTF-8 with workerd’s WebCrypto MD5', async () => {
    expect(await md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(await md5Hex('The quick brown fox jumps over the lazy dog')).toBe('9e107d9d372bb6826bd81d3542a419d6');
    expect(await md5Hex('é')).toBe(await md5Hex('\u00e9'));
  });
});

describe('hotwire request', () => {
  it('builds the exact signed POST of hotwire.txt', async () => {
    expect(await buildHotwireRequest([lead()], options(), SECRETS, NOW)).toEqual({
      method: 'POST',
      url: 'https://api.qa.hotwire.com/api/leads?apikey=apikey&sig=c38fa49d7ea251e82457ec7012348dec',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '[{"firstName":"John","lastName":"Smith","email":"John.Smith@mail.com","source":"ebay","gender":"M","age":21}]',
    });
  });

  it('signs with the clock it is given, in whole seconds', async () => {
    const built = await buildHotwireRequest([lead()], options(), { apiKey: '2fvmer3qbk7f3jnqneg58bu2', secret: 'qvxkmw57pec7' }, new Date(1200603038999));
    expect(built.url).toBe('https://api.qa.hotwire.com/api/leads?apikey=2fvmer3qbk7f3jnqneg58bu2&sig=65a08176826fa4621116997e1dd775fa');
  });

  it('URL-encodes the API key and never sends the secret', async () => {
    const built = await buildHotwireRequest([lead()], options(), { apiKey: 'a b&c=d', secret: 'never-sent-secret' }, NOW);
    expect(new URL(built.url).searchParams.get('apikey')).toBe('a b&c=d');
    expect(JSON.stringify(built)).not.toContain('never-sent-secret');
  });

  it('sends a batch as one array in lead order, one element per email', async () => {
    const second = withFields({ name: 'Jane Doe', email: 'jane@mail.com' }, { id: 'lead-2', attribution: {} });
    const again = withFields({ name: 'Johnny Smith', email: ' john.smith@MAIL.com ' }, { id: 'lead-3' });
    const built = await buildHotwireRequest([lead(), second, again], options(), SECRETS, NOW);
    expect(JSON.parse(built.body ?? '')).toEqual([
      { firstName: 'John', lastName: 'Smith', email: 'John.Smith@mail.com', source: 'ebay', gender: 'M', age: 21 },
      { firstName: 'Jane', lastName: 'Doe', email: 'jane@mail.com' },
    ]);
  });

  it('refuses to build an empty array (hotwire.txt: a 400) or an unmappable lead', async () => {
    await expect(buildHotwireRequest([], options(), SECRETS, NOW)).rejects.toThrow('[edge] [hotwire] a request needs at least one lead');
    await expect(buildHotwireRequest([withFields({ name: 'Cher', email: 'c@mail.com' })], options(), SECRETS, NOW)).rejects.toThrow('does not map: name');
  });

  it('uses the production host, the QA host, or a base URL override', () => {
    expect(hotwireBaseUrl(options({ environment: 'production' }))).toBe('https://api.hotwire.com');
    expect(hotwireBaseUrl(options())).toBe('https://api.qa.hotwire.com');
    expect(hotwireBaseUrl(options({ baseUrl: 'http://127.0.0.1:9/hotwire/' }))).toBe('http://127.0.0.1:9/hotwire');
  });
});

describe('hotwire mapping', () => {
  it('splits one full-name field at the first space', () => {
    expect(payloadOf(mapHotwireLead(withFields({ name: ' Mary   Ann Smith ', email: 'm@mail.com' }), options()))).toMatchObject({ firstName: 'Mary', lastName: 'Ann Smith' });
  });

  it('asks for a first and last name when the visitor typed one word or none', () => {
    expect(payloadOf(mapHotwireLead(withFields({ name: 'Cher', email: 'c@mail.com' }), options()))).toEqual({ name: 'Enter your first and last name' });
    expect(payloadOf(mapHotwireLead(withFields({ email: 'c@mail.com' }), options()))).toEqual({ name: 'Enter your first and last name' });
  });

  it('reads separate name fields, naming the one that is missing', () => {
    const mapped = options({ fieldMap: { firstName: 'first_name', lastName: 'last_name' } });
    expect(payloadOf(mapHotwireLead(withFields({ first_name: 'Ana', last_name: 'Lima', email: 'a@mail.com' }), mapped))).toMatchObject({ firstName: 'Ana', lastName: 'Lima' });
    expect(payloadOf(mapHotwireLead(withFields({ first_name: 'Ana', email: 'a@mail.com' }), mapped))).toEqual({ last_name: 'Enter your last name' });
    expect(payloadOf(mapHotwireLead(withFields({ email: 'a@mail.com' }), mapped))).toEqual({ first_name: 'Enter your first name', last_name: 'Enter your last name' });
    expect(payloadOf(mapHotwireLead(withFields({ lastName: 'Lima', email: 'a@mail.com' }), options()))).toEqual({ firstName: 'Enter your first name' });
    // A form with separate fields mapped may still offer one full-name field.
    expect(payloadOf(mapHotwireLead(withFields({ name: 'Ana Lima', email: 'a@mail.com' }), mapped))).toMatchObject({ firstName: 'Ana', lastName: 'Lima' });
  });

  it('requires an email, from the field the form maps', () => {
    expect(payloadOf(mapHotwireLead(withFields({ name: 'Ana Lima' }), options()))).toEqual({ email: 'Enter your email address' });
    const mapped = options({ fieldMap: { email: 'work_email' } });
    expect(payloadOf(mapHotwireLead(withFields({ name: 'Ana Lima', work_email: 'not-an-email' }), mapped))).toEqual({ work_email: 'Enter a valid email address' });
    expect(payloadOf(mapHotwireLead(withFields({ name: 'Ana Lima', work_email: 'ana@work.example' }), mapped))).toMatchObject({ email: 'ana@work.example' });
  });

  it('sends gender M/F from common spellings and leaves any other answer out', () => {
    const genderOf = (gender: string) => payloadOf(mapHotwireLead(withFields({ name: 'Ana Lima', email: 'a@mail.com', gender }), options()));
    for (const text of ['F', 'f', 'female', 'Female', 'woman']) expect(genderOf(text), text).toMatchObject({ gender: 'F' });
    for (const text of ['M', 'm', 'male', 'MALE', 'Man']) expect(genderOf(text), text).toMatchObject({ gender: 'M' });
    for (const text of ['non-binary', 'prefer not to say', 'x', '__proto__', 'constructor']) expect(genderOf(text), text).not.toHaveProperty('gender');
  });

  it('sends age as an integer and refuses one that is not a whole number of years', () => {
    const ageOf = (age: string) => payloadOf(mapHotwireLead(withFields({ name: 'Ana Lima', email: 'a@mail.com', years: age }), options({ fieldMap: { age: 'years' } })));
    expect(ageOf('20')).toMatchObject({ age: 20 });
    expect(ageOf(' 120 ')).toMatchObject({ age: 120 });
    for (const text of ['twenty', '20.5', '-3', '0', '121', '1e2']) expect(ageOf(text), text).toEqual({ years: 'Enter your age in whole years' });
  });

  it('fills source from the configured campaign key, then the form’s source field, then the fixed value', () => {
    const sourceOf = (fields: Record<string, string>, overrides: Record<string, unknown>, attribution: ProviderLead['attribution'] = lead().attribution) =>
      (payloadOf(mapHotwireLead(withFields({ name: 'Ana Lima', email: 'a@mail.com', ...fields }, { attribution }), options(overrides))) as { source?: string }).source;
    expect(sourceOf({}, {})).toBe('ebay');
    expect(sourceOf({}, { attribution: { source: 'utm_campaign' } })).toBe('spring');
    expect(sourceOf({}, {}, { first: { utm_source: 'facebook' } })).toBe('facebook');
    expect(sourceOf({ source: 'newsletter' }, { values: { source: 'eBay' } }, {})).toBe('newsletter');
    expect(sourceOf({}, { values: { source: 'eBay' } }, {})).toBe('eBay');
    expect(sourceOf({}, { attribution: { source: 'none' }, values: { source: 'eBay' } })).toBe('eBay');
    expect(sourceOf({}, {}, {})).toBeUndefined();
  });

  it('takes fixed gender and age per form', () => {
    expect(payloadOf(mapHotwireLead(withFields({ name: 'Ana Lima', email: 'a@mail.com' }), options({ values: { gender: 'female', age: '30' } })))).toMatchObject({ gender: 'F', age: 30 });
  });

  it('rejects options that would mis-route or mis-file a lead', () => {
    const fails = (raw: Record<string, unknown>) => !v.safeParse(hotwire.optionsSchema, raw).success;
    expect(fails({})).toBe(true);
    expect(fails({ environment: 'staging' })).toBe(true);
    expect(fails({ environment: 'qa', baseUrl: 'not a url' })).toBe(true);
    expect(fails({ environment: 'qa', fieldMap: { first: 'name' } })).toBe(true);
    expect(fails({ environment: 'qa', values: { email: 'all@leads.example' } })).toBe(true);
    expect(fails({ environment: 'qa', values: { firstName: 'Lead' } })).toBe(true);
    expect(fails({ environment: 'qa', values: { gender: 'X' } })).toBe(true);
    expect(fails({ environment: 'qa', values: { gender: 'toString' } })).toBe(true);
    expect(fails({ environment: 'qa', values: { age: 'old' } })).toBe(true);
    expect(fails({ environment: 'qa', attribution: { source: 'referrer' } })).toBe(true);
    expect(fails({ environment: 'production', attribution: { source: 'gclid' }, values: { source: 'eBay', gender: 'M', age: '40' } })).toBe(false);
  });
});

describe('hotwire responses', () => {
  const emails = ['test1@email.com', 'test2@email.com'];

  it('classifies the document’s sample answer per email: duplicate delivered with a note, new user delivered', () => {
    const body = '[{"email":"test1@email.com","responseCodes":"USER_NOT_CREATED"},{"email":"test2@email.com","responseCodes":"USER_CREATED"}]';
    expect(classifyHotwireResponse(200, body, emails)).toEqual([
      { kind: 'delivered', status: 200, note: DUPLICATE_NOTE },
      { kind: 'delivered', status: 200 },
    ]);
  });

  it('matches by email, whatever the order or case of the answer', () => {
    const body = '[{"email":"TEST2@email.com","responseCodes":"USER_CREATED"},{"email":"test1@email.com","responseCodes":["USER_CREATED"]}]';
    expect(classifyHotwireResponse(200, body, emails).map((result) => result.kind)).toEqual(['delivered', 'delivered']);
  });

  it('retries a lead the answer does not list, or lists with an unknown code', () => {
    expect(classifyHotwireResponse(200, '[{"email":"test2@email.com","responseCodes":"USER_CREATED"}]', emails)).toEqual([
      { kind: 'retry', status: 200, reason: "200 Hotwire's answer does not list this lead's email" },
      { kind: 'delivered', status: 200 },
    ]);
    expect(classifyHotwireResponse(200, '[{"email":"test1@email.com","responseCodes":"PENDING"}]', emails.slice(0, 1))).toEqual([
      { kind: 'retry', status: 200, reason: '200 unexpected responseCodes for this lead\'s email: ["PENDING"]' },
    ]);
  });

  it('gives a lead whose email came earlier in the batch the earlier lead’s result', () => {
    const body = '[{"email":"test1@email.com","responseCodes":"USER_CREATED"}]';
    expect(classifyHotwireResponse(200, body, ['test1@email.com', 'Test1@Email.com'])).toEqual([
      { kind: 'delivered', status: 200 },
      { kind: 'delivered', status: 200, note: 'same email as an earlier lead of this batch, sent once: USER_CREATED' },
    ]);
    expect(classifyHotwireResponse(200, '[]', ['a@mail.com', 'a@mail.com']).map((result) => result.kind)).toEqual(['retry', 'retry']);
  });

  it('never calls an unreadable 2xx delivered', () => {
    for (const body of ['', 'null', '{"email":"test1@email.com","responseCodes":"USER_CREATED"}', '<html>busy</html>']) {
      expect(classifyHotwireResponse(200, body, emails.slice(0, 1))[0]?.kind, body).toBe('retry');
    }
    expect(classifyHotwireResponse(200, 'oops', emails.slice(0, 1))).toEqual([{ kind: 'retry', status: 200, reason: 'unexpected 200 answer: 200 oops' }]);
  });

  it('marks every lead of a 400 as refused with its whole batch, keeping Hotwire’s message (hotwire.txt: creation fails on any issue)', () => {
    expect(classifyHotwireResponse(400, '{"message":"invalid gender"}', emails)).toEqual([
      { kind: 'rejected', status: 400, reason: '400 invalid gender', wholeBatch: true },
      { kind: 'rejected', status: 400, reason: '400 invalid gender', wholeBatch: true },
    ]);
    expect(classifyHotwireResponse(400, '', emails.slice(0, 1))).toEqual([{ kind: 'rejected', status: 400, reason: '400 (empty body)', wholeBatch: true }]);
    // Another refusal is about the request, not a lead in it: splitting would not help.
    expect(classifyHotwireResponse(404, 'Not Found', emails)).toEqual(emails.map(() => ({ kind: 'rejected', status: 404, reason: '404 Not Found' })));
  });

  it('holds every lead of a 401 or 403: the form’s apikey or secret, not the leads', () => {
    expect(classifyHotwireResponse(401, '{"status":401,"error":"Unauthorized","message":"Invalid apikey or sig"}', emails)).toEqual(
      emails.map(() => ({ kind: 'held', status: 401, reason: "401 Invalid apikey or sig (credentials refused: fix the form's secret, and held leads go through on their next attempt)" })),
    );
    expect(classifyHotwireResponse(403, '', emails).map((result) => result.kind)).toEqual(['held', 'held']);
  });

  it('retries 408, 429 and 5xx for every lead', () => {
    for (const status of [408, 429, 500, 502, 503, 504]) {
      expect(classifyHotwireResponse(status, 'busy', emails), String(status)).toEqual([
        { kind: 'retry', status, reason: `${status} busy` },
        { kind: 'retry', status, reason: `${status} busy` },
      ]);
    }
  });
});

describe('hotwire adapter', () => {
  it('declares both secrets, sending only the API key (in the URL)', () => {
    expect(hotwire.secretNames).toEqual(['apiKey', 'secret']);
    expect(hotwire.secretsSentAsIs).toEqual({ url: ['apiKey'] });
  });

  it('batches up to HOTWIRE_MAX_BATCH leads and documents no operations', () => {
    const adapter = hotwire.create(options());
    expect(adapter.maxBatchSize).toBe(HOTWIRE_MAX_BATCH);
    expect(HOTWIRE_MAX_BATCH).toBeGreaterThan(1);
    expect(adapter.operations).toEqual({});
  });

  it('checks leads and matches answers by the email field the form maps', () => {
    const adapter = hotwire.create(options({ fieldMap: { email: 'work_email' } }));
    const mapped = withFields({ name: 'Ana Lima', work_email: 'ana@work.example' });
    expect(adapter.checkLead(mapped)).toBeUndefined();
    expect(adapter.checkLead(withFields({ name: 'Ana Lima' }))).toEqual({ work_email: 'Enter your email address' });
    const body = '[{"email":"ana@work.example","responseCodes":"USER_NOT_CREATED"}]';
    expect(adapter.classifyResponse(200, body, [mapped])).toEqual([{ kind: 'delivered', status: 200, note: DUPLICATE_NOTE }]);
  });
});
