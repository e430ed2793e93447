// Every way a submit can end, told apart: to the visitor (the status line, in en and ar), to the
// page (events), to the site owner (one console warning with the fix), and in the browser outbox.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeadCapture } from '../../widget/capture.ts';
import { EVENTS } from '../../widget/constants.ts';
import { enhanceForm } from '../../widget/form/enhance.ts';
import { ARABIC_MESSAGES } from '../../widget/i18n/ar.ts';
import { messagesByLanguage } from '../../widget/i18n/catalogue.ts';
import { ENGLISH_MESSAGES } from '../../widget/i18n/messages.ts';
import { fakeFetch, type FetchAnswer } from '../support/fake-fetch.ts';

const PERSON = { name: 'Asha', phone: '+91 98765 43210' };
const refusal = (status: number, code: string, extra: Record<string, unknown> = {}): FetchAnswer => ({ status, body: { error: { code, message: `the edge says ${code}`, ...extra } } });

/** A form on this page posting through its own capture; what it showed, fired and kept. */
function formAnswering(send: typeof fetch, lang = 'en') {
  document.documentElement.lang = lang;
  document.body.innerHTML = `<form data-lead-form="villa"><input name="name" required><input name="phone" required><button type="submit">Send</button></form>`;
  const form = document.querySelector('form')!;
  const events: Array<{ type: string; detail: unknown }> = [];
  for (const type of [EVENTS.success, EVENTS.error]) form.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }));
  enhanceForm(form, createLeadCapture({ endpoint: 'https://leads.example.com', fetch: send, retryDelaysMs: [0, 0] }));
  const submit = async (fields: Record<string, string> = PERSON) => {
    for (const [name, value] of Object.entries(fields)) (form.elements.namedItem(name) as HTMLInputElement).value = value;
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await vi.waitFor(() => expect(form.getAttribute('aria-busy')).toBe('false'), { timeout: 30_000, interval: 5 });
  };
  return { form, events, submit, status: () => form.querySelector('[role=status]')?.textContent };
}
const kept = () => JSON.parse(localStorage.getItem('leadrelay_outbox') ?? '[]') as Array<{ submission: { idempotencyKey: string }; dueAt?: number }>;

let warnings: string[];
beforeEach(() => {
  localStorage.clear();
  messagesByLanguage.ar = ARABIC_MESSAGES; // as submit.js does
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((message: string) => void warnings.push(message));
});
afterEach(() => vi.restoreAllMocks());

describe('refusals a retry cannot fix', () => {
  const cases: Array<[string, FetchAnswer, RegExp]> = [
    ['a wrong origin', refusal(403, 'forbidden_origin'), /add this page’s origin to the form’s "origins"/],
    ['an unknown form id', refusal(404, 'unknown_form'), /form id of the Worker’s FORMS in data-lead-form/],
    ['a wrong endpoint', refusal(405, 'method_not_allowed'), /point data-endpoint at the Worker’s origin/],
    ['a lead too large', refusal(413, 'payload_too_large'), /fewer or shorter fields/],
    ['a body type the edge does not take', refusal(415, 'unsupported_media_type'), /load widget.js from the Worker/],
  ];
  for (const [what, answer, fix] of cases) {
    it(`${what}: sent once, never kept, its own message, one warning naming form, origin and fix`, async () => {
      const network = fakeFetch(answer);
      const { submit, status, events } = formAnswering(network.send);
      await submit();
      expect(network.calls).toHaveLength(1);
      expect(localStorage.getItem('leadrelay_outbox')).toBeNull();
      expect(status()).toBe(ENGLISH_MESSAGES.refused);
      expect(status()).not.toBe(ENGLISH_MESSAGES.queued);
      const body = (answer as { status: number; body: { error: { code: string } } });
      expect(events).toEqual([{ type: EVENTS.error, detail: { kind: 'failed', status: body.status, code: body.body.error.code, message: ENGLISH_MESSAGES.refused } }]);
      await vi.waitFor(() => expect(warnings).toHaveLength(1));
      expect(warnings[0]).toContain(`[leadrelay] form "villa" on ${location.origin}: ${body.body.error.code}`);
      expect(warnings[0]).toMatch(fix);
    });
  }

  it('says so in Arabic on an Arabic page', async () => {
    const { submit, status } = formAnswering(fakeFetch(refusal(403, 'forbidden_origin')).send, 'ar');
    await submit();
    expect(status()).toBe(ARABIC_MESSAGES.refused);
  });

  it('an invalid field: the edge’s message under the input, nothing kept, and the warning says what to check', async () => {
    const { form, submit, status } = formAnswering(fakeFetch(refusal(400, 'invalid_input', { fields: { phone: 'Not a number in India' } })).send);
    await submit();
    expect(status()).toBe(ENGLISH_MESSAGES.fixFields);
    expect(form.querySelector('.lead-error')?.textContent).toBe('Not a number in India');
    expect(localStorage.getItem('leadrelay_outbox')).toBeNull();
    await vi.waitFor(() => expect(warnings).toEqual([expect.stringMatching(/invalid_input \(\{"phone":"Not a number in India"\}\)\. Fix: .*"fields"/)]));
  });
});

