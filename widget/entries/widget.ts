// widget.js, the script-tag entry:
//   <script src="https://leads.example.com/widget.js" async></script>
// Records attribution on every page, enhances every <form data-lead-form>, and renders a form
// into every <div data-lead-form> (loading render.js only on pages that have one, and turnstile.js
// only for forms that ask for Turnstile).
import { createLeadRelay } from '../api.ts';
import { installCommands } from '../commands.ts';
import { scriptTagOptions, whenReady } from '../page.ts';
import { RENDER_GLOBAL, TURNSTILE_GLOBAL } from '../constants.ts';
import { lazyTurnstile } from '../form/turnstile-lazy.ts';
import { ARABIC_MESSAGES } from '../i18n/ar.ts';
import { messagesByLanguage } from '../i18n/catalogue.ts';
import type { AttachTurnstile } from '../form/turnstile.ts';

function start(script: HTMLScriptElement | null): void {
  messagesByLanguage.ar = ARABIC_MESSAGES;
  const base = script?.src ? new URL('.', script.src).href : new URL('/', location.href).href;
  const loadScript = (name: string) =>
    new Promise<void>((resolve, reject) => {
      const element = Object.assign(document.createElement('script'), { src: `${base}${name}.js`, async: true });
      element.addEventListener('load', () => resolve());
      element.addEventListener('error', () => reject(new Error(`${name}.js could not be loaded`)));
      document.head.append(element);
    });
  const turnstile = lazyTurnstile(async () => {
    await loadScript('turnstile');
    return (window as unknown as Record<string, AttachTurnstile>)[TURNSTILE_GLOBAL] as AttachTurnstile;
  });
  const relay = createLeadRelay({ turnstile, ...scriptTagOptions(script) });
  installCommands({
    consent: (granted: boolean) => relay.setConsent(granted),
    attribution: (callback: (attribution: ReturnType<typeof relay.attribution>) => void) => callback(relay.attribution()),
    submit: (formId: string, fields: Record<string, string>, callback?: (outcome: unknown) => void) =>
      void relay.submit(formId, fields).then((outcome) => callback?.(outcome)),
    enhance: (form: HTMLFormElement) => relay.enhance(form),
  });
  let render: Promise<void> | undefined;
  const scan = (root: ParentNode) => {
    for (const form of root.querySelectorAll<HTMLFormElement>('form[data-lead-form]')) relay.enhance(form);
    if (root.querySelector('div[data-lead-form]:not([data-rendered])')) {
      if (!render) {
        render = loadScript('render').catch((error: unknown) => console.error('[leadrelay]', error));
      } else {
        (window as unknown as Record<string, (() => void) | undefined>)[RENDER_GLOBAL]?.();
      }
    }
  };
  whenReady(() => {
    scan(document);
    // Single-page apps render forms late, often inside a wrapper: enhance them as they appear.
    new MutationObserver((changes) => {
      for (const change of changes) for (const node of change.addedNodes) if (node instanceof Element) scan(node.parentElement ?? node);
    }).observe(document.documentElement, { childList: true, subtree: true });
  });
}

// currentScript is only set while this script first runs, so read it now.
try {
  start(document.currentScript as HTMLScriptElement | null);
} catch (error) {
  // Never break the host page: a widget failure leaves its forms as they were.
  console.error('[leadrelay]', error);
}
