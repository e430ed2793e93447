/** Largest lead body the edge reads; a widget lead is a few hundred bytes. */
export const MAX_BODY_BYTES = 32 * 1024;

/** How long one provider call may take before it counts as a retry. */
export const PROVIDER_TIMEOUT_MS = 10_000;
