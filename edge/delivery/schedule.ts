/**
 * When to try again, in seconds after the previous attempt: entry N is the wait before attempt
 * N + 1 (entry 0 is the first attempt, right away). After the last entry the lead is dead.
 * In the spirit of webhook relays: quick retries for blips, hours apart for outages.
 */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [0, 10, 60, 300, 1800, 7200, 21600, 43200, 86400];

/** Cloudflare Queues delay a message by at most 24 hours. */
export const MAX_QUEUE_DELAY_SECONDS = 86_400;

/** Reads RETRY_SCHEDULE ("0,10,60,...", seconds); a missing or malformed value gives the default. */
export function parseSchedule(text: string | undefined): readonly number[] {
  const parts = (text ?? '').split(',').map((part) => part.trim());
  const steps = parts.map(Number);
  const valid = parts.every((part) => part !== '') && steps.every((step) => Number.isInteger(step) && step >= 0 && step <= MAX_QUEUE_DELAY_SECONDS);
  return valid ? steps : DEFAULT_RETRY_SCHEDULE;
}

/** Seconds to wait before the next attempt, after `attemptsMade` attempts; undefined when none is left. */
export const delayAfter = (attemptsMade: number, schedule: readonly number[]): number | undefined => schedule[attemptsMade];
