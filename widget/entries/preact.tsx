// The Preact component: import { LeadForm } from 'leadrelay/preact'. Preact is a peer dependency.
import { Fragment, h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LeadAccepted } from '../../shared/api.ts';
import type { FieldErrors } from '../../shared/field-errors.ts';
import type { CaptureOptions, LeadCapture, SubmitExtra } from '../capture.ts';
import { createLeadCapture, submitPath } from '../capture-split.ts';
import { HONEYPOT_FIELD, HONEYPOT_STYLE } from '../constants.ts';
import type { FormContext } from '../form/prepare.ts';
import type { SubmitState, SubmitView } from '../form/submission.ts';
import type { SubmitOutcome } from '../form/submit.ts';
import type { TurnstileHandle } from '../form/turnstile.ts';
import { submitUnloaded } from '../form/unloaded.ts';
import { isRtl, labelFor, labelsByLanguage, languageOf, messagesByLanguage, type Messages } from '../i18n/catalogue.ts';
import { fieldControl, fieldLayout } from '../../shared/form-fields.ts';
import { idPrefixFor, type FieldSpec, type FieldType } from '../render/fields.ts';

export type { CaptureOptions, FieldSpec, FieldType, LeadAccepted, LeadCapture, Messages, SubmitExtra, SubmitOutcome };
export { createLeadCapture };

/** Props of LeadForm. */
export interface LeadFormProps {
  formId: string;
  /** The Worker's origin, e.g. `https://leads.example.com`. */
  endpoint: string;
  /**
   * Inputs in order (default: name and phone required, email optional). A field's `type` may be
   * text, email, tel, textarea, select (with `options`), checkbox or hidden (with `value`); by
   * default `email` and `phone` are typed and `message` is a textarea.
   */
  fields?: FieldSpec[];
  /** Label overrides by field name, `submit` for the button and `choose` for a required select's empty choice. */
  labels?: Record<string, string>;
  /** Language of labels and messages (`ar` lays the form out right to left). */
  locale?: string;
  /** Message overrides. */
  text?: Partial<Messages>;
  /**
   * The capture API to post through, for consent (`setConsent`) or tracker options; a
   * `createLeadRelay()` of `leadrelay` works too. One per endpoint is created otherwise.
   */
  relay?: LeadCapture;
  /** Hosts whose links never start a new touch (a checkout, a sign-in page), for the capture created without `relay`. */
  ignoreReferrers?: readonly string[];
  /** Cloudflare Turnstile site key, for forms whose edge config requires Turnstile. */
  turnstileSiteKey?: string;
  onSuccess?: (lead: LeadAccepted) => void;
  /**
   * Every other ending: `invalid`, `rejected` (the provider refused the lead), `failed` (a 4xx
   * `status`: refused for good), or `queued` (kept in the browser to be sent later).
   */
  onError?: (outcome: SubmitOutcome) => void;
}

const DEFAULT_FIELDS: FieldSpec[] = [
  { name: 'name', required: true },
  { name: 'phone', required: true },
  { name: 'email', required: false },
];

// One capture per Worker: each records the page view and follows SPA navigation once.
const captures: Record<string, LeadCapture> = {};
const captureFor = ({ relay, endpoint, ignoreReferrers }: LeadFormProps): LeadCapture => relay ?? (captures[endpoint] ??= createLeadCapture({ endpoint, ignoreReferrers }));

/** Arabic is a code-split chunk here: an English page never downloads it. */
const loadArabic = async () => {
  const { ARABIC_MESSAGES, ARABIC_LABELS } = await import('../i18n/ar.ts');
  messagesByLanguage.ar = ARABIC_MESSAGES;
  labelsByLanguage.ar = ARABIC_LABELS;
};

/** Asks for the submit path on a focus in a form, so the first click rarely waits for it. */
const prefetch = () => void submitPath().catch((error: unknown) => console.error('[leadrelay]', error));

/** What one mounted form remembers between renders without re-rendering. */
interface Session extends SubmitState {
  shownAt: number;
  turnstile?: TurnstileHandle | undefined;
  /** The key of a lead kept while its submit path could not be loaded: clicking again replaces it, never adds a second. */
  offlineKey?: string | undefined;
}

/**
 * A complete, accessible lead form bound to one form id of the Worker: labelled inputs, errors
 * wired with aria-invalid and aria-describedby, focus on the first error, a live region for the
 * result, the submit button disabled while sending. Same markup and classes as the script tag's.
 */
