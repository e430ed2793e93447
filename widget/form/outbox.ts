import type { LeadSubmissionInput } from '../../shared/lead.ts';
import { browserStore } from '../attribution/storage.ts';
import { OUTBOX } from '../constants.ts';
import { isRetryable, type SubmitOutcome } from './submit.ts';

/** A lead the edge could not be reached for, kept to be sent again with the same idempotency key. */
interface Entry {
  formId: string;
  submission: LeadSubmissionInput;
  savedAt: number;
}

/** The visitor's browser as the first outbox. */
export interface Outbox {
  add(formId: string, submission: LeadSubmissionInput): void;
  /** Sends every kept lead; removes each the edge accepted or refused for good. */
  flush(post: (formId: string, submission: LeadSubmissionInput) => Promise<SubmitOutcome>): Promise<void>;
}

/** Where the outbox keeps its leads: localStorage, or the tab's session only while consent is required and not granted. */
const outboxStore = (persistent: boolean) => browserStore(persistent ? 'localStorage' : 'sessionStorage');

/** Whether leads wait in the outbox: one read, for widget.js to fetch the code that sends them only then. */
export const holdsLeads = (persistent: boolean): boolean => outboxStore(persistent).get(OUTBOX.key) !== null;

/**
 * Keeps at most a few leads for at most 72 hours, in localStorage, or for the tab's session only
 * while consent is required and not granted.
 */
export function createOutbox(persistent: () => boolean): Outbox {
  const store = () => outboxStore(persistent());
  const read = (): Entry[] => {
    try {
      const entries = JSON.parse(store().get(OUTBOX.key) ?? '[]') as Entry[];
      return entries.filter((entry) => Date.now() - entry.savedAt < OUTBOX.maxAgeMs);
    } catch {
      return [];
    }
  };
  const write = (entries: Entry[]) => store().set(OUTBOX.key, entries.length ? JSON.stringify(entries.slice(-OUTBOX.maxEntries)) : null);
  const keyOf = (entry: Entry) => entry.submission.idempotencyKey;
  let flushing = false;
  return {
    add(formId, submission) {
      write([...read().filter((entry) => keyOf(entry) !== submission.idempotencyKey), { formId, submission, savedAt: Date.now() }]);
    },
    async flush(post) {
      if (flushing) return; // the online event and a page view can race
      flushing = true;
      try {
        for (const entry of read()) {
          const outcome = await post(entry.formId, entry.submission);
          // Accepted, or refused for good (a 4xx is never queued again): either way it leaves the outbox.
          if (!isRetryable(outcome)) {
            write(read().filter((kept) => keyOf(kept) !== keyOf(entry)));
          }
        }
      } finally {
        flushing = false;
      }
    },
  };
}
