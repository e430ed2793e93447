// render.js's forms: every field type of data-fields, unique ids for two forms of one id, and
// the widget's checks of a required checkbox and select.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeadCapture } from '../../widget/capture.ts';
import { RENDER_GLOBAL } from '../../widget/constants.ts';
import { enhanceForm } from '../../widget/form/enhance.ts';
import { ARABIC_LABELS } from '../../widget/i18n/ar.ts';
import { labelsByLanguage } from '../../widget/i18n/catalogue.ts';
import { renderForm } from '../../widget/render/dom-form.ts';
import { parseFieldList } from '../../widget/render/fields.ts';
import { fakeFetch } from '../support/fake-fetch.ts';

const ALL_TYPES = 'name*, phone*, email, budget*:select(Under 1M|1M–2M|Over 2M), unit:select(Villa|Flat), consent*:checkbox, newsletter:checkbox(subscribed), source:hidden(Spring fair), message, notes:textarea, city:text';

/** Renders `fields` into a fresh host on the page. */
function rendered(fields: string, formId = 'villa', locale = 'en'): HTMLFormElement {
  const host = document.createElement('div');
  document.body.append(host);
  return renderForm(host, { formId, fields: parseFieldList(fields), locale });
}
const control = (form: HTMLFormElement, name: string) => form.elements.namedItem(name) as HTMLInputElement & HTMLSelectElement;
const labelOf = (form: HTMLFormElement, name: string) => form.querySelector(`label[for="${control(form, name).id}"]`)?.textContent;
const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  await vi.waitFor(() => expect(document.querySelector('form[aria-busy="true"]')).toBeNull(), { timeout: 30_000, interval: 5 });
};

beforeEach(() => {
  document.body.innerHTML = '';
  localStorage.clear();
  sessionStorage.clear();
});

describe('parseFieldList', () => {
  it('reads each field type with its choices or value, and a star for required', () => {
    expect(parseFieldList(ALL_TYPES)).toEqual([
      { name: 'name', required: true },
      { name: 'phone', required: true },
      { name: 'email', required: false },
      { name: 'budget', required: true, type: 'select', options: ['Under 1M', '1M–2M', 'Over 2M'] },
      { name: 'unit', required: false, type: 'select', options: ['Villa', 'Flat'] },
      { name: 'consent', required: true, type: 'checkbox' },
      { name: 'newsletter', required: false, type: 'checkbox', value: 'subscribed' },
      { name: 'source', required: false, type: 'hidden', value: 'Spring fair' },
      { name: 'message', required: false },
      { name: 'notes', required: false, type: 'textarea' },
      { name: 'city', required: false, type: 'text' },
    ]);
  });

  it('keeps commas inside parentheses, and names what it cannot read', () => {
    expect(parseFieldList('size:select(1,200 sq ft|2,400 sq ft), name')).toEqual([
      { name: 'size', required: false, type: 'select', options: ['1,200 sq ft', '2,400 sq ft'] },
      { name: 'name', required: false },
    ]);
    expect(() => parseFieldList('name, age:number')).toThrow('data-fields: cannot read "age:number"');
    expect(() => parseFieldList('email:email(x)')).toThrow('cannot read "email:email(x)"');
    expect(() => parseFieldList('2fast')).toThrow('cannot read "2fast"');
  });
});

