// widget.js's submit path arrives later than the form (submit.js): the pieces that make that safe.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureWith, type CaptureOptions } from '../../widget/capture.ts';
import { lazyCapture } from '../../widget/capture-lazy.ts';
import { submitForm } from '../../widget/form/enhance.ts';
import { prepareForm } from '../../widget/form/prepare.ts';
import { keepUnloaded } from '../../widget/form/unloaded.ts';
import { trackPage } from '../../widget/page.ts';
import { scriptLoader } from '../../widget/script-loader.ts';
import { fakeFetch } from '../support/fake-fetch.ts';

/** A promise the test settles by hand: the submit code "arriving" when the test says so. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

function mountForm(): HTMLFormElement {
  document.body.innerHTML = `<form data-lead-form="shop"><input name="name" required><input name="phone" required><button type="submit">Send</button></form>`;
  return document.querySelector('form')!;
}
const fill = (form: HTMLFormElement) => {
  (form.elements.namedItem('name') as HTMLInputElement).value = 'Asha';
  (form.elements.namedItem('phone') as HTMLInputElement).value = '+91 98765 43210';
};
const submit = (form: HTMLFormElement) => form.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
const status = (form: HTMLFormElement) => form.querySelector('[role=status]')?.textContent;
const options = (send: typeof fetch): CaptureOptions => ({ endpoint: 'https://leads.example.com', fetch: send, retryDelaysMs: [0, 0] });
const offline = () => fakeFetch(new TypeError('Failed to fetch'), new TypeError('Failed to fetch'), new TypeError('Failed to fetch'));
const accepted = { status: 202, body: { id: 'lead-1', status: 'delivered' } };
/** widget.js's capture: attribution running on this page, the submit code from `load`. */
const lazyRelay = (settings: CaptureOptions, load: () => Promise<typeof captureWith>) => lazyCapture(trackPage(settings), settings, load);

beforeEach(() => {
  document.documentElement.lang = 'en';
  localStorage.clear();
  sessionStorage.clear();
});

