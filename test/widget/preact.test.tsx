import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HONEYPOT_FIELD } from '../../widget/constants.ts';
import { labelsByLanguage } from '../../widget/i18n/catalogue.ts';
import { createLeadCapture, LeadForm, type LeadFormProps } from '../../widget/entries/preact.tsx';
import { parseFieldList } from '../../widget/render/fields.ts';
import { fakeFetch } from '../support/fake-fetch.ts';

const ACCEPTED = { status: 202, body: { id: 'lead-7', status: 'delivered' } };
/** Until no form is sending (aria-busy, retries included): a fixed 10 ms sleep was too short on a loaded machine. */
const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 10));
  await vi.waitFor(() => expect(document.querySelector('form[aria-busy="true"]')).toBeNull(), { timeout: 30_000, interval: 5 });
};

/** Mounts a LeadForm posting through a capture that answers with `network`. */
function mount(network: ReturnType<typeof fakeFetch>, props: Partial<LeadFormProps> = {}) {
  const host = document.createElement('div');
  document.body.append(host);
  const relay = createLeadCapture({ endpoint: 'https://leads.example.com', fetch: network.send, retryDelaysMs: [0, 0] });
  act(() => render(<LeadForm formId="villa" endpoint="unused" relay={relay} {...props} />, host));
  const form = () => host.querySelector('form')!;
  const input = (name: string) => form().elements.namedItem(name) as HTMLInputElement;
  return {
    form,
    input,
    fill: (values: Record<string, string>) => Object.entries(values).forEach(([name, value]) => (input(name).value = value)),
    submit: () => act(() => void form().dispatchEvent(new Event('submit', { cancelable: true }))),
    status: () => form().querySelector('[role=status]')?.textContent,
    describedBy: (name: string) => document.getElementById(input(name).getAttribute('aria-describedby') ?? '')?.textContent,
  };
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('parseFieldList', () => {
  it('reads names, a star marking required ones', () => {
    expect(parseFieldList(' name*, phone* ,email,, message')).toEqual([
      { name: 'name', required: true },
      { name: 'phone', required: true },
      { name: 'email', required: false },
      { name: 'message', required: false },
    ]);
  });
});

describe('LeadForm', () => {
  it('renders labelled inputs with the right types, autofill hints and required marks, in English by default', () => {
    const { form, input } = mount(fakeFetch(), { fields: parseFieldList('name*, phone*, email, message') });
    const labels = Array.from(form().querySelectorAll('label'), (label) => [label.textContent, (form().querySelector(`#${label.htmlFor}`) as HTMLElement).getAttribute('name')]);
    expect(labels).toEqual([
      ['Full name', 'name'],
      ['Phone', 'phone'],
      ['Email', 'email'],
      ['Message', 'message'],
    ]);
    expect([input('phone').type, input('phone').autocomplete, input('phone').required]).toEqual(['tel', 'tel', true]);
    expect([input('email').type, input('email').required]).toEqual(['email', false]);
    expect(form().querySelector('textarea[name=message]')).not.toBeNull();
    expect(form().noValidate).toBe(true);
    expect(form().dir).toBe('');
    // Not a <form data-lead-form>: widget.js on the same page must not take it over a second time.
    expect(form().hasAttribute('data-lead-form')).toBe(false);
    const trap = input(HONEYPOT_FIELD);
    expect([trap.tabIndex, trap.getAttribute('aria-hidden'), trap.style.position]).toEqual([-1, 'true', 'absolute']);
  });

  it('renders a select, a checkbox before its label, a hidden field and a textarea, and sends their values', async () => {
    const network = fakeFetch(ACCEPTED);
    const fields = parseFieldList('name*, budget*:select(Under 1M|Over 1M), consent*:checkbox, source:hidden(Spring fair), notes:textarea');
    const { form, input, submit, describedBy } = mount(network, { fields });
    const budget = form().elements.namedItem('budget') as HTMLSelectElement;
    expect(Array.from(budget.options, (option) => option.value)).toEqual(['', 'Under 1M', 'Over 1M']);
    expect([input('consent').type, input('consent').nextElementSibling?.textContent]).toEqual(['checkbox', 'I agree to be contacted about my enquiry']);
    expect([input('source').type, input('source').value, form().querySelector(`label[for="${input('source').id}"]`)]).toEqual(['hidden', 'Spring fair', null]);
    expect(form().querySelector('textarea[name=notes]')).not.toBeNull();

    input('name').value = 'Meera Iyer';
    submit();
    await settle();
    expect(network.calls).toHaveLength(0);
    expect([describedBy('budget'), describedBy('consent')]).toEqual(['This field is required', 'This field is required']);

    budget.value = 'Over 1M';
    input('consent').checked = true;
    submit();
    await settle();
    expect(network.calls[0]?.body['fields']).toEqual({ name: 'Meera Iyer', budget: 'Over 1M', consent: 'yes', source: 'Spring fair' });
  });

  it('gives two forms of one id on one page element ids of their own', () => {
    mount(fakeFetch());
    mount(fakeFetch());
    const ids = Array.from(document.querySelectorAll('[id]'), (element) => element.id);
    expect(ids.length).toBeGreaterThanOrEqual(6);
    expect(new Set(ids).size).toBe(ids.length);
    for (const label of document.querySelectorAll('label')) expect(label.closest('form')?.contains(document.getElementById(label.htmlFor))).toBe(true);
  });

  it('shows accessible errors, moves focus to the first, and sends nothing while the form is invalid', async () => {
    const network = fakeFetch();
    const { fill, submit, input, status, describedBy } = mount(network);
    fill({ name: '', phone: '12', email: 'nope' });
    submit();
    await settle();
    expect(network.calls).toHaveLength(0);
    expect(input('name').getAttribute('aria-invalid')).toBe('true');
    expect(describedBy('name')).toBe('This field is required');
    expect(describedBy('phone')).toBe('Enter a valid phone number, with its country code');
    expect(describedBy('email')).toBe('Enter a valid email address');
    // Focus moves once Preact has rendered the errors: on a loaded machine, after the checks above.
    await vi.waitFor(() => expect(document.activeElement).toBe(input('name')), { timeout: 30_000, interval: 5 });
    expect(status()).toBe('Please correct the highlighted fields.');
  });

  it('posts fields, attribution and one idempotency key, disables the button while sending, and sends one lead for a double submit', async () => {
    history.replaceState(null, '', '/villas?utm_source=google&gclid=G1');
    localStorage.clear(); // the captures of earlier tests saw that URL change too, and saved their own first touch
    const network = fakeFetch(ACCEPTED);
    const accepted: unknown[] = [];
    const { form, fill, submit, input, status } = mount(network, { onSuccess: (lead) => accepted.push(lead) });
    fill({ name: ' Asha ', phone: '+91 98765 43210' });
    submit();
    expect(form().querySelector('button')?.disabled).toBe(true);
    submit();
    await settle();
    expect(network.calls).toHaveLength(1);
    const [call] = network.calls;
    expect(call?.url).toBe('https://leads.example.com/v1/forms/villa/leads');
    expect(call?.body).toMatchObject({
      fields: { name: 'Asha', phone: '+91 98765 43210' },
      attribution: { first: { utm_source: 'google', gclid: 'G1' }, last: { utm_source: 'google' }, page: { url: expect.stringContaining('/villas?') } },
      locale: 'en',
      elapsedMs: expect.any(Number),
    });
    expect(call?.body['idempotencyKey']).toMatch(/^[0-9a-f-]{36}$/);
    expect(call?.body).not.toHaveProperty('honeypot');
    expect(accepted).toEqual([{ id: 'lead-7', status: 'delivered' }]);
    expect(status()).toBe('Thank you! We have received your details.');
    expect(input('name').value).toBe('');
    expect(form().querySelector('button')?.disabled).toBe(false);
  });

  it('sends nothing and shows no error for a late second click on the form it has just emptied', async () => {
    const network = fakeFetch(ACCEPTED, ACCEPTED);
    const { form, fill, submit, status } = mount(network);
    fill({ name: 'Asha', phone: '+91 98765 43210' });
    submit();
    await settle();
    submit();
    await settle();
    expect(network.calls).toHaveLength(1);
    expect(status()).toBe('Thank you! We have received your details.');
    expect(form().querySelector('[aria-invalid]')).toBeNull();
  });

  it('tells a provider’s refusal apart from a success: onError, never onSuccess, and the refusal message', async () => {
    const network = fakeFetch({ status: 202, body: { id: 'lead-8', status: 'rejected' } });
    const endings: string[] = [];
    const { fill, submit, status } = mount(network, { onSuccess: () => endings.push('success'), onError: (outcome) => endings.push(outcome.kind) });
    fill({ name: 'Asha', phone: '+91 98765 43210' });
    submit();
    await settle();
    expect(endings).toEqual(['rejected']);
    expect(status()).toBe('Sorry, this form cannot take your details right now. Please contact us another way.');
  });

  it("shows the edge's verdict at the field, and a message for a field the form lacks in the status line", async () => {
    const network = fakeFetch({ status: 400, body: { error: { code: 'invalid_input', message: 'Some fields need attention', fields: { phone: 'Not a number in India', city: 'Unknown city' } } } });
    const errors: unknown[] = [];
    const { fill, submit, input, status, describedBy } = mount(network, { onError: (outcome) => errors.push(outcome.kind) });
    fill({ name: 'Asha', phone: '+91 12345 6' });
    submit();
    await settle();
    expect(input('phone').getAttribute('aria-invalid')).toBe('true');
    expect(describedBy('phone')).toBe('Not a number in India');
    expect(status()).toBe('Please correct the highlighted fields. Unknown city');
    expect(errors).toEqual(['invalid']);
  });

  it('keeps a lead it cannot send in the browser, says so, and reuses its key when the visitor tries again', async () => {
    const offline = new TypeError('Failed to fetch');
    const network = fakeFetch(offline, offline, offline, offline, offline, offline);
    const errors: unknown[] = [];
    const { fill, submit, status } = mount(network, { onError: (outcome) => errors.push(outcome.kind) });
    fill({ name: 'Asha', phone: '+91 98765 43210' });
    submit();
    await settle();
    expect(status()).toBe('We could not reach our server. Your details are saved on this device and will be sent automatically.');
    expect(errors).toEqual(['queued']);
    expect(JSON.parse(localStorage.getItem('leadrelay_outbox') ?? '[]')).toHaveLength(1);
    submit();
    await settle();
    expect(new Set(network.calls.map((call) => call.body['idempotencyKey'])).size).toBe(1);
    expect(JSON.parse(localStorage.getItem('leadrelay_outbox') ?? '[]')).toHaveLength(1);
  });

  it('reports a filled honeypot with the lead', async () => {
    const network = fakeFetch(ACCEPTED);
    const { fill, submit } = mount(network);
    fill({ name: 'Bot', phone: '+91 98765 43210', [HONEYPOT_FIELD]: 'http://spam.example' });
    submit();
    await settle();
    expect(network.calls[0]?.body).toMatchObject({ honeypot: 'http://spam.example' });
    expect(network.calls[0]?.body['fields']).not.toHaveProperty(HONEYPOT_FIELD);
  });

  it('renders Turnstile in its place for a form with a site key and sends its token', async () => {
    const rendered: unknown[] = [];
    (window as unknown as Record<string, unknown>)['turnstile'] = {
      render: (box: HTMLElement, settings: unknown) => (rendered.push([box.className, box.nextElementSibling?.tagName, settings]), 'w1'),
      getResponse: () => 'XXXX.DUMMY.TOKEN.XXXX',
      reset: () => undefined,
    };
    const network = fakeFetch(ACCEPTED);
    const { fill, submit } = mount(network, { turnstileSiteKey: '1x00000000000000000000AA' });
    // Until the Turnstile chunk has loaded: a dynamic import, slower than any fixed sleep on a busy machine.
    await vi.waitFor(() => expect(rendered).toEqual([['lead-turnstile', 'BUTTON', { sitekey: '1x00000000000000000000AA', language: 'en' }]]), { timeout: 30_000, interval: 5 });
    fill({ name: 'Asha', phone: '+91 98765 43210' });
    submit();
    await settle();
    expect(network.calls[0]?.body).toMatchObject({ turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX' });
    delete (window as unknown as Record<string, unknown>)['turnstile'];
  });

  it('loads Arabic only for an Arabic form, then lays it out right to left with Arabic labels and messages', async () => {
    expect(labelsByLanguage.ar).toBeUndefined(); // an English page never downloads Arabic
    const network = fakeFetch();
    const { form, submit, status, describedBy } = mount(network, { locale: 'ar', labels: { submit: 'أرسل' }, text: { fixFields: 'صحّح الحقول' } });
    expect(form()).toBeNull(); // never half in English while the chunk loads
    // Until the Arabic chunk has loaded: a dynamic import, slower than any fixed sleep on a busy machine.
    // (Each try flushes Preact's pending renders with act, then looks.)
    await vi.waitFor(
      async () => {
        await act(async () => undefined);
        expect(form()).not.toBeNull();
      },
      { timeout: 30_000, interval: 5 },
    );
    expect(form().dir).toBe('rtl');
    expect(form().lang).toBe('ar');
    expect(Array.from(form().querySelectorAll('label'), (label) => label.textContent)).toEqual(['الاسم الكامل', 'رقم الهاتف', 'البريد الإلكتروني']);
    expect(form().querySelector('button')?.textContent).toBe('أرسل');
    submit();
    await settle();
    expect(describedBy('name')).toBe('هذا الحقل مطلوب');
    expect(status()).toBe('صحّح الحقول');
  });
});