describe('renderForm', () => {
  it('renders every field type with its label, in the right element', () => {
    const form = rendered(ALL_TYPES);
    expect([control(form, 'phone').type, control(form, 'phone').autocomplete, control(form, 'email').type]).toEqual(['tel', 'tel', 'email']);
    const budget = control(form, 'budget');
    expect(budget.tagName).toBe('SELECT');
    // A required select starts on an empty choice: the visitor has to pick one.
    expect(Array.from(budget.options, (option) => [option.value, option.text])).toEqual([['', 'Choose…'], ['Under 1M', 'Under 1M'], ['1M–2M', '1M–2M'], ['Over 2M', 'Over 2M']]);
    expect(Array.from(control(form, 'unit').options, (option) => option.value)).toEqual(['Villa', 'Flat']);
    const consent = control(form, 'consent');
    expect([consent.type, consent.value, consent.required, labelOf(form, 'consent')]).toEqual(['checkbox', 'yes', true, 'I agree to be contacted about my enquiry']);
    // A checkbox comes before its label, in a row of its own kind.
    expect(consent.nextElementSibling?.tagName).toBe('LABEL');
    expect(consent.parentElement?.className).toBe('lead-field lead-check');
    expect(control(form, 'newsletter').value).toBe('subscribed');
    const source = control(form, 'source');
    expect([source.type, source.value, source.parentElement]).toEqual(['hidden', 'Spring fair', form]);
    expect(form.querySelector(`label[for="${source.id}"]`)).toBeNull();
    expect(control(form, 'message').tagName).toBe('TEXTAREA');
    expect(control(form, 'notes').tagName).toBe('TEXTAREA');
    expect([control(form, 'city').tagName, control(form, 'city').type]).toEqual(['INPUT', 'text']);
    for (const name of ['name', 'phone', 'email', 'budget', 'unit', 'newsletter', 'message', 'notes', 'city']) expect(labelOf(form, name), name).toBeTruthy();
  });

  it('labels the form in Arabic once render.js has added Arabic', () => {
    labelsByLanguage.ar = ARABIC_LABELS;
    const form = rendered('firstName*, budget*:select(A|B), consent*:checkbox', 'villa', 'ar');
    expect([labelOf(form, 'firstName'), labelOf(form, 'consent'), control(form, 'budget').options[0]?.text]).toEqual(['الاسم الأول', 'أوافق على التواصل معي بخصوص طلبي', 'اختر…']);
  });

  it('gives two forms of one id on one page ids of their own, each label bound to its own input', () => {
    const first = rendered('name*, consent*:checkbox', 'twin');
    const second = rendered('name*, consent*:checkbox', 'twin');
    const ids = Array.from(document.querySelectorAll('[id]'), (element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const form of [first, second]) {
      for (const label of form.querySelectorAll('label')) expect(form.contains(document.getElementById(label.htmlFor))).toBe(true);
    }
    expect(control(first, 'name').id).toBe('twin-name'); // the first keeps the plain, predictable id
  });
});

describe('a rendered form, enhanced', () => {
  const capture = (send: typeof fetch) => createLeadCapture({ endpoint: 'https://leads.example.com/', fetch: send, retryDelaysMs: [0, 0] });
  const submit = (form: HTMLFormElement) => form.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));

  it('refuses an unchecked required checkbox and an unchosen required select, with messages after each', async () => {
    const network = fakeFetch();
    const form = rendered('name*, budget*:select(A|B), consent*:checkbox');
    enhanceForm(form, capture(network.send));
    control(form, 'name').value = 'Meera Iyer';
    submit(form);
    await settle();
    expect(network.calls).toHaveLength(0);
    for (const name of ['budget', 'consent']) {
      const element = control(form, name);
      expect(element.getAttribute('aria-invalid'), name).toBe('true');
      expect(document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent, name).toBe('This field is required');
    }
    // The consent box's message follows its label, not the box itself.
    expect(control(form, 'consent').parentElement?.lastElementChild?.className).toBe('lead-error');
    expect(document.activeElement).toBe(control(form, 'budget'));
  });

  it('sends the chosen option, the checked box’s value and the hidden value; an unchecked optional box sends nothing', async () => {
    const network = fakeFetch({ status: 202, body: { id: 'lead-1', status: 'delivered' } });
    const form = rendered('name*, budget*:select(A|B), consent*:checkbox, newsletter:checkbox, source:hidden(Spring fair)');
    enhanceForm(form, capture(network.send));
    control(form, 'name').value = 'Meera Iyer';
    control(form, 'budget').value = 'B';
    control(form, 'consent').checked = true;
    submit(form);
    await settle();
    expect(network.calls).toHaveLength(1);
    expect(network.calls[0]?.body['fields']).toEqual({ name: 'Meera Iyer', budget: 'B', consent: 'yes', source: 'Spring fair' });
  });

  it('gives error notes of two forms of one id distinct ids', async () => {
    const forms = [rendered('name*', 'twin'), rendered('name*', 'twin')];
    for (const form of forms) {
      enhanceForm(form, capture(fakeFetch().send));
      submit(form);
    }
    await settle();
    const notes = Array.from(document.querySelectorAll('.lead-error'), (note) => note.id);
    expect(notes).toHaveLength(2);
    expect(new Set(notes).size).toBe(2);
  });
});

describe('render.js', () => {
  it('renders every div it can read, and names the one it cannot in the console', async () => {
    document.body.innerHTML = `<div data-lead-form="good" data-fields="name*, consent*:checkbox"></div>
      <div data-lead-form="typo" data-fields="name*, age:number"></div>`;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await import('../../widget/entries/render.ts');
    expect(document.querySelector('div[data-lead-form="good"] form input[name=consent]')).not.toBeNull();
    expect(document.querySelector('div[data-lead-form="typo"]')?.children).toHaveLength(0);
    expect(logged).toHaveBeenCalledWith('[leadrelay] form "typo":', expect.stringContaining('cannot read "age:number"'));
    logged.mockRestore();
  });

  it('warns when a div keeps a number of rows its fields do not take (the page would move when it renders)', async () => {
    document.body.innerHTML = `<div data-lead-form="right" data-fields="name*, phone*, source:hidden(Fair), consent*:checkbox, message" data-rows="5"></div>
      <div data-lead-form="short" data-fields="name*, phone*, email, message" data-rows="4"></div>`;
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await import('../../widget/entries/render.ts');
    (window as unknown as Record<string, () => void>)[RENDER_GLOBAL]!(); // the module ran for the first test's page already
    expect(document.querySelectorAll('div[data-lead-form] form')).toHaveLength(2);
    expect(warned.mock.calls).toEqual([['[leadrelay] form "short": data-rows="4", but its fields take 5 rows (one per field shown, two for a message box)']]);
    warned.mockRestore();
  });
});
