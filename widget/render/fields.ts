/** One input of a form the widget renders. */
export interface FieldSpec {
  name: string;
  required: boolean;
}

/** Parses `data-fields="name*, phone*, email, message"`: a star marks a required field. */
export function parseFieldList(list: string): FieldSpec[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => ({ name: item.replace(/\*$/, ''), required: item.endsWith('*') }));
}

/** The input type that brings up the right keyboard for a field. */
export const inputTypeFor = (name: string): 'email' | 'tel' | 'text' => (name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text');

/** The browser autofill hint for a field. */
export const autocompleteFor = (name: string): string => ({ name: 'name', email: 'email', phone: 'tel', city: 'address-level2' })[name] ?? 'on';
