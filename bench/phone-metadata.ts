// Which libphonenumber-js metadata the Worker should carry, on evidence: every candidate's verdict
// (a valid number or not) on the same typed numbers, against the one the Worker ships (max), and
// each candidate's gzip bytes. A smaller set that accepts numbers max refuses lets uncallable
// phones through to the provider, so the table counts exactly those.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parsePhoneNumberFromString as parseMax, type CountryCode } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString as parseMin } from 'libphonenumber-js/min';
import { parsePhoneNumberFromString as parseMobile } from 'libphonenumber-js/mobile';
import { ROOT } from '../scripts/local-stack.ts';
import { PHONE_COUNTRIES, typedVariants } from '../test/support/phone-numbers.ts';

type Parse = typeof parseMax;
const CANDIDATES: Array<{ name: 'max' | 'min' | 'mobile'; parse: Parse }> = [
  { name: 'max', parse: parseMax },
  { name: 'min', parse: parseMin },
  { name: 'mobile', parse: parseMobile },
];

export interface PhoneMetadataRow {
  metadata: 'max' | 'min' | 'mobile';
  gzip: number;
  numbers: number;
  /** Numbers max refuses and this set accepts: uncallable phones that would reach the provider. */
  acceptsMoreThanMax: Array<{ country: CountryCode; number: string }>;
  /** Numbers max accepts and this set refuses: visitors told their real number is wrong. */
  refusesMoreThanMax: Array<{ country: CountryCode; number: string }>;
}

const gzipOf = (name: string) => gzipSync(readFileSync(join(ROOT, 'node_modules', 'libphonenumber-js', `metadata.${name}.json`))).length;

export function comparePhoneMetadata(): PhoneMetadataRow[] {
  const typed = PHONE_COUNTRIES.flatMap((country) => typedVariants(country).map((number) => ({ country, number })));
  const valid = (parse: Parse, { country, number }: (typeof typed)[number]) => parse(number, country)?.isValid() ?? false;
  return CANDIDATES.map(({ name, parse }) => ({
    metadata: name,
    gzip: gzipOf(name),
    numbers: typed.length,
    acceptsMoreThanMax: typed.filter((entry) => valid(parse, entry) && !valid(parseMax, entry)),
    refusesMoreThanMax: typed.filter((entry) => !valid(parse, entry) && valid(parseMax, entry)),
  }));
}
