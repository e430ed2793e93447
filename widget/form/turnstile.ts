/** The part of Cloudflare Turnstile's browser API the widget uses (explicit rendering). */
interface TurnstileApi {
  render(container: HTMLElement, options: { sitekey: string; language?: string }): string;
  getResponse(widgetId: string): string | undefined;
  reset(widgetId: string): void;
}

const SCRIPT_URL = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';
let loading: Promise<TurnstileApi> | undefined;

const api = () => (window as unknown as { turnstile?: TurnstileApi }).turnstile;

/** Turnstile's API: the page's own if it already loaded it, else its script, loaded once (and again after a failure). */
function loadTurnstile(): Promise<TurnstileApi> {
  const loaded = api();
  if (loaded) return Promise.resolve(loaded);
  loading ??= new Promise<TurnstileApi>((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src: SCRIPT_URL, async: true });
    script.addEventListener('load', () => (api() ? resolve(api() as TurnstileApi) : reject(new Error('Turnstile did not load'))));
    script.addEventListener('error', () => reject(new Error('Turnstile could not be loaded')));
    document.head.append(script);
  }).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The form's Turnstile challenge: its current token, and a reset after each submission. */
export interface TurnstileHandle {
  token(): string | undefined;
  reset(): void;
}

/** Renders Turnstile on a form that asks for it; undefined for forms that do not. */
export type AttachTurnstile = (form: HTMLFormElement, locale: string) => TurnstileHandle | undefined;

function boxAboveSubmit(form: HTMLFormElement): HTMLElement {
  const box = document.createElement('div');
  const submit = form.querySelector('[type=submit]');
  if (submit) submit.before(box);
  else form.append(box);
  return box;
}

/**
 * For a form with `data-turnstile-sitekey`, renders Turnstile's challenge above its submit button.
 * Forms without one load nothing. (The page's CSP must allow challenges.cloudflare.com.)
 */
export function attachTurnstile(form: HTMLFormElement, locale: string): TurnstileHandle | undefined {
  const sitekey = form.dataset['turnstileSitekey'];
  if (!sitekey) return undefined;
  // A form can keep a place for the challenge (the Preact component does); else it goes above the submit button.
  const box = form.querySelector<HTMLElement>('.lead-turnstile') ?? boxAboveSubmit(form);
  let widgetId: string | undefined;
  loadTurnstile()
    .then((turnstile) => {
      widgetId = turnstile.render(box, { sitekey, language: locale });
    })
    .catch((error: unknown) => console.error('[leadrelay]', error));
  return {
    token: () => (widgetId === undefined ? undefined : api()?.getResponse(widgetId)),
    reset: () => widgetId !== undefined && api()?.reset(widgetId),
  };
}
