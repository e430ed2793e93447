/**
 * Every status a stored lead can have, with what it means: the one list the admin API, the
 * operator page, the README and docs/providers/*.md follow. Visitors only ever see `pending`,
 * `delivered` or `rejected` (edge/leads/accept.ts).
 */
export const LEAD_STATUS_MEANINGS = {
  pending: 'waiting for its next delivery attempt',
  sending: 'an attempt holds it right now',
  delivered: 'the provider has it (its answer, or its own check, said so)',
  duplicate: 'at the provider, not processed: it already had this person, so no new lead was made (Comunik8 "Existing Contact", Sakneen "Phone number already exists")',
  rejected: 'refused by the provider for good (its message is kept)',
  held: "the provider refused the form's credentials: kept and retried on the schedule, so it goes through by itself once the secret is fixed",
  dead: 'given up after every attempt of the retry schedule',
  spam: 'judged a bot and kept back, never delivered',
  review: 'kept back for an operator (e.g. no timing signal) until released by a replay',
} as const;

/** Where a stored lead stands; see LEAD_STATUS_MEANINGS. */
export type LeadStatus = keyof typeof LEAD_STATUS_MEANINGS;

/** Every status, in the order above (filters and docs list them so). */
export const LEAD_STATUSES = Object.keys(LEAD_STATUS_MEANINGS) as LeadStatus[];

/** Statuses an operator can put back in line for an attempt now (for `review` and `spam`: release them). */
export const REPLAYABLE_STATUSES: readonly LeadStatus[] = ['dead', 'rejected', 'held', 'spam', 'review'];

/** What a bulk replay takes when no status is named: the failures and held leads, not spam. */
export const BULK_REPLAY_DEFAULT: readonly LeadStatus[] = ['dead', 'rejected', 'held', 'review'];
