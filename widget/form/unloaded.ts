import type { LeadCapture } from '../capture.ts';
import { collectFields } from './collect.ts';
import { statusRegion } from './form-ui.ts';
import type { FormContext } from './prepare.ts';

/**
 * A submit whose code could not be loaded (the visitor went offline before it arrived): the
 * browser's own bubbles stand in for our checks, and the capture keeps the lead in the outbox
 * for a later page view (lazyCapture). Resolves with what to tell the visitor; nothing when
 * the browser found the form incomplete.
 */
export function submitUnloaded(form: HTMLFormElement, capture: LeadCapture, { formId, locale, text, shownAt }: FormContext, idempotencyKey: string): Promise<string> | undefined {
  if (!form.reportValidity()) return undefined;
  return capture.submit(formId, collectFields(form), { idempotencyKey, locale, text, elapsedMs: Date.now() - shownAt }).then((outcome) => ('message' in outcome ? outcome.message : ''));
}

/**
 * prepareForm's `unloaded` for a form of the page: submitUnloaded, its message in the form's
 * status region. One key per form: clicking again while offline replaces the kept lead, never
 * adds a second.
 */
export const keepUnloaded = (form: HTMLFormElement, capture: LeadCapture, idempotencyKey = crypto.randomUUID()) => (context: FormContext) =>
  void submitUnloaded(form, capture, context, idempotencyKey)?.then((message) => (statusRegion(form).textContent = message));
