// submit.js: the submit path of widget.js (validation, posting, the outbox, messages, Arabic),
// loaded by widget.js from its own folder on the first focus in a form, on a submit, or at once
// when the outbox holds a lead.
import { captureWith } from '../capture.ts';
import { SUBMIT_GLOBAL } from '../constants.ts';
import { submitForm } from '../form/enhance.ts';
import { ARABIC_MESSAGES } from '../i18n/ar.ts';
import { messagesByLanguage } from '../i18n/catalogue.ts';

/** What submit.js gives widget.js. */
export interface SubmitChunk {
  captureWith: typeof captureWith;
  submitForm: typeof submitForm;
}

messagesByLanguage.ar = ARABIC_MESSAGES;
(window as unknown as Record<string, SubmitChunk>)[SUBMIT_GLOBAL] = { captureWith, submitForm };
