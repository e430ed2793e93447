import { HONEYPOT_FIELD, HONEYPOT_STYLE } from '../constants.ts';
import { isRtl, type Messages } from '../i18n/catalogue.ts';
import type { AttachTurnstile, TurnstileHandle } from './turnstile.ts';

/** What an enhanced form adds to the capture API. */
export interface FormOptions {
  /** Renders Cloudflare Turnstile on forms with `data-turnstile-sitekey`. */
  turnstile?: AttachTurnstile | undefined;
  /** Overrides of the built-in messages, for this form's language. */
  text?: Partial<Messages> | undefined;
  /** Takes a submit whose code could not be loaded (the visitor went offline before it arrived). */
  unloaded?: ((context: FormContext) => void) | undefined;
}

/** What the submit code of a form needs to know about it. */
export interface FormContext {
  formId: string;
  locale: string;
  /** Overrides of the built-in messages. */
  text: Partial<Messages> | undefined;
  turnstile: TurnstileHandle | undefined;
  /** When the form was taken over (the edge treats a very fast submit as spam). */
  shownAt: number;
}

/** Runs on each submit of a form: validates, posts and shows the result. */
export type FormSubmit = () => void;

/** Brings a form's submit code: at once (bundlers), or a script fetched on demand (widget.js). */
export type SubmitLoader = (context: FormContext) => FormSubmit | Promise<FormSubmit>;

const PREPARED = new WeakSet<HTMLFormElement>();

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
 * Takes over a `<form data-lead-form="FORM_ID">` at once (direction, honeypot, Turnstile, no
 * browser bubbles, every submit prevented), while its submit code may come later: it is asked
 * for on the first focus in the form, and a submit before it arrives waits for it. Preparing a
 * form twice is a no-op.
 */
export function prepareForm(form: HTMLFormElement, load: SubmitLoader, options: FormOptions = {}): void {
  const formId = form.dataset['leadForm'];
  if (!formId || PREPARED.has(form)) return;
  PREPARED.add(form);
  const locale = localeOf(form);
  if (isRtl(locale) && !form.dir) form.dir = 'rtl';
  addHoneypot(form);
  const context: FormContext = { formId, locale, text: options.text, turnstile: options.turnstile?.(form, locale), shownAt: Date.now() };
  form.noValidate = true; // our messages, in the page's language, replace the browser's bubbles
  let submitter: FormSubmit | Promise<FormSubmit> | undefined;
  const fail = (error: unknown) => console.error('[leadrelay]', error);
  /** Hands the submit code to `use`: in the same task when it is there, else once it arrives (`failed` when it cannot). */
  const withCode = (use?: (submit: FormSubmit) => void, failed = fail) => {
    if (!submitter) {
      const loaded = load(context);
      submitter =
        typeof loaded === 'function'
          ? loaded
          : loaded.then(
              (submit) => (submitter = submit),
              (error: unknown) => {
                submitter = undefined; // the next focus or submit asks again
                throw error;
              },
            );
    }
    if (typeof submitter === 'function') use?.(submitter);
    else submitter.then(use, failed);
  };
  form.addEventListener('focusin', () => withCode());
  form.addEventListener('submit', (event) => {
    event.preventDefault(); // at once, whether the code is there or not: the click is never lost to a page load
    withCode(
      (submit) => submit(),
      (error) => {
        fail(error);
        options.unloaded?.(context);
      },
    );
  });
}
