/** One input of a form the widget renders. */
export interface FieldSpec {
  name: string;
  required: boolean;
  label?: string;
}

/** Built-in labels of the common fields, by language. */
const LABELS: Record<'en' | 'ar', Record<string, string>> = {
  en: { name: 'Full name', phone: 'Phone', email: 'Email', message: 'Message', city: 'City', submit: 'Send' },
  ar: { name: 'الاسم الكامل', phone: 'رقم الهاتف', email: 'البريد الإلكتروني', message: 'رسالتك', city: 'المدينة', submit: 'إرسال' },
};

/** The label of a field in a language; a field without one is labelled by its name. */
export const labelFor = (name: string, locale: string): string => LABELS[/^ar\b/i.test(locale) ? 'ar' : 'en'][name] ?? name.replace(/[_-]/g, ' ');

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
