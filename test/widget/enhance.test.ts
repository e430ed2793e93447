import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeadCapture } from '../../widget/capture.ts';
import { EVENTS, HONEYPOT_FIELD } from '../../widget/constants.ts';
import { enhanceForm } from '../../widget/form/enhance.ts';
import { createOutbox } from '../../widget/form/outbox.ts';
import { attachTurnstile } from '../../widget/form/turnstile.ts';
import { lazyTurnstile } from '../../widget/form/turnstile-lazy.ts';
import { ARABIC_MESSAGES } from '../../widget/i18n/ar.ts';
import { messagesByLanguage } from '../../widget/i18n/catalogue.ts';
import { fakeFetch } from '../support/fake-fetch.ts';

function mountForm(attributes = ''): HTMLFormElement {
  document.body.innerHTML = `
    <form data-lead-form="shop" ${attributes}>
      <label for="n">Name</label><input id="n" name="name" required>
      <label for="p">Phone</label><input id="p" name="phone" required aria-describedby="p-hint"><span id="p-hint">With country code</span>
      <label for="e">Email</label><input id="e" name="email">
      <button type="submit">Send</button>
    </form>`;
  return document.querySelector('form')!;
}

/** The capture API a form posts through, on this page, answering with `send`. */
const capture = (send: typeof fetch) => createLeadCapture({ endpoint: 'https://leads.example.com/', fetch: send, retryDelaysMs: [0, 0] });
const input = (form: HTMLFormElement, name: string) => form.elements.namedItem(name) as HTMLInputElement;
const fill = (form: HTMLFormElement, values: Record<string, string>) => {
  for (const [name, value] of Object.entries(values)) input(form, name).value = value;
};
const submit = (form: HTMLFormElement) => form.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
/**
 * Until every form has finished sending (aria-busy, which the widget sets while a lead is on its
 * way, retries included): a fixed sleep was too short on a loaded machine.
 */
const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  await vi.waitFor(() => expect(document.querySelector('form[aria-busy="true"]')).toBeNull(), { timeout: 30_000, interval: 5 });
};
const status = (form: HTMLFormElement) => form.querySelector('[role=status]')?.textContent;
const describedText = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' | ');

beforeEach(() => {
  document.documentElement.lang = 'en';
  localStorage.clear();
  sessionStorage.clear();
  messagesByLanguage.ar = ARABIC_MESSAGES; // as widget.js does
});

