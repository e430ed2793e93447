import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * A random valid mobile number: `prefix` then `digits` random digits, so tests never collide on a
 * provider's duplicate checks. Throws rather than loop forever on a prefix that cannot work.
 */
export function uniquePhone(country: CountryCode, prefix: string, digits: number): string {
  for (let tries = 0; tries < 1000; tries++) {
    const candidate = prefix + Array.from({ length: digits }, () => Math.floor(Math.random() * 10)).join('');
    const parsed = parsePhoneNumberFromString(candidate, country);
    const type = parsed?.getType();
    if (parsed?.isValid() && (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE')) return parsed.number;
  }
  throw new Error(`no valid ${country} mobile number starts with ${prefix} and has ${digits} more digits`);
}
