import type { LeadCapture } from '../capture.ts';
import { collectFields } from './collect.ts';
import { statusRegion } from './form-ui.ts';
import type { FormContext } from './prepare.ts';

/**
 * A submit whose code could not be loaded (the visitor went offline before it arrived): the
 * browser's own bubbles stand in for our checks, and the capture keeps a complete lead in the
 * outbox for a later page view (lazyCapture); `tell` shows the visitor what became of it.
 */
export function submitUnloaded(form: HTMLFormElement, capture: LeadCapture, { formId, locale, text, shownAt }: FormContext, idempotencyKey: string, tell: (message: string) => void): void {
  if (form.reportValidity()) void capture.submit(formId, collectFields(form), { idempotencyKey, locale, text, elapsedMs: Date.now() - shownAt }).then((outcome) => tell('message' in outcome ? outcome.message : ''));
}

/**
 * prepareForm's `unloaded` for a form of the page, telling the visitor in its status region. One
 * key per form, made on its first such submit (not for every form a page enhances): clicking again
 * while offline replaces the kept lead, never adds a second.
 */
export function keepUnloaded(form: HTMLFormElement, capture: LeadCapture): (context: FormContext) => void {
  let idempotencyKey: string | undefined;
  return (context) => submitUnloaded(form, capture, context, (idempotencyKey ??= crypto.randomUUID()), (message) => (statusRegion(form).textContent = message));
}
