// The plain API: import { createLeadRelay } from 'leadrelay'.
import { createLeadRelay as createRelay, type LeadRelay, type LeadRelayOptions } from '../api.ts';
import { lazyTurnstile } from '../form/turnstile-lazy.ts';
import { ARABIC_MESSAGES } from '../i18n/ar.ts';
import { messagesByLanguage } from '../i18n/catalogue.ts';

export type { Attribution, CaptureOptions, LeadCapture, LeadRelay, LeadRelayOptions, Messages, SubmitExtra, SubmitOutcome, TrackerOptions } from '../api.ts';
export type { LeadAccepted, LeadStatus } from '../../shared/api.ts';
export type { KeyValueStore } from '../attribution/storage.ts';
// Sharing attribution across subdomains: createLeadRelay({ endpoint, cookie: subdomainCookie('.example.com') }).
export { subdomainCookie } from '../attribution/cookie.ts';
// Hidden attribution inputs kept filled, as the script tags do: createLeadRelay({ endpoint, onPageView: fillHiddenInputs }).
export { fillHiddenInputs } from '../attribution/hidden-inputs.ts';

// The plain API speaks English and Arabic from the start.
messagesByLanguage.ar = ARABIC_MESSAGES;

// Turnstile's code is a separate chunk, fetched the first time a form asks for it.
const turnstile = lazyTurnstile(() => import('../form/turnstile.ts').then((module) => module.attachTurnstile));

/** Starts attribution on this page (this view and every SPA URL change) and returns the API. */
export const createLeadRelay = (options: LeadRelayOptions): LeadRelay => createRelay({ turnstile, ...options });