describe('answers worth another try', () => {
  it('a 429: kept with its Retry-After (not sent before it), its own message, and sent by itself once it has passed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      const limited = refusal(429, 'rate_limited');
      const network = fakeFetch({ ...limited, headers: { 'retry-after': '60' } } as FetchAnswer, { status: 202, body: { id: 'later', status: 'pending' } });
      const { submit, status, events } = formAnswering(network.send);
      const done = submit();
      await vi.advanceTimersByTimeAsync(10);
      await done;
      expect(network.calls).toHaveLength(1); // 60 s is longer than a visitor waits: no in-page retry
      expect(status()).toBe(ENGLISH_MESSAGES.rateLimited);
      expect(events).toEqual([{ type: EVENTS.error, detail: { kind: 'queued', status: 429, message: ENGLISH_MESSAGES.rateLimited } }]);
      expect((kept()[0]?.dueAt ?? 0) - Date.now()).toBeGreaterThan(59_900);
      await vi.advanceTimersByTimeAsync(59_000);
      expect(network.calls).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(network.calls).toHaveLength(2);
      expect(network.calls[1]?.body['idempotencyKey']).toBe(network.calls[0]?.body['idempotencyKey']);
      expect(localStorage.getItem('leadrelay_outbox')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a POST that hangs times out, and the lead stays kept', async () => {
    const calls: RequestInit[] = [];
    const hanging = ((_url: string, init: RequestInit) => {
      calls.push(init);
      return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    }) as unknown as typeof fetch;
    const relay = createLeadCapture({ endpoint: 'https://leads.example.com', fetch: hanging, retryDelaysMs: [], timeoutMs: 20 });
    expect(await relay.submit('villa', PERSON)).toEqual({ kind: 'queued', message: ENGLISH_MESSAGES.queued, status: undefined });
    expect(calls).toHaveLength(1);
    expect(kept()).toHaveLength(1);
  });
});

describe('the outbox first', () => {
  it('holds the lead before the first POST leaves, and lets it go once the edge has answered', async () => {
    let keptWhilePosting: unknown[] = [];
    const network = fakeFetch({ status: 202, body: { id: 'lead-1', status: 'pending' } });
    const watching = ((url: string, init: RequestInit) => ((keptWhilePosting = kept()), network.send(url, init))) as typeof fetch;
    expect(await createLeadCapture({ endpoint: 'https://leads.example.com', fetch: watching }).submit('villa', PERSON, { idempotencyKey: 'key-outbox-first-0001' })).toMatchObject({ kind: 'accepted' });
    expect(keptWhilePosting).toEqual([expect.objectContaining({ formId: 'villa', submission: expect.objectContaining({ idempotencyKey: 'key-outbox-first-0001' }) })]);
    expect(localStorage.getItem('leadrelay_outbox')).toBeNull();
  });

  it('a key the edge holds for other details: a new key, sent again once, and the kept lead follows it', async () => {
    const network = fakeFetch(refusal(409, 'idempotency_conflict'), { status: 202, body: { id: 'lead-2', status: 'pending' } });
    const relay = createLeadCapture({ endpoint: 'https://leads.example.com', fetch: network.send, retryDelaysMs: [] });
    expect(await relay.submit('villa', PERSON, { idempotencyKey: 'key-used-before-0001' })).toEqual({ kind: 'accepted', lead: { id: 'lead-2', status: 'pending' } });
    const keys = network.calls.map((call) => call.body['idempotencyKey']);
    expect(keys[0]).toBe('key-used-before-0001');
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(localStorage.getItem('leadrelay_outbox')).toBeNull();

    const thenOffline = fakeFetch(refusal(409, 'idempotency_conflict'), new TypeError('Failed to fetch'));
    const later = createLeadCapture({ endpoint: 'https://leads.example.com', fetch: thenOffline.send, retryDelaysMs: [] });
    expect(await later.submit('villa', PERSON, { idempotencyKey: 'key-used-before-0002' })).toMatchObject({ kind: 'queued' });
    expect(kept().map((entry) => entry.submission.idempotencyKey)).toEqual([thenOffline.calls[1]?.body['idempotencyKey']]);
    localStorage.clear();

    const twice = fakeFetch(refusal(409, 'idempotency_conflict'), refusal(409, 'idempotency_conflict'));
    const again = createLeadCapture({ endpoint: 'https://leads.example.com', fetch: twice.send, retryDelaysMs: [] });
    expect(await again.submit('villa', PERSON)).toMatchObject({ kind: 'failed', status: 409, message: ENGLISH_MESSAGES.refused });
    expect(twice.calls).toHaveLength(2);
  });
});

describe('a provider’s refusal', () => {
  it('is not a success: no success event, an error event with the status, the refusal message, and a warning', async () => {
    const rejected = { id: 'lead-3', status: 'rejected' };
    const { submit, status, events } = formAnswering(fakeFetch({ status: 202, body: rejected }).send);
    await submit();
    expect(events).toEqual([{ type: EVENTS.error, detail: { kind: 'rejected', lead: rejected, message: ENGLISH_MESSAGES.refused } }]);
    expect(status()).toBe(ENGLISH_MESSAGES.refused);
    expect(localStorage.getItem('leadrelay_outbox')).toBeNull();
    await vi.waitFor(() => expect(warnings).toEqual([expect.stringMatching(/rejected \(lead lead-3\)\. Fix: see the provider’s reason on the operator page/)]));
  });
});

describe('a second click after success', () => {
  it('sends nothing and shows no error until the visitor types again', async () => {
    const network = fakeFetch({ status: 202, body: { id: 'lead-4', status: 'delivered' } }, { status: 202, body: { id: 'lead-5', status: 'delivered' } });
    const { form, submit, status, events } = formAnswering(network.send);
    await submit();
    await submit({}); // the late second click, on the form just emptied
    expect(network.calls).toHaveLength(1);
    expect(status()).toBe(ENGLISH_MESSAGES.success);
    expect(form.querySelector('[aria-invalid]')).toBeNull();
    expect(events.map((event) => event.type)).toEqual([EVENTS.success]);

    form.dispatchEvent(new Event('input', { bubbles: true })); // a new enquiry
    await submit({ name: 'Ravi', phone: '+91 98765 43211' });
    expect(network.calls).toHaveLength(2);
  });
});
