import { labelFor } from '../i18n/catalogue.ts';
import { autocompleteFor, inputTypeFor, type FieldSpec } from './fields.ts';

/** What a rendered lead form shows. */
export interface FormSpec {
  formId: string;
  fields: FieldSpec[];
  locale: string;
  /** Label overrides by field name (and `submit` for the button). */
  labels?: Record<string, string> | undefined;
}

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, properties: Partial<HTMLElementTagNameMap[K]> = {}) =>
  Object.assign(document.createElement(tag), properties);

/**
 * Renders the markup of a lead form into `host`: a labelled input per field, `required` where
 * marked, a submit button. Plain DOM, so the script-tag path needs no framework (the Preact
 * component renders the same markup and classes with Preact). Behaviour comes from enhanceForm.
 */
export function renderForm(host: HTMLElement, spec: FormSpec): HTMLFormElement {
  const label = (name: string) => spec.labels?.[name] ?? labelFor(name, spec.locale);
  const form = element('form', { className: 'lead-form', lang: spec.locale });
  form.dataset['leadForm'] = spec.formId;
  form.dataset['locale'] = spec.locale;
  for (const { name, required } of spec.fields) {
    const id = `${spec.formId}-${name}`;
    const input = name === 'message' ? document.createElement('textarea') : document.createElement('input');
    if (input instanceof HTMLTextAreaElement) input.rows = 3;
    else input.type = inputTypeFor(name);
    if (input instanceof HTMLInputElement) input.setAttribute('autocomplete', autocompleteFor(name));
    input.id = id;
    input.name = name;
    input.required = required;
    const row = element('p', { className: 'lead-field' });
    row.append(element('label', { htmlFor: id, textContent: label(name) }), input);
    form.append(row);
  }
  form.append(element('button', { type: 'submit', textContent: label('submit') }));
  host.replaceChildren(form);
  return form;
}