export function LeadForm(props: LeadFormProps) {
  const { formId, fields = DEFAULT_FIELDS, locale = 'en', labels = {} } = props;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const [idPrefix] = useState(() => idPrefixFor(formId)); // two forms of one id keep ids of their own
  const session = useRef<Session>({ shownAt: Date.now() });
  const latest = useRef(props);
  latest.current = props;
  // A form in a language whose catalogue is still loading renders once it has arrived, never half in English.
  const [, setLoaded] = useState(false);
  const missing = !labelsByLanguage[languageOf(locale)];
  useEffect(() => {
    captureFor(props); // attribution starts with the form, not with its first submit
    if (missing) void loadArabic().then(() => setLoaded(true));
    // Turnstile's code is a chunk of its own, fetched only by forms that use it.
    else if (props.turnstileSiteKey && !session.current.turnstile) {
      void import('../form/turnstile.ts').then(({ attachTurnstile }) => {
        session.current.turnstile = attachTurnstile(form.current as HTMLFormElement, locale);
      });
    }
  }, [missing]);

  // After errors render: the first invalid input in reading order takes focus.
  useEffect(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), [errors]);

  const show = (found: FieldErrors, summary: string) => {
    setErrors(found);
    setStatus(summary);
  };
  // A message for a field this form has no input for joins the status line.
  const orphans = Object.keys(errors).filter((name) => !fields.some((field) => field.name === name));

  // How this form shows a submission: in its state, and to the app through its callbacks.
  const view: SubmitView = {
    show,
    busy: setBusy,
    ended: (outcome) => (outcome.kind === 'accepted' ? latest.current.onSuccess?.(outcome.lead) : latest.current.onError?.(outcome)),
  };

  const submit = (event: Event) => {
    event.preventDefault(); // at once, whether the submit path is there or not: the click is never lost to a page load
    const state = session.current;
    const element = form.current;
    if (state.inFlight || state.sent || !element) return; // a second click never sends a second lead, nor an empty one
    // Busy from the click on: a click before the submit path arrives waits for it, and a second one adds nothing.
    state.inFlight = true;
    setBusy(true);
    const required = fields.filter((field) => field.required).map((field) => field.name);
    const context: FormContext = { formId, locale, text: props.text, turnstile: state.turnstile, shownAt: state.shownAt };
    const idle = () => {
      state.inFlight = false;
      setBusy(false);
    };
    submitPath().then(
      ({ submitLead }) => {
        idle(); // the submission takes over from the wait
        submitLead(element, required, state, captureFor(props), context, view);
      },
      (error: unknown) => {
        console.error('[leadrelay]', error);
        idle();
        submitUnloaded(element, captureFor(props), context, (state.offlineKey ??= crypto.randomUUID()), (message) => show({}, message));
      },
    );
  };

  if (missing) return null;
  return (
    <form ref={form} class="lead-form" lang={locale} dir={isRtl(locale) ? 'rtl' : undefined} noValidate aria-busy={busy} data-turnstile-sitekey={props.turnstileSiteKey} onSubmit={submit} onFocusIn={prefetch} onInput={() => (session.current.sent = false)}>
      {fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const error = errors[field.name];
        const label = labels[field.name] ?? labelFor(field.name, locale);
        const { tag, attributes, options } = fieldControl(field, id, labels['choose'] ?? labelFor('choose', locale));
        const control = h(
          tag,
          { ...attributes, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': error ? `${id}-error` : undefined },
          options?.map(([value, text]) => <option value={value}>{text}</option>),
        );
        const layout = fieldLayout(field);
        if (layout === 'hidden') return <Fragment key={field.name}>{control}</Fragment>;
        const text = <label for={id}>{label}</label>;
        return (
          <p class={layout === 'inline' ? 'lead-field lead-check' : 'lead-field'} key={field.name}>
            {layout === 'inline' ? control : text}
            {layout === 'inline' ? text : control}
            {error && (
              <span id={`${id}-error`} class="lead-error">
                {error}
              </span>
            )}
          </p>
        );
      })}
      <input name={HONEYPOT_FIELD} tabIndex={-1} autocomplete="off" aria-hidden="true" style={HONEYPOT_STYLE} />
      {props.turnstileSiteKey && <div class="lead-turnstile" />}
      <button type="submit" disabled={busy}>
        {labels['submit'] ?? labelFor('submit', locale)}
      </button>
      <p class="lead-status" role="status" aria-live="polite">
        {[status, ...orphans.map((name) => errors[name])].join(' ')}
      </p>
    </form>
  );
}
