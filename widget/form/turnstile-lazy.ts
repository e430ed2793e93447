import type { AttachTurnstile, TurnstileHandle } from './turnstile.ts';

/**
 * Turnstile support that costs a page nothing until a form asks for it (`data-turnstile-sitekey`):
 * `load` brings the code (turnstile.js for the script tag, a code-split chunk for bundlers).
 */
export function lazyTurnstile(load: () => Promise<AttachTurnstile>): AttachTurnstile {
  return (form, locale) => {
    if (!form.dataset['turnstileSitekey']) return undefined;
    let handle: TurnstileHandle | undefined;
    load()
      .then((attach) => {
        handle = attach(form, locale);
      })
      .catch((error: unknown) => console.error('[leadrelay]', error));
    return { token: () => handle?.token(), reset: () => handle?.reset() };
  };
}
