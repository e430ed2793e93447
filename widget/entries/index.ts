// The plain API: import { createLeadRelay } from 'leadrelay'.
export { createLeadRelay } from '../api.ts';
export type { Attribution, LeadRelay, LeadRelayOptions, Messages, SubmitOutcome, TrackerOptions } from '../api.ts';
export type { LeadAccepted, LeadStatus } from '../../shared/api.ts';
