import { utf8Base64 } from './crypto/base64.ts';
import type { ProviderLead, ProviderSecrets } from './providers/types.ts';

/** Longest provider answer text kept in D1 and logs: enough for an operator to see what went wrong. */
export const MAX_REASON_CHARS = 500;

// PHP and some Java encoders escape `/` in JSON; lowercase hex is as valid as uppercase in a URL.
const jsonEscaped = (value: string) => JSON.stringify(value).slice(1, -1);
const lowerHex = (value: string) => value.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());

/**
 * Every shape `value` takes on the wire: raw, URL-encoded (encodeURIComponent and form encoding,
 * where `~()!` are escaped and spaces are `+`), each with lowercase hex, and each JSON-escaped
 * (also with `\/`). Longest first, so a longer encoding is replaced before a raw part of it.
 */
export function wireForms(value: string): string[] {
  const urlForms = [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)].flatMap((form) => [form, lowerHex(form)]);
  const forms = urlForms.flatMap((form) => [form, jsonEscaped(form), jsonEscaped(form).replaceAll('/', '\\/')]);
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

const isAsciiAlphanumeric = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * Whether some wire form of `value` may be in `haystack` (lower case). Each form keeps every run of
 * the value's ASCII letters and digits as it is (URL and JSON encodings escape other characters;
 * only a `%XX` escape may be lower-cased), so a form is there only if each of those runs is.
 */
function mayOccur(value: string, haystack: string): boolean {
  let start = -1;
  for (let index = 0; index <= value.length; index++) {
    if (index < value.length && isAsciiAlphanumeric(value.charCodeAt(index))) {
      if (start < 0) start = index;
    } else if (start >= 0) {
      if (!haystack.includes(value.slice(start, index).toLowerCase())) return false;
      start = -1;
    }
  }
  return true;
}

/**
 * A value and the mark that replaces it; `digitGroup`: a short group of digits (a part of a typed
 * phone), masked only as a group of a number written in groups: no digit beside it, and another
 * group (or what was already masked as this one) a separator away. So a provider's id holding
 * those digits stays whole (a visitor's `100` must not turn a note's `leadId 1001` into
 * `leadId [phone]1`), and so does a status code (a visitor from Portland, +1 503…, must not turn
 * `503 Service Unavailable` into `[phone] Service Unavailable`).
 */
export type Mark = readonly [value: string, mark: string, digitGroup?: boolean];

/** What may stand between the groups of a phone number as written: a space, `-`, `.`, `/`, brackets, up to three of them (` / `). */
const GROUP_SEPARATOR = '[\\s().\\-/]{1,3}';

// A digit group's only wire form is itself (digits are never escaped).
function replaceDigitGroup(text: string, digits: string, mark: string): string {
  const neighbour = `(?:[0-9]|${mark.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`;
  const inNumber = `(?:(?<=${neighbour}${GROUP_SEPARATOR}${digits})|(?=${GROUP_SEPARATOR}${neighbour}))`;
  return text.replace(new RegExp(`(?<![0-9])${digits}(?![0-9])${inNumber}`, 'g'), mark);
}

/** Replaces each value's every wire form with its mark; values shorter than `minLength` are left (too common to mask). */
export function maskValues(text: string, marks: ReadonlyArray<Mark>, minLength: number): string {
  // Only the text and the marks (all a replacement brings in, each in brackets, so a run of letters
  // and digits never spans two of them) can hold a form: a value whose runs they do not all hold
  // is skipped before its forms are made, which is most of a provider answer's values.
  const haystack = [text, ...marks.map(([, mark]) => mark)].join('\n').toLowerCase();
  const pairs = marks
    .filter(([value]) => value.length >= minLength && mayOccur(value, haystack))
    .flatMap(([value, mark, digitGroup = false]): Array<readonly [string, string, boolean]> => (digitGroup ? [[value, mark, true]] : wireForms(value).map((form) => [form, mark, false])));
  return pairs.sort((a, b) => b[0].length - a[0].length).reduce((masked, [form, mark, digitGroup]) => (digitGroup ? replaceDigitGroup(masked, form, mark) : masked.replaceAll(form, mark)), text);
}

/**
 * Secret values, and the Basic-auth credentials any two of them make (`user:password`, base64),
 * each with the name it is shown under.
 */
function secretMarks(secrets: ProviderSecrets, mark: (name: string) => string): Array<readonly [string, string]> {
  const entries = Object.entries(secrets).filter(([, value]) => value !== '');
  const pairs = entries.flatMap(([userName, user]) =>
    entries.filter(([name]) => name !== userName).map(([passwordName, password]) => [utf8Base64(`${user}:${password}`), mark(`${userName}:${passwordName}`)] as const),
  );
  return [...pairs, ...entries.map(([name, value]) => [value, mark(name)] as const), ...entries.map(([name, value]) => [utf8Base64(value), mark(name)] as const)];
}

/** Masks every secret value in every wire encoding; `mark` names what stood there (default `[secret]`). */
export function maskSecrets(text: string, secrets: ProviderSecrets, mark: (name: string) => string = () => '[secret]'): string {
  return maskValues(text, secretMarks(secrets, mark), 4);
}

/** The lead's own values as they may come back in an answer: every field, name parts, the phone in each shape. */
function leadMarks(lead: ProviderLead): Mark[] {
  const marks: Mark[] = [];
  for (const [field, value] of Object.entries(lead.fields)) {
    if (typeof value !== 'string') continue;
    marks.push([value, `[${field}]`]);
    // A provider may echo first and last name apart, or a phone as the visitor typed it without spaces.
    for (const part of value.split(/[\s,]+/)) if (part.length >= 3) marks.push([part, `[${field}]`, /^\d{3,5}$/.test(part)]);
    const digits = value.replace(/\D/g, '');
    if (digits.length >= 6) marks.push([digits, `[${field}]`]);
  }
  const email = lead.fields['email'];
  if (typeof email === 'string' && email.includes('@')) marks.push([email.slice(0, email.indexOf('@')), '[email]']);
  if (lead.phone) {
    const { e164, national, callingCode } = lead.phone;
    marks.push([e164, '[phone]'], [e164.slice(1), '[phone]'], [`00${callingCode}${national}`, '[phone]'], [national, '[phone]'], [`0${national}`, '[phone]']);
  }
  return marks;
}

/**
 * A provider's answer text as it may be stored and logged: secrets and the leads' own values
 * (name, email, phone in E.164, national and digits-only forms, every other field) masked,
 * then cut to MAX_REASON_CHARS.
 */
export function redactAnswer(text: string, secrets: ProviderSecrets, leads: readonly ProviderLead[]): string {
  const withoutSecrets = maskSecrets(text, secrets);
  const masked = maskValues(withoutSecrets, leads.flatMap(leadMarks), 3);
  return masked.length > MAX_REASON_CHARS ? `${masked.slice(0, MAX_REASON_CHARS)}… (cut)` : masked;
}
