import { lazyTurnstile } from './turnstile-lazy.ts';

/** Turnstile for the ESM entries: its code is a separate chunk, fetched the first time a form asks for it. */
export const turnstileChunk = lazyTurnstile(() => import('./turnstile.ts').then((module) => module.attachTurnstile));
