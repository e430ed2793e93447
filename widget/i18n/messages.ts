// The whole catalogue of sentences, in a module of its own: only the submit code (checks, posting,
// outcomes) says them, so the entries, which import catalogue.ts for labels, do not carry them.
import { languageOf, messagesByLanguage, type Messages } from './catalogue.ts';
import { ENGLISH_UNSENT } from './en.ts';

/** English, the default. */
export const ENGLISH_MESSAGES: Messages = {
  required: 'This field is required',
  invalidName: 'Enter your name',
  invalidEmail: 'Enter a valid email address',
  invalidPhone: 'Enter a valid phone number, with its country code',
  invalidField: 'Check this field',
  fixFields: 'Please correct the highlighted fields.',
  sending: 'Sending…',
  success: 'Thank you! We have received your details.',
  ...ENGLISH_UNSENT,
  rateLimited: 'Many enquiries came from your network just now. Yours is saved and will be sent shortly.',
  refused: 'Sorry, this form cannot take your details right now. Please contact us another way.',
};

/** The messages for a language tag, with a site's overrides. */
export const messagesFor = (locale: string, overrides: Partial<Messages> = {}): Messages => ({
  ...(messagesByLanguage[languageOf(locale)] ?? ENGLISH_MESSAGES),
  ...overrides,
});
