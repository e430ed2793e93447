import type * as v from 'valibot';
import type { Attribution, LeadFields } from '../../shared/lead.ts';
import type { FieldErrors } from '../../shared/field-errors.ts';
import type { NormalizedPhone } from '../phone.ts';

/** A lead as every adapter sees it: validated fields, the phone already parsed, its attribution. */
export interface ProviderLead {
  id: string;
  fields: LeadFields;
  phone: NormalizedPhone | undefined;
  attribution: Attribution;
  /** When the edge accepted the lead, epoch milliseconds (not when this attempt runs). */
  receivedAt: number;
}

/** An outbound HTTP request, described as data so tests can compare it byte for byte. */
export interface ProviderRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** What came of one delivery attempt. Every provider answer is classified into exactly one. */
export type DeliveryResult =
  | { kind: 'delivered'; status: number; providerId?: string }
  | { kind: 'rejected'; status: number; reason: string }
  | { kind: 'retry'; status?: number; reason: string };

/** Either the request to send, or per-field reasons why this lead cannot go to this provider. */
export type BuildResult = { ok: true; request: ProviderRequest } | { ok: false; fields: FieldErrors };

/** Secret values by the provider's own secret name (e.g. `key`), resolved from the Worker's env. */
export type ProviderSecrets = Readonly<Record<string, string>>;

/** One provider configured for one form: pure request building and response classification. */
export interface ProviderAdapter {
  /** Builds the signed request for `lead` at time `now`; no I/O besides WebCrypto. */
  buildRequest(lead: ProviderLead, secrets: ProviderSecrets, now: Date): Promise<BuildResult>;
  /** Turns the provider's answer into a delivery result. */
  classifyResponse(status: number, bodyText: string): DeliveryResult;
}

/** A provider as registered in `edge/providers/index.ts`: its options schema, secrets and factory. */
export interface ProviderDefinition<Options> {
  /** Names of the secrets a form must provide, e.g. `['key']`. */
  secretNames: readonly string[];
  optionsSchema: v.GenericSchema<unknown, Options>;
  create(options: Options): ProviderAdapter;
}
