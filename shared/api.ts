/** Path of the lead endpoint for one form. */
export const leadEndpointPath = (formId: string): string => `/v1/forms/${encodeURIComponent(formId)}/leads`;

/** Where an accepted lead stands: on its way, at the provider, or refused by the provider. */
export type LeadStatus = 'pending' | 'delivered' | 'rejected';

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
  | 'method_not_allowed';

/** Every error answer: a code, a sentence for people, and per-field messages where a field is at fault. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    fields?: Record<string, string>;
  };
}
