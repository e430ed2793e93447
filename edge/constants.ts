/** Largest lead body the edge reads; a widget lead is a few hundred bytes. */
export const MAX_BODY_BYTES = 32 * 1024;

/** How long one provider call may take before it counts as a retry. */
export const PROVIDER_TIMEOUT_MS = 10_000;

/** How long a visitor's answer waits for the first delivery attempt, unless FIRST_ATTEMPT_WAIT_MS says otherwise. */
export const DEFAULT_FIRST_ATTEMPT_WAIT_MS = 2_500;

/** How long one attempt holds a lead; longer than the provider timeout plus a confirmation check. */
export const LEASE_MS = 60_000;

/** A pending lead due this long ago and still not tried is swept back onto the queue by the cron. */
export const SWEEP_GRACE_MS = 120_000;

/** Queue names as wrangler.toml declares them; the consumer tells its two queues apart by name. */
export const QUEUE_NAMES = { leads: 'leadrelay-leads', deadLetters: 'leadrelay-dead-letters' } as const;
