/** Path of the lead endpoint for one form. */
export const leadEndpointPath = (formId: string): string => `/v1/forms/${encodeURIComponent(formId)}/leads`;

/**
 * Where an accepted lead stands: waiting for its next attempt (`pending`), being sent, at the
 * provider, refused by it, given up after every retry (`dead`), judged spam and kept back, or
 * held for an operator's review (`review`: e.g. no timing signal) until released by a replay.
 * Visitors only ever see pending, delivered or rejected.
 */
export const LEAD_STATUSES = ['pending', 'sending', 'delivered', 'rejected', 'dead', 'spam', 'review'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Statuses an operator can put back in line for delivery (one lead, or in bulk by filter). */
export const REPLAYABLE_STATUSES = ['dead', 'rejected', 'spam', 'review'] as const satisfies readonly LeadStatus[];
/** What a bulk replay takes when no status is named: the failures, and leads held for review, but not spam. */
export const BULK_REPLAY_DEFAULT = ['dead', 'rejected', 'review'] as const satisfies readonly LeadStatus[];

/** The 202 answer to an accepted lead. */
export interface LeadAccepted {
  id: string;
  status: LeadStatus;
}

/** Machine-readable reasons of a 4xx answer. */
export type ApiErrorCode =
  | 'invalid_input'
  | 'invalid_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'unknown_form'
  | 'forbidden_origin'
  | 'not_found'
  | 'method_not_allowed'
  | 'unauthorized'
  | 'conflict'
  | 'rate_limited'
  /** The form names a Worker secret that is not set, or its config is invalid (503: the site owner must fix it). */
  | 'form_misconfigured';

/** Every error answer: a code, a sentence for people, and per-field messages where a field is at fault. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    fields?: Record<string, string>;
  };
}
