import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createLeadRelay, LeadForm } from '../../widget/entries/preact.tsx';
import { parseFieldList } from '../../widget/render/fields.ts';

const host = () => {
  const element = document.createElement('div');
  document.body.append(element);
  return element;
};
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
  it('renders labelled inputs of the right types, in the form’s language', () => {
    const element = host();
    act(() => render(<LeadForm formId="villa" endpoint="https://leads.example.com" locale="ar" fields={parseFieldList('name*, phone*, email, message')} labels={{ submit: 'أرسل' }} />, element));
    const form = element.querySelector('form')!;
    expect(form.dataset['leadForm']).toBe('villa');
    expect(form.dir).toBe('rtl');
    const labels = Array.from(form.querySelectorAll('label'), (label) => [label.textContent, (form.querySelector(`#${label.htmlFor}`) as HTMLElement).getAttribute('name')]);
    expect(labels).toEqual([
      ['الاسم الكامل', 'name'],
      ['رقم الهاتف', 'phone'],
      ['البريد الإلكتروني', 'email'],
      ['رسالتك', 'message'],
    ]);
    expect((form.querySelector('[name=phone]') as HTMLInputElement).type).toBe('tel');
    expect((form.querySelector('[name=phone]') as HTMLInputElement).required).toBe(true);
    expect(form.querySelector('textarea[name=message]')).not.toBeNull();
    expect(form.querySelector('button')?.textContent).toBe('أرسل');
  });

  it('submits through its relay and calls onSuccess with the accepted lead', async () => {
    const bodies: unknown[] = [];
    const relay = createLeadRelay({
      endpoint: 'https://leads.example.com',
      fetch: (async (_url: RequestInfo | URL, init?: RequestInit) => {
        bodies.push(JSON.parse(String(init?.body)));
        return new Response('{"id":"lead-7","status":"delivered"}', { status: 202 });
      }) as typeof fetch,
    });
    const accepted: unknown[] = [];
    const element = host();
    act(() => render(<LeadForm formId="villa" endpoint="unused" relay={relay} onSuccess={(lead) => accepted.push(lead)} />, element));
    const form = element.querySelector('form')!;
    (form.querySelector('[name=name]') as HTMLInputElement).value = 'Asha';
    (form.querySelector('[name=phone]') as HTMLInputElement).value = '+91 98765 43210';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(bodies).toEqual([expect.objectContaining({ fields: { name: 'Asha', phone: '+91 98765 43210' } })]);
    expect(accepted).toEqual([{ id: 'lead-7', status: 'delivered' }]);
  });
});

describe('createLeadRelay().submit', () => {
  it('refuses invalid fields with localized messages and sends nothing', async () => {
    let calls = 0;
    const relay = createLeadRelay({ endpoint: 'https://leads.example.com', fetch: (async () => (calls++, new Response('{}'))) as typeof fetch });
    expect(await relay.submit('villa', { name: 'A', email: 'nope' }, { locale: 'ar' })).toEqual({
      kind: 'invalid',
      fields: { email: 'أدخل بريدًا إلكترونيًا صحيحًا' },
      message: 'يُرجى تصحيح الحقول المحدَّدة.',
    });
    expect(calls).toBe(0);
  });
});
