import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeadRelay, fillHiddenInputs } from '../../widget/entries/index.ts';
import { fakeFetch } from '../support/fake-fetch.ts';

const relayFor = (network: ReturnType<typeof fakeFetch>) => createLeadRelay({ endpoint: 'https://leads.example.com', fetch: network.send, retryDelaysMs: [0, 0] });

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('the plain API: createLeadRelay().submit', () => {
  it('refuses invalid fields with messages in the language asked for, and sends nothing', async () => {
    const network = fakeFetch();
    expect(await relayFor(network).submit('villa', { name: 'A', email: 'nope' }, { locale: 'ar', required: ['phone'] })).toEqual({
      kind: 'invalid',
      fields: { email: 'أدخل بريدًا إلكترونيًا صحيحًا', phone: 'هذا الحقل مطلوب' },
      message: 'يُرجى تصحيح الحقول المحدَّدة.',
    });
    expect(network.calls).toHaveLength(0);
  });

  it('sends the locale only when it is a language tag, and the spam signals it is given', async () => {
    const network = fakeFetch({ status: 202, body: { id: 'a', status: 'pending' } }, { status: 202, body: { id: 'b', status: 'pending' } });
    const relay = relayFor(network);
    expect(await relay.submit('villa', { name: 'Asha' }, { locale: 'en_US', elapsedMs: 4200 })).toEqual({ kind: 'accepted', lead: { id: 'a', status: 'pending' } });
    await relay.submit('villa', { name: 'Asha' }, { locale: 'ar-EG', idempotencyKey: 'my-own-key-0000001' });
    expect(network.calls[0]?.body).not.toHaveProperty('locale');
    expect(network.calls[0]?.body).toMatchObject({ elapsedMs: 4200 });
    expect(network.calls[0]?.body).not.toHaveProperty('honeypot');
    expect(network.calls[1]?.body).toMatchObject({ locale: 'ar-EG', idempotencyKey: 'my-own-key-0000001' });
  });

  it('sends the timing signal by itself: the time since the capture started, which the edge needs to forward a browser lead', async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    try {
      const network = fakeFetch({ status: 202, body: { id: 'a', status: 'pending' } });
      const relay = relayFor(network);
      vi.setSystemTime(1_007_500);
      await relay.submit('villa', { name: 'Asha' });
      expect(network.calls[0]?.body).toMatchObject({ elapsedMs: 7500 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("puts the edge's field errors in the visitor's language, and keeps the edge's words in English", async () => {
    const refusal = { status: 400, body: { error: { code: 'invalid_input', message: 'Some fields need attention', fields: { phone: 'Not a number in India' } } } };
    const network = fakeFetch(refusal, refusal);
    const relay = relayFor(network);
    expect(await relay.submit('villa', { name: 'Asha', phone: '+91 12345 6' }, { locale: 'ar' })).toEqual({
      kind: 'invalid',
      fields: { phone: 'أدخل رقم هاتف صحيحًا مع رمز الدولة' },
      message: 'يُرجى تصحيح الحقول المحدَّدة.',
    });
    expect(await relay.submit('villa', { name: 'Asha', phone: '+91 12345 6' })).toEqual({
      kind: 'invalid',
      fields: { phone: 'Not a number in India' },
      message: 'Please correct the highlighted fields.',
    });
  });

  it('keeps a lead the edge could not be reached for, and a refused one never', async () => {
    const network = fakeFetch(new TypeError('offline'), { status: 429, body: {}, headers: { 'retry-after': '0' } }, { status: 503, body: {} });
    const relay = relayFor(network);
    expect(await relay.submit('villa', { name: 'Asha' })).toEqual({ kind: 'queued', message: 'We could not reach our server. Your details are saved on this device and will be sent automatically.', status: 503 });
    expect(JSON.parse(localStorage.getItem('leadrelay_outbox') ?? '[]')).toHaveLength(1);

    // A lead with a Turnstile token is never kept: sent later, its expired token would make it spam.
    const guarded = await relayFor(fakeFetch() /* 500s */).submit('villa', { name: 'Asha' }, { turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX' });
    expect(guarded).toMatchObject({ kind: 'failed' });
    expect(JSON.parse(localStorage.getItem('leadrelay_outbox') ?? '[]')).toHaveLength(1); // the first lead only

    localStorage.clear(); // else the next capture's page view would send the kept lead first
    const refused = relayFor(fakeFetch({ status: 403, body: { error: { code: 'forbidden_origin', message: 'Origin not allowed' } } }));
    expect(await refused.submit('villa', { name: 'Asha' })).toMatchObject({ kind: 'failed', status: 403, code: 'forbidden_origin', message: 'Sorry, this form cannot take your details right now. Please contact us another way.' });
    expect(localStorage.getItem('leadrelay_outbox')).toBeNull();
  });
});

describe('the plain API: page views', () => {
  it('fills hidden attribution inputs when asked to, as the script tags do', () => {
    document.body.innerHTML = '<form action="/elsewhere"><input type="hidden" name="utm_source"><input type="hidden" name="first_utm_campaign"></form>';
    history.replaceState(null, '', '/?utm_source=partner&utm_campaign=launch');
    localStorage.clear(); // the captures of earlier tests saw that URL change too, and saved their own first touch
    createLeadRelay({ endpoint: 'https://leads.example.com', fetch: fakeFetch().send, onPageView: fillHiddenInputs });
    const value = (name: string) => (document.querySelector(`[name=${name}]`) as HTMLInputElement).value;
    expect([value('utm_source'), value('first_utm_campaign')]).toEqual(['partner', 'launch']);
    history.replaceState(null, '', '/');
  });
});

describe('the plain API: createLeadRelay().enhance', () => {
  it('takes a form over at once and, with its submit code fetched on demand, sends the first click', async () => {
    document.body.innerHTML = '<form data-lead-form="villa"><input name="name" required><input name="phone" required><button>Send</button></form>';
    const form = document.querySelector('form')!;
    const network = fakeFetch({ status: 202, body: { id: 'c', status: 'pending' } });
    relayFor(network).enhance(form);
    expect(form.noValidate).toBe(true); // before any code has arrived
    (form.elements.namedItem('name') as HTMLInputElement).value = 'Asha';
    (form.elements.namedItem('phone') as HTMLInputElement).value = '+91 98765 43210';
    const click = new Event('submit', { cancelable: true });
    form.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(form.querySelector('[role=status]')?.textContent).toBe('Thank you! We have received your details.'), { timeout: 30_000, interval: 5 });
    expect(network.calls.map((call) => call.body['fields'])).toEqual([{ name: 'Asha', phone: '+91 98765 43210' }]);
  });
});
