import type { LeadAccepted } from '../../shared/api.ts';
import { LOCALE_PATTERN } from '../../shared/constants.ts';
import type { Attribution } from '../../shared/lead.ts';
import { EVENTS, HONEYPOT_FIELD } from '../constants.ts';
import { clearErrors, setBusy, showErrors, statusRegion } from './form-ui.ts';
import { invalidMessage, isRtl, messagesFor, type Messages } from './messages.ts';
import { isRetryable, postLead, type PostOptions } from './submit.ts';
import type { Outbox } from './outbox.ts';
import type { AttachTurnstile } from './turnstile.ts';
import { withCurrentPage } from '../attribution/touch.ts';
import { collectFields, fieldErrors, requiredNames } from './validate.ts';

/** What a form needs from the page: where to post, the attribution to send, what to say. */
export interface FormOptions extends PostOptions {
  attribution: () => Attribution;
  /** Keeps a lead the edge could not be reached for, to send it later. */
  outbox?: Outbox;
  /** Renders Cloudflare Turnstile on forms with `data-turnstile-sitekey`. */
  turnstile?: AttachTurnstile;
  /** Overrides of the built-in messages, for this form's language. */
  text?: Partial<Messages>;
}

const ENHANCED = new WeakSet<HTMLFormElement>();

/** The form's language: its data-locale, else the nearest lang attribute, else English. */
const localeOf = (form: HTMLFormElement): string => form.dataset['locale'] || form.closest<HTMLElement>('[lang]')?.lang || 'en';

/**
 * A field only bots fill: invisible and zero-sized in place (not pushed off-screen, which widens
 * right-to-left pages), out of the tab order. Styled through CSSOM, which a strict CSP allows.
 */
function addHoneypot(form: HTMLFormElement): void {
  if (form.elements.namedItem(HONEYPOT_FIELD)) return;
  const input = document.createElement('input');
  input.name = HONEYPOT_FIELD;
  input.tabIndex = -1;
  input.autocomplete = 'off';
  input.setAttribute('aria-hidden', 'true');
  input.style.cssText = 'position:absolute;width:0;height:0;padding:0;border:0;opacity:0;pointer-events:none';
  form.append(input);
}

/**
 * Takes over a `<form data-lead-form="FORM_ID">`: validates on submit, posts the lead to the edge
 * and shows the result in the form, in the page's language. Enhancing a form twice is a no-op.
 */
export function enhanceForm(form: HTMLFormElement, options: FormOptions): void {
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
  let pending: { fields: string; key: string } | undefined; // one key per submission, kept until it is accepted

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (inFlight) return; // a second click never sends a second lead
    const fields = collectFields(form);
    const errors = fieldErrors(fields, text, requiredNames(form));
    if (errors) return showErrors(form, errors, text.fixFields);
    clearErrors(form);
    const signature = JSON.stringify(fields);
    if (pending?.fields !== signature) pending = { fields: signature, key: crypto.randomUUID() };
    const trap = (form.elements.namedItem(HONEYPOT_FIELD) as HTMLInputElement | null)?.value;
    const turnstileToken = turnstile?.token();
    inFlight = true;
    setBusy(form, true);
    statusRegion(form).textContent = text.sending;
    const submission = {
      fields,
      attribution: withCurrentPage(options.attribution()),
      idempotencyKey: pending.key,
      elapsedMs: Date.now() - shownAt,
      ...(LOCALE_PATTERN.test(locale) ? { locale } : {}),
      ...(trap ? { honeypot: trap } : {}),
      ...(turnstileToken ? { turnstileToken } : {}),
    };
    void postLead(formId, submission, options).then((outcome) => {
      inFlight = false;
      setBusy(form, false);
      turnstile?.reset(); // a Turnstile token is good for one verification
      if (outcome.kind === 'accepted') {
        pending = undefined;
        form.reset();
        statusRegion(form).textContent = text.success;
        form.dispatchEvent(new CustomEvent<LeadAccepted>(EVENTS.success, { detail: outcome.lead, bubbles: true }));
        return;
      }
      if (isRetryable(outcome) && options.outbox) {
        // Kept in this browser with its idempotency key (which `pending` keeps too, so a second
        // click on the same details can never make a second lead).
        options.outbox.add(formId, submission);
        statusRegion(form).textContent = text.queued;
        form.dispatchEvent(new CustomEvent(EVENTS.error, { detail: { kind: 'queued', message: text.queued }, bubbles: true }));
        return;
      }
      if (outcome.kind === 'invalid') {
        // The edge's verdict, in this form's language where we have a message for the field.
        const localized = Object.fromEntries(Object.entries(outcome.fields).map(([name, message]) => [name, /^en\b/i.test(locale) ? message : invalidMessage(text, name)]));
        showErrors(form, localized, text.fixFields);
      } else {
        statusRegion(form).textContent = text.failed;
      }
      form.dispatchEvent(new CustomEvent(EVENTS.error, { detail: outcome, bubbles: true }));
    });
  });
}