describe('enhanceForm', () => {
  it('shows accessible field errors, keeps existing hints, and sends nothing when invalid', async () => {
    const form = mountForm();
    const network = fakeFetch();
    enhanceForm(form, capture(network.send));
    fill(form, { name: '', phone: '12', email: 'nope' });
    submit(form);
    await settle();

    expect(network.calls).toHaveLength(0);
    expect(input(form, 'name').getAttribute('aria-invalid')).toBe('true');
    expect(describedText(input(form, 'name'))).toBe('This field is required');
    expect(describedText(input(form, 'phone'))).toBe('With country code | Enter a valid phone number, with its country code');
    expect(describedText(input(form, 'email'))).toBe('Enter a valid email address');
    expect(document.activeElement).toBe(input(form, 'name'));
    expect(status(form)).toBe('Please correct the highlighted fields.');

    fill(form, { name: 'Asha', phone: '+91 98765 43210', email: '' });
    network.calls.length = 0;
    submit(form);
    await settle();
    expect(input(form, 'name').hasAttribute('aria-invalid')).toBe(false);
    expect(input(form, 'phone').getAttribute('aria-describedby')).toBe('p-hint');
  });

  it('posts fields, attribution, locale and one idempotency key, then shows success', async () => {
    history.replaceState(null, '', '/villas?utm_source=google&utm_campaign=spring');
    localStorage.clear(); // the captures of earlier tests saw that URL change too, and saved their own first touch
    const form = mountForm();
    const network = fakeFetch({ status: 202, body: { id: 'lead-1', status: 'delivered' } });
    const events: unknown[] = [];
    form.addEventListener(EVENTS.success, (event) => events.push((event as CustomEvent).detail));
    enhanceForm(form, capture(network.send));
    fill(form, { name: ' Asha ', phone: '+91 98765 43210', email: '' });
    submit(form);
    await settle();

    expect(network.calls).toHaveLength(1);
    const [call] = network.calls;
    expect(call?.url).toBe('https://leads.example.com/v1/forms/shop/leads');
    expect(call?.init).toMatchObject({ method: 'POST', credentials: 'omit', keepalive: true, signal: expect.any(AbortSignal) });
    expect(call?.init.headers).toBeUndefined(); // sent as text/plain: a cross-origin post needs no preflight
    expect(call?.body).toMatchObject({
      fields: { name: 'Asha', phone: '+91 98765 43210' },
      attribution: { first: { utm_source: 'google', utm_campaign: 'spring' }, last: { utm_source: 'google' }, page: { url: expect.stringContaining('/villas?utm_source=google') } },
      locale: 'en',
    });
    expect(call?.body['idempotencyKey']).toMatch(/^[0-9a-f-]{36}$/);
    expect(call?.body['elapsedMs']).toEqual(expect.any(Number));
    expect(call?.body).not.toHaveProperty('honeypot');
    expect(status(form)).toBe('Thank you! We have received your details.');
    expect(events).toEqual([{ id: 'lead-1', status: 'delivered' }]);
    expect(input(form, 'name').value).toBe('');
  });

  it('retries network errors and 5xx with the same idempotency key, and stops at a 4xx', async () => {
    const form = mountForm();
    const network = fakeFetch(new TypeError('Failed to fetch'), { status: 503, body: {} }, { status: 202, body: { id: 'lead-9', status: 'pending' } });
    enhanceForm(form, capture(network.send));
    fill(form, { name: 'Asha', phone: '+91 98765 43210' });
    submit(form);
    await settle();
    expect(network.calls).toHaveLength(3);
    expect(new Set(network.calls.map((call) => call.body['idempotencyKey'])).size).toBe(1);
    expect(status(form)).toBe('Thank you! We have received your details.');

    const refused = fakeFetch({ status: 403, body: { error: { code: 'forbidden_origin', message: 'no' } } });
    const other = mountForm();
    enhanceForm(other, capture(refused.send));
    fill(other, { name: 'Asha', phone: '+91 98765 43210' });
    submit(other);
    await settle();
    expect(refused.calls).toHaveLength(1);
    expect(status(other)).toBe('Sorry, this form cannot take your details right now. Please contact us another way.');
  });

  it('reuses the idempotency key when the visitor resends the same details after a failure', async () => {
    const form = mountForm();
    const network = fakeFetch(new TypeError('offline'), new TypeError('offline'), new TypeError('offline'), { status: 202, body: { id: 'x', status: 'pending' } });
    enhanceForm(form, capture(network.send));
    fill(form, { name: 'Asha', phone: '+91 98765 43210' });
    submit(form);
    await settle();
    submit(form);
    await settle();
    expect(network.calls).toHaveLength(4);
    expect(new Set(network.calls.map((call) => call.body['idempotencyKey'])).size).toBe(1);
  });

  it("puts the edge's field errors next to the inputs", async () => {
    const form = mountForm();
    const network = fakeFetch({ status: 400, body: { error: { code: 'invalid_input', message: 'Some fields need attention', fields: { phone: 'Enter a valid phone number, with its country code' } } } });
    enhanceForm(form, capture(network.send));
    fill(form, { name: 'Asha', phone: '+91 12345 6' });
    submit(form);
    await settle();
    expect(input(form, 'phone').getAttribute('aria-invalid')).toBe('true');
    expect(describedText(input(form, 'phone'))).toContain('Enter a valid phone number, with its country code');
  });

  it('sends one lead for a double submit and re-enables the button after', async () => {
    const form = mountForm();
    const network = fakeFetch({ status: 202, body: { id: 'lead-1', status: 'pending' } });
    enhanceForm(form, capture(network.send));
    enhanceForm(form, capture(network.send)); // enhancing twice is harmless
    fill(form, { name: 'Asha', phone: '+91 98765 43210' });
    submit(form);
    expect(form.querySelector('button')?.disabled).toBe(true);
    submit(form);
    await settle();
    expect(network.calls).toHaveLength(1);
    expect(form.querySelector('button')?.disabled).toBe(false);
  });

  it('adds a honeypot people never reach, and reports it when a bot fills it', async () => {
    const form = mountForm();
    const network = fakeFetch({ status: 202, body: { id: 'x', status: 'delivered' } });
    enhanceForm(form, capture(network.send));
    const trap = input(form, HONEYPOT_FIELD);
    expect(trap.tabIndex).toBe(-1);
    expect(trap.getAttribute('aria-hidden')).toBe('true');
    expect(trap.style.position).toBe('absolute');
    fill(form, { name: 'Bot', phone: '+91 98765 43210', [HONEYPOT_FIELD]: 'http://spam.example' });
    submit(form);
    await settle();
    expect(network.calls[0]?.body).toMatchObject({ honeypot: 'http://spam.example' });
    expect(network.calls[0]?.body['fields']).not.toHaveProperty(HONEYPOT_FIELD);
  });

  it('speaks Arabic, right to left, on an Arabic page, and takes message overrides', async () => {
    document.documentElement.lang = 'ar';
    const form = mountForm();
    enhanceForm(form, capture(fakeFetch().send), { text: { fixFields: 'صحّح الحقول' } });
    expect(form.dir).toBe('rtl');
    submit(form);
    await settle();
    expect(describedText(input(form, 'name'))).toBe('هذا الحقل مطلوب');
    expect(status(form)).toBe('صحّح الحقول');
  });

  it('uses the form’s own data-locale over the page language', () => {
    const form = mountForm('data-locale="ar-EG"');
    enhanceForm(form, capture(fakeFetch().send));
    expect(form.dir).toBe('rtl');
  });
});

