// The outbox as stored: the leads kept in localStorage, read and written without the code that
// sends them, so an entry whose submit path comes later (widget.js, the npm entries) can tell
// whether leads wait, and keep one when that code cannot arrive.
import type { LeadSubmissionInput } from '../../shared/lead.ts';
import { browserStore } from '../attribution/storage.ts';
import { OUTBOX } from '../constants.ts';

/** A lead on its way: kept from before its first POST until the edge has answered it. */
export interface Entry {
  formId: string;
  submission: LeadSubmissionInput;
  savedAt: number;
  /** Not sent again before this time: a 429's Retry-After. */
  dueAt?: number | undefined;
}

/**
 * Whether leads wait in the outbox from an earlier page view: one read, for an entry to fetch
 * the code that sends them only then. Without consent there are none (they lived in memory).
 */
export const holdsLeads = (persistent: boolean): boolean => persistent && browserStore().get(OUTBOX.key) !== null;

/** The kept leads a stored value holds, without those older than 72 hours; nothing for anything unreadable. */
export function entriesOf(stored: string | null): Entry[] {
  try {
    const entries = JSON.parse(stored ?? '[]') as Entry[];
    return entries.filter((entry) => Date.now() - entry.savedAt < OUTBOX.maxAgeMs);
  } catch {
    return [];
  }
}

/** The value to store for `entries`: the newest few, or nothing at all. */
export const storedValue = (entries: Entry[]): string | null => (entries.length ? JSON.stringify(entries.slice(-OUTBOX.maxEntries)) : null);

/** The key a kept lead is known by: its idempotency key. */
export const keyOf = (entry: Entry) => entry.submission.idempotencyKey;

/**
 * Keeps a lead in localStorage without sending it, for the next page view to send: when the code
 * that sends leads could not be loaded (offline before it arrived).
 */
export function keepForLater(formId: string, submission: LeadSubmissionInput): void {
  const disk = browserStore();
  const kept = entriesOf(disk.get(OUTBOX.key)).filter((entry) => keyOf(entry) !== submission.idempotencyKey);
  disk.set(OUTBOX.key, storedValue([...kept, { formId, submission, savedAt: Date.now() }]));
}
