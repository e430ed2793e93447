import type { LeadSubmissionInput } from '../../shared/lead.ts';
import { browserStore } from '../attribution/storage.ts';
import { OUTBOX } from '../constants.ts';
import { entriesOf, keyOf, storedValue, type Entry } from './kept-leads.ts';
import { isRetryable, retryAfterOf, type SubmitOutcome } from './submit.ts';

/** Posts one lead (with the post's own retries) and says how it ended. */
export type PostLead = (formId: string, submission: LeadSubmissionInput) => Promise<SubmitOutcome>;

/** The visitor's browser as the first outbox. */
export interface Outbox {
  /** Keeps the lead, posts it, and forgets it once the edge has answered; no answer, a 5xx or a 429 keeps it. */
  send(formId: string, submission: LeadSubmissionInput): Promise<SubmitOutcome>;
  /** Sends every kept lead that is due and not on its way already. */
  flush(): Promise<void>;
  /** Moves the kept leads to localStorage (consent given) or into this page's memory (withdrawn). */
  setPersistent(persistent: boolean): void;
}

/**
 * Keeps at most a few leads for at most 72 hours, in localStorage, or only in this page's memory
 * while consent is required and not granted (nothing is written to the browser then).
 */
export function createOutbox(post: PostLead, persistent: boolean): Outbox {
  // A store per access: its memory stand-in (for storage that throws) must never hold what another tab removed since.
  const disk = () => browserStore();
  let memory: string | null = null;
  const read = (): Entry[] => entriesOf(persistent ? disk().get(OUTBOX.key) : memory);
  const write = (entries: Entry[]) => {
    const value = storedValue(entries);
    if (persistent) disk().set(OUTBOX.key, value);
    else memory = value;
  };
  const without = (key: string) => read().filter((kept) => keyOf(kept) !== key);
  const sending = new Set<string>(); // posts of this page in flight, which a flush must not send twice
  const flushLater = (ms: number) => setTimeout(() => void outbox.flush(), ms);
  let flushing = false;

  async function deliver(entry: Entry): Promise<SubmitOutcome> {
    const key = keyOf(entry); // read now: a post may give the submission a new key (409 idempotency_conflict)
    sending.add(key);
    try {
      const outcome = await post(entry.formId, entry.submission);
      if (!isRetryable(outcome)) {
        write(without(key));
      } else {
        const retryAfterMs = retryAfterOf(outcome);
        // Updated in place, never re-added: another tab (or this one's flush) may have sent it meanwhile.
        write(read().map((kept) => (keyOf(kept) === key ? { ...entry, dueAt: retryAfterMs && Date.now() + retryAfterMs } : kept)));
        if (retryAfterMs) flushLater(retryAfterMs);
      }
      return outcome;
    } finally {
      sending.delete(key);
    }
  }

  const outbox: Outbox = {
    send(formId, submission) {
      const entry = { formId, submission, savedAt: Date.now() };
      // Written before the first POST: a tab closed from here on loses nothing.
      write([...without(keyOf(entry)), entry]);
      return deliver(entry);
    },
    async flush() {
      if (flushing) return; // the online event and a page view can race
      flushing = true;
      try {
        for (const entry of read()) {
          const waitMs = (entry.dueAt ?? 0) - Date.now();
          if (waitMs > 0) flushLater(waitMs);
          else if (!sending.has(keyOf(entry))) await deliver(entry);
        }
      } finally {
        flushing = false;
      }
    },
    setPersistent(next) {
      const entries = read();
      write([]);
      persistent = next;
      // Joined to what is kept there: leads an earlier page view kept in localStorage stay kept.
      write([...read(), ...entries]);
    },
  };
  return outbox;
}
