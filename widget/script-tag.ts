import { enhanceForm } from './enhance.ts';

/**
 * The script-tag entry: `<script src=".../widget.js" async data-endpoint="https://leads.example.com">`.
 * Enhances every `<form data-lead-form>` on the page. Without data-endpoint, the script's own
 * origin is the endpoint (the Worker serves widget.js itself).
 */
function start(script: HTMLScriptElement | null): void {
  const endpoint = script?.dataset['endpoint'] || (script?.src ? new URL(script.src).origin : location.origin);
  const enhanceAll = () => {
    for (const form of document.querySelectorAll<HTMLFormElement>('form[data-lead-form]')) enhanceForm(form, { endpoint });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', enhanceAll);
  else enhanceAll();
}

// currentScript is only set while this script first runs, so read it now.
try {
  start(document.currentScript as HTMLScriptElement | null);
} catch (error) {
  // Never break the host page: a widget failure leaves the form as it was.
  console.error('[leadrelay]', error);
}
