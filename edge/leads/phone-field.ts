import type { CountryCode } from '../phone-metadata.ts';
import type { FieldErrors } from '../../shared/field-errors.ts';
import type { LeadFields } from '../../shared/lead.ts';
import { asCountry, phoneReadings, type NormalizedPhone } from '../phone.ts';

/** What the visitor is told, in the page's language (Arabic pages get Arabic). */
const MESSAGES = {
  en: {
    invalid: 'Enter a valid phone number, with its country code',
    ambiguous: (options: string) => `Which country is this number in? Add its country code: ${options}`,
    or: ' or ',
  },
  ar: {
    invalid: 'أدخل رقم هاتف صحيحًا مع رمز الدولة',
    ambiguous: (options: string) => `في أي دولة هذا الرقم؟ أضف رمز الدولة: ${options}`,
    or: ' أو ',
  },
} as const;

const messagesFor = (locale: string | undefined) => (/^ar(-|$)/i.test(locale ?? '') ? MESSAGES.ar : MESSAGES.en);

/**
 * The visitor's phone, read without guessing. A country the visitor picked for the phone
 * (`phone_country`) decides. Otherwise a national number is read in every candidate country (a
 * `country` field, the form's default, where the request came from): when it is a valid but
 * different number in two of them, the visitor is asked for the country code rather than sent
 * on as the wrong person's number (a UK `07123 456789` is also a valid Indian number).
 */
export function readVisitorPhone(
  fields: LeadFields,
  context: { defaultCountry: CountryCode | undefined; requestCountry: string | undefined; locale: string | undefined },
): { ok: true; phone: NormalizedPhone | undefined } | { ok: false; fields: FieldErrors } {
  const raw = fields.phone;
  if (!raw) return { ok: true, phone: undefined };
  const chosen = asCountry(fields['phone_country']);
  const countries = chosen ? [chosen] : [asCountry(fields['country']), context.defaultCountry, asCountry(context.requestCountry)];
  const readings = phoneReadings(raw, countries);
  const [only] = readings;
  if (only && readings.length === 1) return { ok: true, phone: only };
  const messages = messagesFor(context.locale);
  if (!only) return { ok: false, fields: { phone: messages.invalid } };
  const options = readings.map((phone) => `+${phone.callingCode}${phone.country ? ` (${phone.country})` : ''}`).join(messages.or);
  return { ok: false, fields: { phone: messages.ambiguous(options) } };
}