describe('a form whose submit code comes later', () => {
  it('asks for the code on the first focus, prevents a submit at once, and sends that click once the code arrives', async () => {
    const form = mountForm();
    const network = fakeFetch(accepted);
    const code = deferred<typeof captureWith>();
    const load = vi.fn(() => code.promise);
    const relay = lazyRelay(options(network.send), load);
    const chunk = deferred<void>();
    let asked = 0;
    prepareForm(form, (context) => (asked++, chunk.promise.then(() => submitForm(form, relay, context))));
    expect(load).not.toHaveBeenCalled(); // nothing in the outbox: no submit code on a page that only shows a form
    expect(form.noValidate).toBe(true); // the browser's bubbles never show, even before the code arrives

    form.querySelector('input')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(asked).toBe(1);
    fill(form);
    const event = new Event('submit', { cancelable: true, bubbles: true });
    form.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true); // the page never navigates away while the code is on its way
    submit(form); // a second click while waiting
    expect(asked).toBe(1);
    expect(network.calls).toHaveLength(0);

    chunk.resolve();
    code.resolve(captureWith);
    await vi.waitFor(() => expect(status(form)).toBe('Thank you! We have received your details.'));
    expect(network.calls).toHaveLength(1); // both clicks made one lead
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('asks again on the next submit when the code could not be loaded', async () => {
    const form = mountForm();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const network = fakeFetch(accepted);
    const relay = lazyRelay(options(network.send), async () => captureWith);
    const attempts = [deferred<void>(), deferred<void>()];
    let asked = 0;
    prepareForm(form, (context) => attempts[asked++]!.promise.then(() => submitForm(form, relay, context)));
    fill(form);
    submit(form);
    attempts[0]!.reject(new Error('submit.js could not be loaded'));
    await vi.waitFor(() => expect(errors).toHaveBeenCalledWith('[leadrelay]', expect.any(Error)));
    submit(form);
    expect(asked).toBe(2);
    attempts[1]!.resolve();
    await vi.waitFor(() => expect(network.calls).toHaveLength(1));
    errors.mockRestore();
  });
});

describe('the outbox with the submit code loaded on demand', () => {
  const kept = () => JSON.parse(localStorage.getItem('leadrelay_outbox') ?? '[]') as Array<{ submission: { idempotencyKey: string; fields: Record<string, string> } }>;

  it('keeps an offline lead, and the next page view loads the code at once and sends it with the same key', async () => {
    const form = mountForm();
    const relay = lazyRelay(options(offline().send), async () => captureWith);
    prepareForm(form, (context) => Promise.resolve().then(() => submitForm(form, relay, context)));
    fill(form);
    submit(form);
    await vi.waitFor(() => expect(status(form)).toMatch(/^We could not reach our server/));
    const [entry] = kept();
    expect(entry).toBeDefined();

    const network = fakeFetch(accepted);
    const load = vi.fn(async () => captureWith);
    lazyRelay(options(network.send), load); // the next page view, with no form touched
    expect(load).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(network.calls.map((call) => call.body['idempotencyKey'])).toEqual([entry?.submission.idempotencyKey]));
    await vi.waitFor(() => expect(localStorage.getItem('leadrelay_outbox')).toBeNull());
  });

  it('loads the code at once when consent makes the leads an earlier page view kept readable, and sends them', async () => {
    localStorage.setItem('leadrelay_outbox', JSON.stringify([{ formId: 'shop', submission: { fields: { name: 'Ravi' }, idempotencyKey: 'earlier-view-key-0002' }, savedAt: Date.now() }]));
    const network = fakeFetch(accepted);
    const load = vi.fn(async () => captureWith);
    const relay = lazyRelay({ ...options(network.send), consentRequired: true }, load);
    expect(load).not.toHaveBeenCalled(); // without consent the outbox is not read
    relay.setConsent(true);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(network.calls.map((call) => call.body['idempotencyKey'])).toEqual(['earlier-view-key-0002']));
    await vi.waitFor(() => expect(localStorage.getItem('leadrelay_outbox')).toBeNull());
  });

  it('keeps the consent given before the code arrived', async () => {
    const relay = lazyRelay({ ...options(offline().send), consentRequired: true }, async () => captureWith);
    relay.setConsent(true);
    expect(await relay.submit('shop', { name: 'Asha', phone: '+91 98765 43210' })).toMatchObject({ kind: 'queued' });
    expect(kept()).toHaveLength(1); // in localStorage, not only the tab's session
  });

  it('keeps the lead in the outbox, with its attribution, when the code cannot be loaded (offline before it arrived)', async () => {
    history.replaceState(null, '', '/villas?utm_source=train');
    const relay = lazyRelay(options(fakeFetch().send), () => Promise.reject(new Error('submit.js could not be loaded')));
    expect(await relay.submit('shop', { name: 'Asha' }, { idempotencyKey: 'k'.repeat(20), locale: 'en' })).toEqual({
      kind: 'queued',
      message: 'We could not reach our server. Your details are saved on this device and will be sent automatically.',
    });
    expect(kept()).toEqual([
      expect.objectContaining({ formId: 'shop', submission: expect.objectContaining({ fields: { name: 'Asha' }, idempotencyKey: 'k'.repeat(20), locale: 'en', attribution: expect.objectContaining({ last: expect.objectContaining({ utm_source: 'train' }) }) }) }),
    ]);
    history.replaceState(null, '', '/');
  });

  it('keeps nothing, and asks the visitor to try again, when the code cannot be loaded and consent is not given', async () => {
    const relay = lazyRelay({ ...options(fakeFetch().send), consentRequired: true }, () => Promise.reject(new Error('submit.js could not be loaded')));
    expect(await relay.submit('shop', { name: 'Asha' })).toEqual({ kind: 'failed', message: 'Sorry, we could not send your details. Please try again.' });
    expect([localStorage.length, sessionStorage.length]).toEqual([0, 0]);
  });

  it('keeps the lead as the submit code would build it: signals in, messages and required names out', async () => {
    const relay = lazyRelay(options(fakeFetch().send), () => Promise.reject(new Error('submit.js could not be loaded')));
    const extra = { idempotencyKey: 'k'.repeat(20), locale: 'not a locale!', elapsedMs: 4200, honeypot: 'bot', required: ['name'], text: { queued: 'Saved for later.' } };
    expect(await relay.submit('shop', { name: 'Asha' }, extra)).toEqual({ kind: 'queued', message: 'Saved for later.' });
    const { submission } = kept()[0]!;
    expect(Object.keys(submission).sort()).toEqual(['attribution', 'elapsedMs', 'fields', 'honeypot', 'idempotencyKey']);
    expect(submission).toMatchObject({ idempotencyKey: 'k'.repeat(20), elapsedMs: 4200, honeypot: 'bot' });
  });

  it('keeps no lead with a Turnstile token (it expires in minutes), and asks the visitor to try again', async () => {
    const relay = lazyRelay(options(fakeFetch().send), () => Promise.reject(new Error('submit.js could not be loaded')));
    expect(await relay.submit('shop', { name: 'Asha' }, { turnstileToken: 'token' })).toEqual({ kind: 'failed', message: 'Sorry, we could not send your details. Please try again.' });
    expect(kept()).toEqual([]);
  });

  it('a form whose code cannot be loaded keeps a complete lead, and lets the browser point at what is missing', async () => {
    const form = mountForm();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const relay = lazyRelay(options(fakeFetch().send), () => Promise.reject(new Error('submit.js could not be loaded')));
    prepareForm(form, () => Promise.reject(new Error('submit.js could not be loaded')), { unloaded: keepUnloaded(form, relay) });
    submit(form); // empty: the browser's own check refuses it
    await vi.waitFor(() => expect(errors).toHaveBeenCalledTimes(1));
    expect(kept()).toEqual([]);
    fill(form);
    submit(form);
    await vi.waitFor(() => expect(status(form)).toBe('We could not reach our server. Your details are saved on this device and will be sent automatically.'));
    expect(kept()).toHaveLength(1);
    (form.elements.namedItem('phone') as HTMLInputElement).value = '+91 98765 43211';
    submit(form); // corrected and sent again, still offline: the kept lead is replaced, never doubled
    await vi.waitFor(() => expect(kept().map((entry) => entry.submission.fields['phone'])).toEqual(['+91 98765 43211']));
    errors.mockRestore();
  });
});

