// libphonenumber-js with its max metadata (kept on evidence: BENCHMARKS.md, "phone metadata").
// The metadata (156 KB, 39 KB gzip) is no part of the Worker's bundle, which every cold start
// loads and issue 21 holds to 60 KB gzip: the build copies the package's file among the static
// assets (PHONE_METADATA_PATH), and each isolate fetches and parses it once through the ASSETS
// binding (loadPhoneMetadata), which every entry point awaits before it reads a phone or a
// country. Node (the config checks in scripts/) hands in the package's file itself
// (scripts/phone-metadata.ts).
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
import { log } from './log.ts';

export type { CountryCode } from 'libphonenumber-js/core';

/** Where the build puts libphonenumber-js's metadata.max.json among the static assets (scripts/build.ts). */
export const PHONE_METADATA_PATH = '/libphonenumber-js/metadata.max.json';

/** What loading needs of the ASSETS binding. */
export interface AssetFetcher {
  fetch(request: Request): Promise<Response>;
}

let metadata: MetadataJson | undefined;
let loading: Promise<boolean> | undefined;

/** Makes `json` the metadata every function below reads: Node's way in, with the package's file. */
export function usePhoneMetadata(json: MetadataJson): void {
  metadata = json;
}

/** Where the build puts libphonenumber-js's example mobile numbers (the operator console's sample lead). */
export const PHONE_EXAMPLES_PATH = '/libphonenumber-js/examples.mobile.json';

/** The package's files the build copies among the static assets, each as published. */
export const PHONE_ASSET_PATHS = [PHONE_METADATA_PATH, PHONE_EXAMPLES_PATH] as const;

/** A request of the ASSETS binding for the build's file at `path`: it serves by path, the host is never looked up. */
export const assetRequest = (path: string): Request => new Request(`https://assets.invalid${path}`);

/**
 * One of the build's JSON assets through the ASSETS binding, if it is `what` by `isIt`; undefined
 * when it cannot be read, logged as `event`.
 */
async function assetJson<T>(assets: AssetFetcher, path: string, event: string, what: string, isIt: (json: unknown) => json is T): Promise<T | undefined> {
  try {
    const response = await assets.fetch(assetRequest(path));
    if (!response.ok) throw new Error(`ASSETS answered ${response.status} for ${path}`);
    const json: unknown = await response.json();
    if (!isIt(json)) throw new Error(`${path} is not ${what}`);
    return json;
  } catch (error) {
    log({ event, error: error instanceof Error ? error.message : 'unknown' });
    return undefined;
  }
}

const isMetadata = (json: unknown): json is MetadataJson =>
  typeof (json as Partial<MetadataJson> | null)?.countries === 'object' && typeof (json as Partial<MetadataJson>).country_calling_codes === 'object';
const isExamples = (json: unknown): json is Examples => typeof json === 'object' && json !== null;

async function fetchMetadata(assets: AssetFetcher): Promise<boolean> {
  metadata = await assetJson(assets, PHONE_METADATA_PATH, 'phone_metadata.unavailable', 'libphonenumber-js metadata', isMetadata);
  return metadata !== undefined;
}

let examples: Examples | undefined;

/**
 * The example mobile numbers, fetched the first time the operator console asks (no lead needs
 * them, so they are neither in the bundle nor in loadPhoneMetadata); undefined when unreadable (logged).
 */
export async function loadPhoneExamples(assets: AssetFetcher): Promise<Examples | undefined> {
  examples ??= await assetJson(assets, PHONE_EXAMPLES_PATH, 'phone_examples.unavailable', 'libphonenumber-js example numbers', isExamples);
  return examples;
}

/**
 * Loads the metadata once per isolate (requests arriving meanwhile share the one fetch). False
 * when it cannot be read (logged): the caller takes nothing (a 503, a queue retry), and the next
 * call fetches again.
 */
export function loadPhoneMetadata(assets: AssetFetcher): Promise<boolean> {
  if (metadata) return Promise.resolve(true);
  loading ??= fetchMetadata(assets).finally(() => {
    loading = undefined;
  });
  return loading;
}

function max(): MetadataJson {
  if (!metadata) throw new Error('[edge] phone metadata read before loadPhoneMetadata: an entry point does not await it');
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
