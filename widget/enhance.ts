import type { LeadAccepted } from '../shared/api.ts';
import { LOCALE_PATTERN } from '../shared/constants.ts';
import { currentAttribution } from './attribution.ts';
import { clearErrors, setBusy, showErrors, statusRegion } from './form-ui.ts';
import { messages, type Messages } from './messages.ts';
import { postLead } from './submit.ts';
import { collectFields, validateFields } from './validate.ts';

/** Where to post leads and what to say to visitors. */
export interface EnhanceOptions {
  /** Origin (and optional path prefix) of the Worker, e.g. `https://leads.example.com`. */
  endpoint: string;
  text?: Partial<Messages>;
  /** The network; the page's own fetch unless a test or host app passes another. */
  fetch?: typeof fetch;
}

/** Event names the widget dispatches on the form, for analytics or custom UI. */
export const EVENTS = { success: 'leadrelay:success', error: 'leadrelay:error' } as const;

const ENHANCED = new WeakSet<HTMLFormElement>();

/** The page's language tag when it sets a usable one. */
const pageLocale = (): string | undefined => {
  const lang = document.documentElement.lang;
  return LOCALE_PATTERN.test(lang) ? lang : undefined;
};

/**
 * Takes over a `<form data-lead-form="FORM_ID">`: validates on submit, posts the lead to the edge
 * and shows the result in the form. Enhancing a form twice is a no-op.
 */
export function enhanceForm(form: HTMLFormElement, options: EnhanceOptions): void {
  const formId = form.dataset['leadForm'];
  if (!formId || ENHANCED.has(form)) return;
  ENHANCED.add(form);
  const text = { ...messages, ...options.text };
  form.noValidate = true; // our messages, in the page's language, replace the browser's bubbles
  let inFlight = false;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (inFlight) return; // a second click never sends a second lead
    const checked = validateFields(form, collectFields(form), text);
    if (!checked.ok) return showErrors(form, checked.errors, text.fixFields);
    clearErrors(form);
    inFlight = true;
    setBusy(form, true);
    statusRegion(form).textContent = text.sending;
    const submission = {
      fields: checked.fields,
      attribution: currentAttribution(new URL(location.href), document.referrer, Date.now()),
      idempotencyKey: crypto.randomUUID(),
      ...(pageLocale() ? { locale: pageLocale() } : {}),
    };
    void postLead(options.fetch ?? fetch, options.endpoint, formId, submission).then((outcome) => {
      inFlight = false;
      setBusy(form, false);
      if (outcome.kind === 'accepted') {
        form.reset();
        statusRegion(form).textContent = text.success;
        form.dispatchEvent(new CustomEvent<LeadAccepted>(EVENTS.success, { detail: outcome.lead, bubbles: true }));
        return;
      }
      if (outcome.kind === 'invalid') showErrors(form, outcome.fields, text.fixFields);
      else statusRegion(form).textContent = text.failed;
      form.dispatchEvent(new CustomEvent(EVENTS.error, { detail: outcome, bubbles: true }));
    });
  });
}
