// turnstile.js: loaded by widget.js only for forms with data-turnstile-sitekey.
import { TURNSTILE_GLOBAL } from '../constants.ts';
import { attachTurnstile } from '../form/turnstile.ts';

(window as unknown as Record<string, unknown>)[TURNSTILE_GLOBAL] = attachTurnstile;
