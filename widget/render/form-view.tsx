import type { Ref } from 'preact';
import { autocompleteFor, inputTypeFor, labelFor, type FieldSpec } from './fields.ts';

/** What a rendered lead form shows. */
export interface FormViewProps {
  formId: string;
  fields: FieldSpec[];
  locale: string;
  /** Label overrides by field name (and `submit` for the button). */
  labels?: Record<string, string>;
  formRef?: Ref<HTMLFormElement> | undefined;
}

/**
 * The markup of a lead form: a labelled input per field, `required` where marked, and a submit
 * button. Behaviour (validation, posting, messages) comes from enhanceForm, as for any form.
 */
export function FormView({ formId, fields, locale, labels = {}, formRef }: FormViewProps) {
  const label = (name: string) => labels[name] ?? labelFor(name, locale);
  return (
    <form data-lead-form={formId} data-locale={locale} lang={locale} class="lead-form" ref={formRef ?? null}>
      {fields.map(({ name, required }) => {
        const id = `${formId}-${name}`;
        return (
          <p class="lead-field" key={name}>
            <label for={id}>{label(name)}</label>
            {name === 'message' ? (
              <textarea id={id} name={name} required={required} rows={3} />
            ) : (
              // Preact types each input type as its own variant; all three here take the same attributes.
              <input id={id} name={name} type={inputTypeFor(name) as 'text'} autocomplete={autocompleteFor(name)} required={required} />
            )}
          </p>
        );
      })}
      <button type="submit">{label('submit')}</button>
    </form>
  );
}
