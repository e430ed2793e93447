import type { LeadAccepted } from '../../shared/api.ts';
import type { LeadCapture } from '../capture.ts';
import { EVENTS, HONEYPOT_FIELD, HONEYPOT_STYLE } from '../constants.ts';
import { clearErrors, setBusy, showErrors, statusRegion } from './form-ui.ts';
import { isRtl, messagesFor, type Messages } from '../i18n/catalogue.ts';
import type { AttachTurnstile } from './turnstile.ts';
import { collectFields, fieldErrors, requiredNames } from './validate.ts';

/** What an enhanced form adds to the capture API. */
export interface FormOptions {
  /** Renders Cloudflare Turnstile on forms with `data-turnstile-sitekey`. */
  turnstile?: AttachTurnstile | undefined;
  /** Overrides of the built-in messages, for this form's language. */
  text?: Partial<Messages> | undefined;
}

const ENHANCED = new WeakSet<HTMLFormElement>();

/** The form's language: its data-locale, else the nearest lang attribute, else English. */
const localeOf = (form: HTMLFormElement): string => form.dataset['locale'] || form.closest<HTMLElement>('[lang]')?.lang || 'en';

/** A field only bots fill: hidden, out of the tab order and of the accessibility tree. */
function addHoneypot(form: HTMLFormElement): void {
  if (form.elements.namedItem(HONEYPOT_FIELD)) return;
  const input = document.createElement('input');
  input.name = HONEYPOT_FIELD;
  input.tabIndex = -1;
  input.autocomplete = 'off';
  input.setAttribute('aria-hidden', 'true');
  input.style.cssText = HONEYPOT_STYLE;
  form.append(input);
}

/**
 * Takes over a `<form data-lead-form="FORM_ID">`: validates on submit, posts the lead through
 * `capture` and shows the result in the form, in the page's language. Enhancing a form twice is a no-op.
 */
export function enhanceForm(form: HTMLFormElement, capture: LeadCapture, options: FormOptions = {}): void {
  const formId = form.dataset['leadForm'];
  if (!formId || ENHANCED.has(form)) return;
  ENHANCED.add(form);
  const locale = localeOf(form);
  const text = messagesFor(locale, options.text);
  if (isRtl(locale) && !form.dir) form.dir = 'rtl';
  addHoneypot(form);
  const turnstile = options.turnstile?.(form, locale);
  form.noValidate = true; // our messages, in the page's language, replace the browser's bubbles
  const shownAt = Date.now();
  let inFlight = false;
  // Sent and emptied, and untouched since: a late second click must not submit the empty form.
  let sent = false;
  let pending: { fields: string; key: string } | undefined; // one key per submission, kept until it is answered

  form.addEventListener('input', () => (sent = false));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
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
      text: options.text,
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
  });
}
