import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

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
