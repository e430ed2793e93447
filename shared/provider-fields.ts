// The fields a pasted form needs for each provider to take its leads, by provider name (the
// names of edge/providers/index.ts; a test there checks that every adapter takes a lead filled
// in with these fields). The names are the ones each adapter reads when the form has no fieldMap.
import { fieldType, type FieldSpec } from './form-fields.ts';

const field = (name: string, required: boolean, type?: FieldSpec['type']): FieldSpec => (type ? { name, required, type } : { name, required });

/** The default form of a provider without its own entry: name and phone, email optional. */
export const DEFAULT_FORM_FIELDS: readonly FieldSpec[] = [field('name', true), field('phone', true), field('email', false)];

/** Fields of a form for each provider, in the order a visitor fills them. */
export const PROVIDER_FORM_FIELDS: Readonly<Record<string, readonly FieldSpec[]>> = {
  // anarock.txt: phone (with country_code, which the edge derives from it) is the one mandatory lead field.
  anarock: [field('name', false), field('phone', true), field('email', false)],
  // comunik8.txt: first_name, surname, mobile and email are all required.
  comunik8: [field('first_name', true), field('surname', true), field('email', true), field('phone', true)],
  // hotwire.txt: firstName, lastName and email are required; the consent box records that the visitor agreed to be contacted.
  hotwire: [field('firstName', true), field('lastName', true), field('email', true), field('consent', true, 'checkbox')],
  // realgeeks.txt: a lead needs one way to reach the person; the message becomes its first activity.
  realgeeks: [field('first_name', false), field('last_name', false), field('email', true), field('phone', false), field('message', false)],
  // sakneen.txt: name and phoneNumber required, email optional.
  sakneen: [field('name', true), field('phone', true), field('email', false)],
};

/** A form of the Worker's config, as far as its fields go. */
export interface FieldsOfForm {
  /** Its provider's name, which decides the fields (see PROVIDER_FORM_FIELDS). */
  provider: string;
  /** Its options' `fieldMap`: provider field -> the form field that fills it. */
  fieldMap?: Readonly<Record<string, string>> | undefined;
  /** Its `fields` setting: the only form fields it takes, when set. */
  fields?: readonly string[] | null | undefined;
}

/** One field of a form, with the field its label is for (the provider's name for it, before a fieldMap renamed it). */
export interface FormField {
  spec: FieldSpec;
  labelOf: string;
}

/**
 * The fields of a form: its provider's, renamed by its fieldMap, and only those its `fields`
 * setting takes (a consent box the form does not take is left out, not refused later).
 * The phone is always `phone`: the edge parses that field for every provider.
 */
export function formFieldsFor(form: FieldsOfForm): FormField[] {
  const specs = (Object.hasOwn(PROVIDER_FORM_FIELDS, form.provider) && PROVIDER_FORM_FIELDS[form.provider]) || DEFAULT_FORM_FIELDS;
  return specs
    // The type comes from the provider's name for the field: a renamed email input is still type="email".
    .map((spec) => ({ spec: { ...spec, type: fieldType(spec), name: spec.name === 'phone' ? spec.name : (form.fieldMap?.[spec.name] ?? spec.name) }, labelOf: spec.name }))
    .filter(({ spec }) => !form.fields || form.fields.includes(spec.name));
}
