import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** A phone number after parsing: what providers ask for in their various shapes. */
export interface NormalizedPhone {
  /** `+919876543210` */
  e164: string;
  /** National significant number, digits only: `9876543210`. */
  national: string;
  /** ISO 3166-1 alpha-2 region, when the number belongs to one. */
  country: CountryCode | undefined;
  /** Country calling code without `+`: `91`. */
  callingCode: string;
}

/**
 * Parses a visitor's phone number. A number without `+` is read as a national number of
 * `defaultCountry`. Returns undefined when the number is not a valid number anywhere.
 */
export function normalizePhone(raw: string, defaultCountry: CountryCode | undefined): NormalizedPhone | undefined {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry ? { defaultCountry } : {});
  if (!parsed?.isValid()) return undefined;
  return {
    e164: parsed.number,
    national: parsed.nationalNumber,
    country: parsed.country,
    callingCode: parsed.countryCallingCode,
  };
}

/** A region code as a form field or `request.cf.country` gives it, if libphonenumber knows it. */
export const asCountry = (value: unknown): CountryCode | undefined =>
  typeof value === 'string' && isSupportedCountry(value.toUpperCase()) ? (value.toUpperCase() as CountryCode) : undefined;

/**
 * Parses a phone typed with or without its country code, reading a national number in each of
 * `countries` in turn (the visitor's own choice, then the form's default, then where the request
 * came from): the first that gives a valid number wins.
 */
export function normalizePhoneIn(raw: string, countries: ReadonlyArray<CountryCode | undefined>): NormalizedPhone | undefined {
  const candidates = [...new Set(countries.filter((country): country is CountryCode => country !== undefined))];
  if (candidates.length === 0) return normalizePhone(raw, undefined);
  for (const country of candidates) {
    const phone = normalizePhone(raw, country);
    if (phone) return phone;
  }
  return undefined;
}
