import { beforeEach, describe, expect, it } from 'vitest';
import { EVENTS, enhanceForm } from '../../widget/enhance.ts';

interface Call {
  url: string;
  body: Record<string, unknown>;
}

/** A fetch that records each call and answers with the next queued response. */
function fakeFetch(...answers: Array<{ status: number; body: unknown }>) {
  const calls: Call[] = [];
  const send = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), body: JSON.parse(String(init?.body)) });
    const answer = answers.shift() ?? { status: 500, body: {} };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  };
  return { calls, send: send as typeof fetch };
}

function mountForm(): HTMLFormElement {
  document.body.innerHTML = `
    <form data-lead-form="shop">
      <label for="n">Name</label><input id="n" name="name" required>
      <label for="p">Phone</label><input id="p" name="phone" required>
      <label for="e">Email</label><input id="e" name="email">
      <button type="submit">Send</button>
    </form>`;
  return document.querySelector('form')!;
}

const fill = (form: HTMLFormElement, values: Record<string, string>) => {
  for (const [name, value] of Object.entries(values)) (form.elements.namedItem(name) as HTMLInputElement).value = value;
};
const submit = (form: HTMLFormElement) => form.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const status = (form: HTMLFormElement) => form.querySelector('[role=status]')?.textContent;

describe('enhanceForm', () => {
  beforeEach(() => {
    history.replaceState(null, '', '/landing?utm_source=google&utm_campaign=spring&utm_term=villa');
  });

  it('shows accessible field errors and sends nothing when the form is invalid', async () => {
    const form = mountForm();
    const network = fakeFetch();
    enhanceForm(form, { endpoint: 'https://leads.example.com', fetch: network.send });
    fill(form, { name: '', phone: '12', email: 'nope' });
    submit(form);
    await settle();

    expect(network.calls).toHaveLength(0);
    const name = form.elements.namedItem('name') as HTMLInputElement;
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)?.textContent).toBe('This field is required');
    expect((form.elements.namedItem('email') as HTMLInputElement).getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name);
    expect(status(form)).toBe('Please correct the highlighted fields.');
  });

  it('posts fields, attribution and an idempotency key, then shows success', async () => {
    const form = mountForm();
    const network = fakeFetch({ status: 202, body: { id: 'lead-1', status: 'delivered' } });
    const events: unknown[] = [];
    form.addEventListener(EVENTS.success, (event) => events.push((event as CustomEvent).detail));
    enhanceForm(form, { endpoint: 'https://leads.example.com/', fetch: network.send });
    fill(form, { name: ' Asha ', phone: '+91 98765 43210', email: '' });
    submit(form);
    await settle();

    expect(network.calls).toHaveLength(1);
    const [call] = network.calls;
    expect(call?.url).toBe('https://leads.example.com/v1/forms/shop/leads');
    expect(call?.body).toMatchObject({
      fields: { name: 'Asha', phone: '+91 98765 43210' },
      attribution: { last: { utm_source: 'google', utm_campaign: 'spring', utm_term: 'villa' } },
    });
    expect(call?.body['idempotencyKey']).toMatch(/^[0-9a-f-]{36}$/);
    expect(status(form)).toBe('Thank you! We have received your details.');
    expect(events).toEqual([{ id: 'lead-1', status: 'delivered' }]);
    expect((form.elements.namedItem('name') as HTMLInputElement).value).toBe('');
  });

  it("puts the edge's field errors next to the inputs", async () => {
    const form = mountForm();
    const network = fakeFetch({ status: 400, body: { error: { code: 'invalid_input', message: 'Some fields need attention', fields: { phone: 'Enter a valid phone number, with its country code' } } } });
    enhanceForm(form, { endpoint: 'https://leads.example.com', fetch: network.send });
    fill(form, { name: 'Asha', phone: '+91 12345 6' });
    submit(form);
    await settle();

    const phone = form.elements.namedItem('phone') as HTMLInputElement;
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(phone.getAttribute('aria-describedby')!)?.textContent).toBe('Enter a valid phone number, with its country code');
  });

  it('sends one lead for a double submit and re-enables the button after', async () => {
    const form = mountForm();
    const network = fakeFetch({ status: 202, body: { id: 'lead-1', status: 'pending' } });
    enhanceForm(form, { endpoint: 'https://leads.example.com', fetch: network.send });
    enhanceForm(form, { endpoint: 'https://leads.example.com', fetch: network.send }); // enhancing twice is harmless
    fill(form, { name: 'Asha', phone: '+91 98765 43210' });
    submit(form);
    expect(form.querySelector('button')?.disabled).toBe(true);
    submit(form);
    await settle();
    expect(network.calls).toHaveLength(1);
    expect(form.querySelector('button')?.disabled).toBe(false);
  });

  it('says so when the edge cannot be reached, keeping what the visitor typed', async () => {
    const form = mountForm();
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    enhanceForm(form, { endpoint: 'https://leads.example.com', fetch: failing, text: { failed: 'Could not send.' } });
    fill(form, { name: 'Asha', phone: '+91 98765 43210' });
    submit(form);
    await settle();
    expect(status(form)).toBe('Could not send.');
    expect((form.elements.namedItem('name') as HTMLInputElement).value).toBe('Asha');
  });
});