describe('scriptLoader', () => {
  const settings = (window as unknown as { happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: boolean } } }).happyDOM.settings;
  const scripts = () => [...document.head.querySelectorAll('script')].map((script) => script.src);
  afterEach(() => {
    settings.handleDisabledFileLoadingAsSuccess = false;
    document.head.innerHTML = '';
  });

  it('fetches a file from the folder widget.js came from, once, and resolves with the global it sets', async () => {
    settings.handleDisabledFileLoadingAsSuccess = true; // the file "arrives"
    (window as unknown as Record<string, unknown>)['leadrelayTest'] = 'the chunk';
    const load = scriptLoader('https://cdn.example.net/v/0.1.0/');
    const first = load('submit', 'leadrelayTest');
    expect(load('submit', 'leadrelayTest')).toBe(first);
    expect(await first).toBe('the chunk');
    expect(scripts()).toEqual(['https://cdn.example.net/v/0.1.0/submit.js']);
  });

  it('fetches it again after a failure', async () => {
    const load = scriptLoader('https://cdn.example.net/');
    await expect(load('submit', 'leadrelayTest')).rejects.toThrow('submit.js could not be loaded');
    settings.handleDisabledFileLoadingAsSuccess = true;
    await load('submit', 'leadrelayTest');
    expect(scripts()).toEqual(['https://cdn.example.net/submit.js', 'https://cdn.example.net/submit.js']);
  });
});
