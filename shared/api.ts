import type { LeadStatus } from './statuses.ts';

export type { LeadStatus } from './statuses.ts';

/** Path of the lead endpoint for one form. */
export const leadEndpointPath = (formId: string): string => `/v1/forms/${encodeURIComponent(formId)}/leads`;

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
