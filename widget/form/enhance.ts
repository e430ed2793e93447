import type { LeadAccepted } from '../../shared/api.ts';
import type { LeadCapture } from '../capture.ts';
import { EVENTS, HONEYPOT_FIELD } from '../constants.ts';
import { clearErrors, setBusy, showErrors, statusRegion } from './form-ui.ts';
import { messagesFor } from '../i18n/catalogue.ts';
import { prepareForm, type FormContext, type FormOptions, type FormSubmit } from './prepare.ts';
import { collectFields, requiredNames } from './collect.ts';
import { fieldErrors } from './validate.ts';

/**
 * Takes over a `<form data-lead-form="FORM_ID">`: validates on submit, posts the lead through
 * `capture` and shows the result in the form, in the page's language. Enhancing a form twice is a no-op.
 */
export function enhanceForm(form: HTMLFormElement, capture: LeadCapture, options: FormOptions = {}): void {
  prepareForm(form, (context) => submitForm(form, capture, context), options);
}

/**
 * The submit code of a prepared form (widget.js loads it with submit.js): what runs on each
 * submit, posting through `capture`.
 */
export function submitForm(form: HTMLFormElement, capture: LeadCapture, { formId, locale, text: overrides, turnstile, shownAt }: FormContext): FormSubmit {
  const text = messagesFor(locale, overrides);
  let inFlight = false;
  // Sent and emptied, and untouched since: a late second click must not submit the empty form.
  let sent = false;
  let pending: { fields: string; key: string } | undefined; // one key per submission, kept until it is answered

  form.addEventListener('input', () => (sent = false));
  return () => {
    if (inFlight || sent) return; // a second click never sends a second lead, nor an empty one
    const fields = collectFields(form);
    const required = requiredNames(form);
    const errors = fieldErrors(fields, text, required);
    if (errors) return showErrors(form, errors, text.fixFields);
    clearErrors(form);
    const signature = JSON.stringify(fields);
    if (pending?.fields !== signature) pending = { fields: signature, key: crypto.randomUUID() };
    inFlight = true;
    setBusy(form, true);
    statusRegion(form).textContent = text.sending;
    const extra = {
      idempotencyKey: pending.key,
      locale,
      text: overrides,
      required,
      elapsedMs: Date.now() - shownAt,
      honeypot: (form.elements.namedItem(HONEYPOT_FIELD) as HTMLInputElement | null)?.value || undefined, // empty for people
      turnstileToken: turnstile?.token(),
    };
    void capture.submit(formId, fields, extra).then((outcome) => {
      inFlight = false;
      setBusy(form, false);
      turnstile?.reset(); // a Turnstile token is good for one verification
      if (outcome.kind === 'accepted') {
        pending = undefined;
        sent = true;
        form.reset();
        statusRegion(form).textContent = text.success;
        form.dispatchEvent(new CustomEvent<LeadAccepted>(EVENTS.success, { detail: outcome.lead, bubbles: true }));
        return;
      }
      // A queued lead keeps its key in `pending` too, so a second click on the same details can never make a second lead.
      if (outcome.kind === 'invalid') showErrors(form, outcome.fields, outcome.message);
      else statusRegion(form).textContent = outcome.message;
      form.dispatchEvent(new CustomEvent(EVENTS.error, { detail: outcome, bubbles: true }));
    });
  };
}
