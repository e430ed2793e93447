// widget.js, the script-tag entry:
//   <script src="https://leads.example.com/widget.js" async></script>
// Records attribution on every page, prepares every <form data-lead-form>, and renders a form
// into every <div data-lead-form>. Everything else comes from widget.js's own folder when a page
// needs it: site.js for page views that need more of the attribution code (a referrer of another
// host, a Worker that may be on this site, data-cookie-domain), render.js for pages with such a
// div, turnstile.js for forms that ask for Turnstile, and submit.js (validation, posting, the
// outbox, Arabic) on the first focus in a form, on a submit, or at once when the outbox holds a lead.
import { lazyCapture } from '../capture-lazy.ts';
import { installCommands } from '../commands.ts';
import { RENDER_GLOBAL, SUBMIT_GLOBAL, TURNSTILE_GLOBAL } from '../constants.ts';
import { prepareForm } from '../form/prepare.ts';
import type { SubmitOutcome } from '../form/submit.ts';
import type { AttachTurnstile } from '../form/turnstile.ts';
import { lazyTurnstile } from '../form/turnstile-lazy.ts';
import { keepUnloaded } from '../form/unloaded.ts';
import { attributionCommand, scriptTagOptions, trackScriptTagPage, whenReady } from '../page.ts';
import { scriptFolder, scriptLoader } from '../script-loader.ts';
import type { SubmitChunk } from './submit.ts';

const fail = (error: unknown) => console.error('[leadrelay]', error);

/** Our forms to enhance, and the divs render.js renders a form into: one selector, one search of the page. */
const OURS = 'form[data-lead-form],div[data-lead-form]:not([data-rendered])';

/** `root` itself when it is one of ours, and every one of ours inside it. */
const ours = (root: ParentNode): Element[] => [...(root instanceof Element && root.matches(OURS) ? [root] : []), ...root.querySelectorAll(OURS)];

/** Whether an added node may hold a form of ours: most hold none, and cost one attribute read (and one search when they have children). */
const mayHoldForm = (node: Node): node is Element =>
  node instanceof Element && (node.hasAttribute('data-lead-form') || (node.firstElementChild !== null && node.querySelector(OURS) !== null));

function start(script: HTMLScriptElement | null): void {
  const load = scriptLoader(scriptFolder(script));
  const submitCode = () => load<SubmitChunk>('submit', SUBMIT_GLOBAL);
  const options = scriptTagOptions(script);
  const tracker = trackScriptTagPage(options, load);
  const relay = lazyCapture(tracker, options, () => submitCode().then((chunk) => chunk.captureWith));
  const turnstile = lazyTurnstile(() => load<AttachTurnstile>('turnstile', TURNSTILE_GLOBAL));
  const enhance = (form: HTMLFormElement) =>
    prepareForm(form, (context) => submitCode().then((chunk) => chunk.submitForm(form, relay, context)), { turnstile, unloaded: keepUnloaded(form, relay) });
  installCommands({
    consent: (granted: boolean) => relay.setConsent(granted),
    attribution: attributionCommand(tracker),
    submit: (formId: string, fields: Record<string, string>, callback?: (outcome: SubmitOutcome) => void) => void relay.submit(formId, fields).then((outcome) => callback?.(outcome)),
    enhance,
  });
  const scan = (root: ParentNode) => {
    let hosts = false;
    for (const element of ours(root)) {
      if (element instanceof HTMLFormElement) enhance(element);
      else hosts = true;
    }
    if (hosts) load<() => void>('render', RENDER_GLOBAL).then((renderAll) => renderAll(), fail);
  };
  whenReady(() => {
    scan(document);
    // Single-page apps render forms late: look at what each change added, never the whole page again.
    new MutationObserver((changes) => {
      // Indexed loops: an app appending thousands of nodes makes thousands of records, and an iterator per record adds up.
      for (const { addedNodes } of changes) for (let index = 0; index < addedNodes.length; index++) if (mayHoldForm(addedNodes[index]!)) scan(addedNodes[index] as Element);
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
