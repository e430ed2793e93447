// Phone numbers as visitors type them, for choosing the Worker's libphonenumber-js metadata on
// evidence (bench/phone-metadata.ts) and for holding the Worker to that choice (test/edge/phone.test.ts).
import type { CountryCode } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json';

/** The demo forms' countries (wrangler.toml [env.demo]) and thirty-five more where leads come from. */
export const PHONE_COUNTRIES: readonly CountryCode[] = [
  'IN', 'US', 'GB', 'AE',
  'SA', 'EG', 'QA', 'KW', 'BH', 'OM', 'JO', 'LB', 'PK', 'BD', 'LK', 'NP', 'SG', 'MY', 'PH', 'ID',
  'TH', 'AU', 'CA', 'DE', 'FR', 'NL', 'ES', 'IT', 'IE', 'ZA', 'NG', 'KE', 'BR', 'MX', 'RU', 'TR', 'CN', 'JP', 'HK',
];

/** A country's real-format mobile number (libphonenumber's own example, national format digits). */
export const exampleMobile = (country: CountryCode): string => examples[country];

/**
 * The country's example and the slips a visitor makes typing it: each of the first two digits
 * replaced by 0–9 (a wrong prefix), one digit too many, one too few. National format, read in
 * `country`.
 */
export function typedVariants(country: CountryCode): string[] {
  const example = exampleMobile(country);
  const variants = new Set([example, `${example}0`, example.slice(0, -1)]);
  for (let digit = 0; digit <= 9; digit++) {
    variants.add(`${digit}${example.slice(1)}`);
    variants.add(`${example.slice(0, 1)}${digit}${example.slice(2)}`);
  }
  return [...variants];
}
