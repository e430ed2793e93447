import type { LeadAccepted } from '../../shared/api.ts';
import type { LeadCapture } from '../capture.ts';
import { EVENTS } from '../constants.ts';
import { requiredNames } from './collect.ts';
import { setBusy, showErrors } from './form-ui.ts';
import { prepareForm, type FormContext, type FormOptions, type FormSubmit } from './prepare.ts';
import { submitLead, type SubmitState, type SubmitView } from './submission.ts';

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
export function submitForm(form: HTMLFormElement, capture: LeadCapture, context: FormContext): FormSubmit {
  const state: SubmitState = {};
  form.addEventListener('input', () => (state.sent = false));
  const view: SubmitView = {
    show: (errors, status) => showErrors(form, errors, status),
    busy: (busy) => setBusy(form, busy),
    ended: (outcome) =>
      form.dispatchEvent(outcome.kind === 'accepted' ? new CustomEvent<LeadAccepted>(EVENTS.success, { detail: outcome.lead, bubbles: true }) : new CustomEvent(EVENTS.error, { detail: outcome, bubbles: true })),
  };
  return () => {
    if (!state.inFlight && !state.sent) submitLead(form, requiredNames(form), state, capture, context, view); // a second click never sends a second lead, nor an empty one
  };
}
