import { fieldControl, fieldLayout, type FieldControl } from '../../shared/form-fields.ts';
import { labelFor } from '../i18n/catalogue.ts';
import { idPrefixFor, type FieldSpec } from './fields.ts';

/** What a rendered lead form shows. */
export interface FormSpec {
  formId: string;
  fields: FieldSpec[];
  locale: string;
  /** Label overrides by field name (and `submit` for the button, `choose` for a select's empty choice). */
  labels?: Record<string, string> | undefined;
}

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, properties: Partial<HTMLElementTagNameMap[K]> = {}) =>
  Object.assign(document.createElement(tag), properties);

/** The DOM element of a field's control. */
function controlElement({ tag, attributes, options = [] }: FieldControl): HTMLElement {
  const control = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) control.setAttribute(name, value === true ? '' : value);
  for (const [value, text] of options) control.append(element('option', { value, textContent: text }));
  return control;
}

/**
 * Renders the markup of a lead form into `host`: a labelled control per field (a checkbox before
 * its label, a hidden field without one), `required` where marked, a submit button. Plain DOM,
 * so the script-tag path needs no framework (the Preact component renders the same markup and
 * classes with Preact). Behaviour comes from enhanceForm.
 */
export function renderForm(host: HTMLElement, spec: FormSpec): HTMLFormElement {
  const label = (name: string) => spec.labels?.[name] ?? labelFor(name, spec.locale);
  const prefix = idPrefixFor(spec.formId);
  const form = element('form', { className: 'lead-form', lang: spec.locale });
  form.dataset['leadForm'] = spec.formId;
  form.dataset['locale'] = spec.locale;
  for (const field of spec.fields) {
    const id = `${prefix}-${field.name}`;
    const control = controlElement(fieldControl(field, id, label('choose')));
    const layout = fieldLayout(field);
    if (layout === 'hidden') {
      form.append(control);
      continue;
    }
    const text = element('label', { htmlFor: id, textContent: label(field.name) });
    const row = element('p', { className: layout === 'inline' ? 'lead-field lead-check' : 'lead-field' });
    if (layout === 'inline') row.append(control, text);
    else row.append(text, control);
    form.append(row);
  }
  form.append(element('button', { type: 'submit', textContent: label('submit') }));
  host.replaceChildren(form);
  return form;
}
