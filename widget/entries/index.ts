// The plain API: import { createLeadRelay } from 'leadrelay'.
import { createLeadRelay as createRelay, type LeadRelay, type LeadRelayOptions } from '../api.ts';
import { lazyTurnstile } from '../form/turnstile-lazy.ts';

export type { Attribution, LeadRelay, LeadRelayOptions, Messages, SubmitOutcome, TrackerOptions } from '../api.ts';
export type { LeadAccepted, LeadStatus } from '../../shared/api.ts';

// Turnstile's code is a separate chunk, fetched the first time a form asks for it.
const turnstile = lazyTurnstile(() => import('../form/turnstile.ts').then((module) => module.attachTurnstile));

/** Starts attribution on this page (this view and every SPA URL change) and returns the API. */
export const createLeadRelay = (options: LeadRelayOptions): LeadRelay => createRelay({ turnstile, ...options });
