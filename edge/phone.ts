import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from './phone-metadata.ts';

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
  /** International format for people: `+91 98765 43210`. */
  international: string;
  /** National format as dialled in the country, digits only, trunk prefix kept: `07840258823` for GB. */
  nationalDigits: string;
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
    international: parsed.formatInternational(),
    nationalDigits: parsed.formatNational().replace(/\D/g, ''),
  };
}

/** A region code as a form field or `request.cf.country` gives it, if libphonenumber knows it. */
export const asCountry = (value: unknown): CountryCode | undefined =>
  typeof value === 'string' && isSupportedCountry(value.toUpperCase()) ? (value.toUpperCase() as CountryCode) : undefined;

/**
 * Every different number a phone typed with or without its country code can be, read in each of
 * `countries`: one entry when they agree (or the number has its `+` code), none when it is valid
 * nowhere, several when it is a valid national number of more than one of them.
 */
export function phoneReadings(raw: string, countries: ReadonlyArray<CountryCode | undefined>): NormalizedPhone[] {
  const candidates = [...new Set(countries.filter((country): country is CountryCode => country !== undefined))];
  // A number that reads without a country has its + code, and libphonenumber reads it the same in
  // every country: once is enough where there are several to try (the form's and the request's).
  if (candidates.length > 1) {
    const international = normalizePhone(raw, undefined);
    if (international) return [international];
  }
  const readings = new Map<string, NormalizedPhone>();
  for (const country of candidates.length > 0 ? candidates : [undefined]) {
    const phone = normalizePhone(raw, country);
    if (phone && !readings.has(phone.e164)) readings.set(phone.e164, phone);
  }
  return [...readings.values()];
}
