// widget.js, the script-tag entry:
//   <script src="https://leads.example.com/widget.js" async></script>
// Records attribution on every page, prepares every <form data-lead-form>, and renders a form
// into every <div data-lead-form>. Everything else comes from widget.js's own folder when a page
// needs it: render.js for pages with such a div, turnstile.js for forms that ask for Turnstile,
// and submit.js (validation, posting, the outbox, Arabic) on the first focus in a form, on a
// submit, or at once when the outbox holds a lead.
import type { Attribution } from '../../shared/lead.ts';
import type { LeadCapture } from '../capture.ts';
import { installCommands } from '../commands.ts';
import { RENDER_GLOBAL, SUBMIT_GLOBAL, TURNSTILE_GLOBAL } from '../constants.ts';
import { holdsLeads } from '../form/outbox.ts';
import { prepareForm } from '../form/prepare.ts';
import type { SubmitOutcome } from '../form/submit.ts';
import type { AttachTurnstile } from '../form/turnstile.ts';
import { lazyTurnstile } from '../form/turnstile-lazy.ts';
import { scriptTagOptions, trackPage, whenReady } from '../page.ts';
import { scriptLoader } from '../script-loader.ts';
import type { SubmitChunk } from './submit.ts';

const fail = (error: unknown) => console.error('[leadrelay]', error);

/** `root` itself when it matches, and every match inside it. */
const matching = <T extends Element>(root: ParentNode, selector: string): T[] => [
  ...(root instanceof Element && root.matches(selector) ? [root as T] : []),
  ...root.querySelectorAll<T>(selector),
];

function start(script: HTMLScriptElement | null): void {
  const base = script?.src ? new URL('.', script.src).href : new URL('/', location.href).href;
  const load = scriptLoader(base);
  const options = scriptTagOptions(script);
  const tracker = trackPage(options);
  const startedAt = Date.now();
  let consented = !options.consentRequired;
  let capture: LeadCapture | undefined;
  // One capture for the page (one outbox, one online listener), started when submit.js arrives,
  // with the consent the page has given by then.
  const submitCode = () =>
    load<SubmitChunk>('submit', SUBMIT_GLOBAL).then((chunk) => ({
      chunk,
      capture: (capture ??= chunk.captureWith(tracker, { ...options, consentRequired: !consented }, startedAt)),
    }));
  const turnstile = lazyTurnstile(() => load<AttachTurnstile>('turnstile', TURNSTILE_GLOBAL));
  const enhance = (form: HTMLFormElement) =>
    prepareForm(form, (context) => submitCode().then(({ chunk, capture }) => chunk.submitForm(form, capture, context)), { turnstile });
  installCommands({
    consent: (granted: boolean) => {
      consented = granted;
      (capture ?? tracker).setConsent(granted);
    },
    attribution: (callback: (attribution: Attribution) => void) => callback(tracker.attribution()),
    submit: (formId: string, fields: Record<string, string>, callback?: (outcome: SubmitOutcome) => void) =>
      void submitCode()
        .then(({ capture }) => capture.submit(formId, fields), (error: unknown): SubmitOutcome => ({ kind: 'failed', message: String(error) }))
        .then((outcome) => callback?.(outcome)),
    enhance,
  });
  // Leads kept while the edge was out of reach go now, not when a form is next touched.
  if (holdsLeads(consented)) submitCode().catch(fail);
  const scan = (root: ParentNode) => {
    for (const form of matching<HTMLFormElement>(root, 'form[data-lead-form]')) enhance(form);
    if (matching(root, 'div[data-lead-form]:not([data-rendered])').length) load<() => void>('render', RENDER_GLOBAL).then((renderAll) => renderAll(), fail);
  };
  whenReady(() => {
    scan(document);
    // Single-page apps render forms late: look at what each change added, never the whole page again.
    new MutationObserver((changes) => {
      for (const change of changes) for (const node of change.addedNodes) if (node instanceof Element) scan(node);
    }).observe(document.documentElement, { childList: true, subtree: true });
  });
}

// currentScript is only set while this script first runs, so read it now.
try {
  start(document.currentScript as HTMLScriptElement | null);
} catch (error) {
  // Never break the host page: a widget failure leaves its forms as they were.
  fail(error);
}
