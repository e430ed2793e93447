import { exports } from 'cloudflare:workers';
import { inject } from 'vitest';
import type { RecordedRequest, ScriptedResponse } from '../../standins/types.ts';

/** Base URL of the stand-ins started by global-setup.ts. */
export const standInUrl = (): string => inject('standInUrl');

// A client address of its own for each call, so rate limits (per form and IP) only meet tests
// that aim at them: a counter from a random start, so test files never share addresses either.
let nextIp = Math.floor(Math.random() * 2 ** 22);
const randomIp = () => {
  const n = nextIp++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

/** Calls the Worker's fetch handler as a visitor's browser would. */
export function callWorker(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', randomIp());
  return exports.default.fetch(new Request(`https://leads.example.net${path}`, { ...init, headers }));
}

/** A unique marker to find this test's request among all the stand-ins received. */
export const marker = (): string => `T${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;

/** A valid submission body whose name carries `mark`, with the timing signal the widget sends. */
export function submission(mark: string, overrides: { fields?: Record<string, string>; attribution?: unknown; idempotencyKey?: string } = {}) {
  return {
    elapsedMs: 4000,
    fields: { name: `Asha ${mark}`, phone: '+91 98765 43210', email: 'asha@example.com', ...overrides.fields },
    attribution: overrides.attribution ?? { last: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring', utm_term: 'villa' } },
    idempotencyKey: overrides.idempotencyKey ?? crypto.randomUUID(),
  };
}

/** POSTs a lead as JSON from an allowed origin. */
export function postLead(formId: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return callWorker(`/v1/forms/${formId}/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.example.com', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** What the stand-ins received whose body contains `mark`. */
export async function receivedWith(mark: string): Promise<RecordedRequest[]> {
  const all = (await (await fetch(`${standInUrl()}/__standin/requests`)).json()) as RecordedRequest[];
  return all.filter((item) => item.body.includes(mark));
}

/** Makes the stand-in of `provider` answer the next matching requests with these responses. */
export async function scriptStandIn(provider: string, responses: ScriptedResponse[]): Promise<void> {
  await fetch(`${standInUrl()}/__standin/script`, { method: 'POST', body: JSON.stringify({ provider, responses }) });
}

/** POSTs a plain HTML form's fields (urlencoded) from an allowed origin's page, as a browser without JavaScript does. */
export function postForm(formId: string, pairs: Array<[string, string]> | FormData, headers: Record<string, string> = {}): Promise<Response> {
  const multipart = pairs instanceof FormData;
  return callWorker(`/v1/forms/${formId}/leads`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      ...(multipart ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      origin: 'https://shop.example.com',
      referer: 'https://shop.example.com/villas/enquire?utm_source=newsletter',
      accept: 'text/html,application/xhtml+xml',
      ...headers,
    },
    body: multipart ? pairs : new URLSearchParams(pairs).toString(),
  });
}
