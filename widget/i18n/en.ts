import type { Messages } from './catalogue.ts';

/** What a lead that could not be sent is told in English: all of the catalogue widget.js carries before submit.js arrives. */
export const ENGLISH_UNSENT: Pick<Messages, 'failed' | 'queued'> = {
  failed: 'Sorry, we could not send your details. Please try again.',
  queued: 'We could not reach our server. Your details are saved on this device and will be sent automatically.',
};

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

/** Labels of the common fields, the submit button and a select's empty choice: shared with the snippets the product prints. */
export { ENGLISH_LABELS } from '../../shared/field-labels.ts';
