import type { LeadFields } from '../../shared/lead.ts';
import { sha256Hex } from '../crypto/sha256.ts';
import { apiError } from '../http/responses.ts';

/**
 * What an idempotency key is bound to: a SHA-256 of the submitted fields, names sorted. A retried
 * or double-clicked submit sends the same fields; attribution and timing are left out, as they
 * describe the visit, not the lead.
 */
export async function submissionFingerprint(fields: LeadFields): Promise<string> {
  const canonical = JSON.stringify(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return sha256Hex(canonical);
}

/** Whether a stored lead answers for this submission; leads stored before fingerprints match any. */
export const sameSubmission = (stored: { fingerprint: string | null }, fingerprint: string): boolean => stored.fingerprint === null || stored.fingerprint === fingerprint;

/** The answer to a key this form already used for other content: nothing is stored, the client makes a new key. */
export const idempotencyConflict = (): Response =>
  apiError(409, 'idempotency_conflict', 'This idempotency key was already used for a different submission to this form; send this submission again with a new key');