describe('Turnstile', () => {
  it('loads Turnstile’s script only for a form that asks for it', () => {
    let loads = 0;
    const lazy = lazyTurnstile(async () => (loads++, attachTurnstile));
    enhanceForm(mountForm(), capture(fakeFetch().send), { turnstile: lazy });
    expect(loads).toBe(0); // a form without a site key costs nothing
    expect(document.querySelector('script[src*="challenges.cloudflare.com"]')).toBeNull();
    enhanceForm(mountForm('data-turnstile-sitekey="1x00000000000000000000AA"'), capture(fakeFetch().send), { turnstile: attachTurnstile });
    const script = document.querySelector<HTMLScriptElement>('script[src^="https://challenges.cloudflare.com/turnstile/v0/api.js"]');
    expect(script?.async).toBe(true);
  });

  it('renders the challenge above the button, sends its token, and resets it after the answer', async () => {
    const rendered: unknown[] = [];
    let resets = 0;
    (window as unknown as Record<string, unknown>)['turnstile'] = {
      render: (box: HTMLElement, settings: unknown) => (rendered.push([box.nextElementSibling?.tagName, settings]), 'w1'),
      getResponse: () => 'XXXX.DUMMY.TOKEN.XXXX',
      reset: () => resets++,
    };
    const form = mountForm('data-turnstile-sitekey="1x00000000000000000000AA"');
    const network = fakeFetch({ status: 202, body: { id: 'x', status: 'delivered' } });
    enhanceForm(form, capture(network.send), { turnstile: lazyTurnstile(async () => attachTurnstile) });
    await settle();
    expect(rendered).toEqual([['BUTTON', { sitekey: '1x00000000000000000000AA', language: 'en' }]]);
    fill(form, { name: 'Asha', phone: '+91 98765 43210' });
    submit(form);
    await settle();
    expect(network.calls[0]?.body).toMatchObject({ turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX' });
    expect(resets).toBe(1);
    delete (window as unknown as Record<string, unknown>)['turnstile'];
  });
});

describe('the browser as the first outbox', () => {
  const offline = () => fakeFetch(new TypeError('Failed to fetch'), new TypeError('Failed to fetch'), new TypeError('Failed to fetch'));
  const kept = (storage: Storage) => JSON.parse(storage.getItem('leadrelay_outbox') ?? '[]') as Array<{ formId: string; submission: { idempotencyKey: string } }>;

  it('keeps a lead the edge cannot be reached for, says so, and the next page view sends it with the same key', async () => {
    const form = mountForm();
    const events: unknown[] = [];
    form.addEventListener(EVENTS.error, (event) => events.push((event as CustomEvent).detail));
    enhanceForm(form, capture(offline().send));
    fill(form, { name: 'Asha', phone: '+91 98765 43210' });
    submit(form);
    await settle();
    expect(status(form)).toBe('We could not reach our server. Your details are saved on this device and will be sent automatically.');
    expect(events).toEqual([{ kind: 'queued', message: status(form) }]);
    expect(kept(localStorage)).toEqual([expect.objectContaining({ formId: 'shop' })]);
    const { idempotencyKey } = kept(localStorage)[0]!.submission;

    const online = fakeFetch({ status: 202, body: { id: 'lead-1', status: 'delivered' } });
    capture(online.send); // the next page view
    await vi.waitFor(() => expect(localStorage.getItem('leadrelay_outbox')).toBeNull(), { timeout: 30_000, interval: 5 });
    expect(online.calls.map((call) => call.body['idempotencyKey'])).toEqual([idempotencyKey]);
  });

  it('sends each kept lead once when two flushes race (a page view and the online event)', async () => {
    const failing = createOutbox(async () => ({ kind: 'failed', message: 'offline' }), true);
    await failing.send('shop', { fields: { name: 'Asha' }, idempotencyKey: 'k'.repeat(20) });
    let sent = 0;
    const outbox = createOutbox(async () => (sent++, { kind: 'accepted' as const, lead: { id: 'x', status: 'delivered' as const } }), true);
    await Promise.all([outbox.flush(), outbox.flush()]);
    expect(sent).toBe(1);
    expect(localStorage.getItem('leadrelay_outbox')).toBeNull();
  });

  it('never keeps a lead the edge refused, and keeps one only in memory without consent', async () => {
    const refused = mountForm();
    enhanceForm(refused, capture(fakeFetch({ status: 403, body: { error: { code: 'forbidden_origin', message: 'no' } } }).send));
    fill(refused, { name: 'Asha', phone: '+91 98765 43210' });
    submit(refused);
    await settle();
    expect(status(refused)).toBe('Sorry, this form cannot take your details right now. Please contact us another way.');
    expect(localStorage.getItem('leadrelay_outbox')).toBeNull();

    const network = fakeFetch(new TypeError('offline'), new TypeError('offline'), new TypeError('offline'), { status: 202, body: { id: 'late', status: 'pending' } });
    const withoutConsent = createLeadCapture({ endpoint: 'https://leads.example.com', fetch: network.send, retryDelaysMs: [0, 0], consentRequired: true });
    expect(await withoutConsent.submit('shop', { name: 'Asha', phone: '+91 98765 43210' })).toMatchObject({ kind: 'queued' });
    expect([localStorage.getItem('leadrelay_outbox'), sessionStorage.length]).toEqual([null, 0]);
    // Still kept in this page: the browser coming back online sends it.
    dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(network.calls).toHaveLength(4), { timeout: 30_000, interval: 5 });
    expect(new Set(network.calls.map((call) => call.body['idempotencyKey'])).size).toBe(1);
  });

  it('moves what it keeps into localStorage when consent is given, and out when it is withdrawn', async () => {
    const relay = createLeadCapture({ endpoint: 'https://leads.example.com', fetch: offline().send, retryDelaysMs: [0, 0], consentRequired: true });
    await relay.submit('shop', { name: 'Asha', phone: '+91 98765 43210' });
    expect(localStorage.getItem('leadrelay_outbox')).toBeNull();
    relay.setConsent(true);
    expect(kept(localStorage)).toHaveLength(1);
    relay.setConsent(false);
    expect(localStorage.getItem('leadrelay_outbox')).toBeNull();
  });

  it('keeps the leads an earlier page view left in localStorage when consent is given after a lead was kept in memory', async () => {
    localStorage.setItem('leadrelay_outbox', JSON.stringify([{ formId: 'shop', submission: { fields: { name: 'Ravi' }, idempotencyKey: 'earlier-view-key-0001' }, savedAt: Date.now() }]));
    const relay = createLeadCapture({ endpoint: 'https://leads.example.com', fetch: offline().send, retryDelaysMs: [0, 0], consentRequired: true });
    await relay.submit('shop', { name: 'Asha', phone: '+91 98765 43210' }, { idempotencyKey: 'this-view-key-00001' });
    relay.setConsent(true);
    expect(kept(localStorage).map((entry) => entry.submission.idempotencyKey)).toEqual(['earlier-view-key-0001', 'this-view-key-00001']);
  });

  it('forgets leads older than 72 hours and keeps at most five', async () => {
    const failing = createOutbox(async () => ({ kind: 'failed', message: 'offline' }), true);
    for (let index = 0; index < 7; index++) await failing.send('shop', { fields: { name: `N${index}` }, idempotencyKey: `key-${index}-${'x'.repeat(16)}` });
    expect(kept(localStorage)).toHaveLength(5);
    const old = JSON.parse(localStorage.getItem('leadrelay_outbox') ?? '[]') as Array<{ savedAt: number }>;
    localStorage.setItem('leadrelay_outbox', JSON.stringify(old.map((entry) => ({ ...entry, savedAt: entry.savedAt - 73 * 3_600_000 }))));
    let sent = 0;
    await createOutbox(async () => (sent++, { kind: 'accepted', lead: { id: 'x', status: 'delivered' } }), true).flush();
    expect(sent).toBe(0);
  });
});
