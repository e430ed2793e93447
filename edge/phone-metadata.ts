// libphonenumber-js with its max metadata (kept on evidence: BENCHMARKS.md, "phone metadata"),
// the metadata parsed the first time a number or a country is read. wrangler.toml's [[rules]]
// upload the metadata file as a Text module: a string costs next to nothing at import, where the
// same 156 KB as a JavaScript object literal was parsed, compiled and built on every cold start.
// Node (the config checks in scripts/) imports the same file as JSON, an object.
import {
  getCountryCallingCode as callingCodeIn,
  getExampleNumber as exampleIn,
  isSupportedCountry as supportedIn,
  parsePhoneNumberFromString as parseIn,
  type CountryCallingCode,
  type CountryCode,
  type Examples,
  type MetadataJson,
  type PhoneNumber,
} from 'libphonenumber-js/core';
// The file itself, not the package's export (its JavaScript twin), so the Text rule can take it.
import shipped from '../node_modules/libphonenumber-js/metadata.max.json' with { type: 'json' };

export type { CountryCode } from 'libphonenumber-js/core';

let metadata: MetadataJson | undefined;

/** The max metadata, parsed once per isolate. */
function max(): MetadataJson {
  const file: unknown = shipped;
  metadata ??= (typeof file === 'string' ? JSON.parse(file) : file) as MetadataJson;
  return metadata;
}

/** libphonenumber-js/max's parsePhoneNumberFromString. */
export const parsePhoneNumberFromString = (text: string, options: { defaultCountry?: CountryCode }): PhoneNumber | undefined => parseIn(text, options, max());

/** libphonenumber-js/max's isSupportedCountry. */
export const isSupportedCountry = (country: string): country is CountryCode => supportedIn(country as CountryCode, max());

/** libphonenumber-js/max's getCountryCallingCode. */
export const getCountryCallingCode = (country: CountryCode): CountryCallingCode => callingCodeIn(country, max());

/** libphonenumber-js/max's getExampleNumber. */
export const getExampleNumber = (country: CountryCode, examples: Examples): PhoneNumber | undefined => exampleIn(country, examples, max());
