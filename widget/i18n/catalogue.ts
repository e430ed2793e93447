import { ENGLISH_LABELS } from './en.ts';

/** Every sentence the widget shows a visitor. A site can override each one, in any language. */
export interface Messages {
  required: string;
  invalidName: string;
  invalidEmail: string;
  invalidPhone: string;
  invalidField: string;
  fixFields: string;
  sending: string;
  success: string;
  /** Not sent, and not kept: the visitor can try again (only a form with Turnstile). */
  failed: string;
  /** Kept in the browser after no answer, a timeout or a server error; sent later by itself. */
  queued: string;
  /** Kept after a rate limit; sent after the edge's Retry-After. */
  rateLimited: string;
  /** Refused for good, by the edge (the site's setup) or by the provider: a retry cannot help. */
  refused: string;
}

/** The languages the widget speaks; every other language tag reads English. */
export type Language = 'en' | 'ar';

/**
 * A language tag's primary language, lower case (`ar-EG` -> `ar`). Read without a regular
 * expression: it runs as every form loads, and the first regular expression a page runs costs it
 * about 0.1 ms of main-thread time (bench:widget's Chromium).
 */
const primaryLanguage = (locale: string): string => locale.toLowerCase().split('-', 1)[0]!;

/** The built-in language for a language tag (`ar-EG` -> Arabic; anything else -> English). */
export const languageOf = (locale: string): Language => (primaryLanguage(locale) === 'ar' ? 'ar' : 'en');

/** Labels of the common fields, and of the submit button. */
export type Labels = Record<string, string>;

// What this bundle speaks: English always (messages.ts's fallback, so an entry that never asks for
// a message carries none of them); Arabic once an entry adds it, statically (the script
// tags add what each needs) or from a lazy chunk when a form first needs it (the Preact component).
export const messagesByLanguage: Partial<Record<Language, Messages>> = {};
export const labelsByLanguage: Partial<Record<Language, Labels>> = { en: ENGLISH_LABELS };

/** The label of a field in a language; a field without one is labelled by its name. */
export const labelFor = (name: string, locale: string): string => (labelsByLanguage[languageOf(locale)] ?? ENGLISH_LABELS)[name] ?? name.replace(/[_-]/g, ' ');

/** True for languages written right to left. */
export const isRtl = (locale: string): boolean => ['ar', 'fa', 'he', 'ur'].includes(primaryLanguage(locale));
