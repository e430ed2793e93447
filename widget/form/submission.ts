// One submission of a lead form, from its fields to how it ended. The script tag's forms
// (enhance.ts) and the Preact component both run it, each showing it in its own way.
import type { FieldErrors } from '../../shared/field-errors.ts';
import type { LeadCapture, SubmitExtra } from '../capture.ts';
import { HONEYPOT_FIELD } from '../constants.ts';
import { messagesFor } from '../i18n/messages.ts';
import { collectFields } from './collect.ts';
import type { FormContext } from './prepare.ts';
import type { SubmitOutcome } from './submit.ts';
import { fieldErrors } from './validate.ts';

/** How a form shows its submission: DOM updates for the script tag, state for the component. */
export interface SubmitView {
  /** Messages at their inputs (none clears them), focus on the first, and a line for the status region. */
  show(errors: FieldErrors, status: string): void;
  /** Disables the submit button while a lead is on its way. */
  busy(busy: boolean): void;
  /** Tells the page how the submission ended (events, callbacks), once the form shows it. */
  ended(outcome: SubmitOutcome): void;
}

/** What a form remembers between its submits. */
export interface SubmitState {
  inFlight?: boolean | undefined;
  /** Sent and emptied, and untouched since: a late second click must not submit the empty form. */
  sent?: boolean | undefined;
  /** One idempotency key per submission, kept until it is answered (also while it waits in the outbox). */
  pending?: { fields: string; key: string } | undefined;
}

/**
 * Validates what the form holds (`required`: names that must not be empty), posts it through
 * `capture` and shows how it ended. The caller has made sure no submission is in flight and
 * none was just sent: a second click never sends a second lead, nor an empty one.
 */
export function submitLead(form: HTMLFormElement, required: string[], state: SubmitState, capture: LeadCapture, context: FormContext, view: SubmitView): void {
  const { formId, locale, text: overrides, turnstile, shownAt } = context;
  const text = messagesFor(locale, overrides);
  const fields = collectFields(form);
  const errors = fieldErrors(fields, text, required);
  if (errors) return view.show(errors, text.fixFields);
  const signature = JSON.stringify(fields);
  if (state.pending?.fields !== signature) state.pending = { fields: signature, key: crypto.randomUUID() };
  state.inFlight = true;
  view.busy(true);
  view.show({}, text.sending);
  const extra: SubmitExtra = {
    idempotencyKey: state.pending.key,
    locale,
    text: overrides,
    required,
    elapsedMs: Date.now() - shownAt,
    honeypot: (form.elements.namedItem(HONEYPOT_FIELD) as HTMLInputElement | null)?.value || undefined, // empty for people
    turnstileToken: turnstile?.token(),
  };
  void capture.submit(formId, fields, extra).then((outcome) => {
    state.inFlight = false;
    view.busy(false);
    turnstile?.reset(); // a Turnstile token is good for one verification
    if (outcome.kind === 'accepted') {
      state.pending = undefined;
      state.sent = true;
      form.reset();
      view.show({}, text.success);
    } else {
      // A queued lead keeps its key in `pending` too, so a second click on the same details can never make a second lead.
      view.show(outcome.kind === 'invalid' ? outcome.fields : {}, outcome.message);
    }
    view.ended(outcome);
  });
}
