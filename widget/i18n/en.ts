import type { Messages } from './catalogue.ts';

/** What a lead that could not be sent is told in English: all of the catalogue an entry carries before its submit code arrives. */
export const ENGLISH_UNSENT: Pick<Messages, 'failed' | 'queued'> = {
  failed: 'Sorry, we could not send your details. Please try again.',
  queued: 'We could not reach our server. Your details are saved on this device and will be sent automatically.',
};

/** Labels of the common fields, the submit button and a select's empty choice: shared with the snippets the product prints. */
export { ENGLISH_LABELS } from '../../shared/field-labels.ts';
