import type * as v from 'valibot';
import type { LeadFields } from '../../shared/lead.ts';
import type { ChannelAttribution } from '../attribution/channels.ts';
import type { FieldErrors } from '../../shared/field-errors.ts';
import type { NormalizedPhone } from '../phone.ts';

/** A lead as every adapter sees it: validated fields, the phone already parsed, its attribution. */
export interface ProviderLead {
  /** The edge's lead id, a UUID: stable across retries, so providers that take a client id dedupe on it. */
  id: string;
  fields: LeadFields;
  phone: NormalizedPhone | undefined;
  /** What the widget sent; each touch of a lead accepted since channels exist also has its channel, source and medium. */
  attribution: ChannelAttribution;
  /** The page's language (`<html lang>`), e.g. `ar-EG`, when the widget sent it. */
  locale?: string | undefined;
  /** When the edge accepted the lead, epoch milliseconds (not when this attempt runs). */
  receivedAt: number;
}

/** An outbound HTTP request, described as data so tests can compare it byte for byte. */
export interface ProviderRequest {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * What came of one delivery attempt for one lead. Every provider answer is classified into these:
 * `delivered` (`possibleDuplicate`: taken as ours, though the provider's duplicate rules leave
 * room for doubt); `duplicate`, the provider already had this person and made no new lead;
 * `rejected` for good (`wholeBatch`: the answer refused a whole batch without naming the lead at
 * fault, so the delivery layer splits the batch to find it); `held`, the provider refused the
 * form's credentials, the operator's problem, retried on the schedule; `retry` later.
 */
export type DeliveryResult =
  | { kind: 'delivered'; status: number; providerId?: string; note?: string; possibleDuplicate?: boolean }
  | { kind: 'duplicate'; status: number; reason: string }
  | { kind: 'rejected'; status: number; reason: string; wholeBatch?: boolean }
  | { kind: 'held'; status?: number; reason: string }
  | { kind: 'retry'; status?: number; reason: string; outcomeUnknown?: boolean };

/** What the delivery layer knows when it classifies an answer. */
export interface AnswerContext {
  /** An earlier attempt of this lead may have reached the provider (timeout, dropped connection). */
  afterUnknownOutcome: boolean;
}

/** What a provider's own check says about a lead whose earlier attempt had an unknown outcome. */
export type Confirmation = { kind: 'delivered'; providerId?: string } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

/**
 * How a retry after an unknown outcome avoids a second lead at the provider:
 * `idempotent`, the request carries our own lead id (a resend updates, never duplicates);
 * `detects`, the provider answers "already have it", which the adapter classifies as delivered;
 * `confirm`, ask the provider first with `confirmation`; `none`, resend and flag a possible duplicate.
 */
export type DuplicateGuard = 'idempotent' | 'detects' | 'confirm' | 'none';

/** Secret values by the provider's own secret name (e.g. `key`), resolved from the Worker's env. */
export type ProviderSecrets = Readonly<Record<string, string>>;

/** The outcome of an operator action (an integration check, an update, a cancel). */
export type OperationResult = { ok: true; status: number; body: unknown } | { ok: false; status?: number; reason: string };

/** An operator action a provider documents besides creating a lead. */
export interface ProviderOperation {
  /** One line for the operator page. */
  description: string;
  /** Builds the request from operator input, validated here; or says which input is wrong. */
  buildRequest(input: unknown, secrets: ProviderSecrets, now: Date): Promise<{ ok: true; request: ProviderRequest } | { ok: false; fields: FieldErrors }>;
  classifyResponse(status: number, bodyText: string): OperationResult;
}

/** One provider configured for one form: pure request building and response classification. */
export interface ProviderAdapter {
  /** Most leads one request may carry: 1 unless the provider's API takes a list. */
  maxBatchSize: number;
  /** Why this lead cannot go to this provider, per form field; undefined when it can. Pure. */
  checkLead(lead: ProviderLead): FieldErrors | undefined;
  /** The signed request for leads that passed checkLead; no I/O besides WebCrypto. */
  buildRequest(leads: readonly ProviderLead[], secrets: ProviderSecrets, now: Date): Promise<ProviderRequest>;
  /** One result per lead, in the order of `leads`. */
  classifyResponse(status: number, bodyText: string, leads: readonly ProviderLead[], context?: AnswerContext): DeliveryResult[];
  duplicateGuard: DuplicateGuard;
  /** With duplicateGuard `confirm`: the check to run before resending after an unknown outcome. */
  confirmation?: {
    buildRequest(lead: ProviderLead, secrets: ProviderSecrets, now: Date): Promise<ProviderRequest>;
    classify(status: number, bodyText: string, lead: ProviderLead): Confirmation;
  };
  /** Operator actions by name, e.g. Anarock's `last-lead-data` check. */
  operations: Readonly<Record<string, ProviderOperation>>;
}

/** Where a provider's own auth scheme puts a secret verbatim; any secret not listed never appears in a request. */
export interface SecretPlacement {
  url?: readonly string[];
  headers?: readonly string[];
}

/** A provider as registered in `edge/providers/index.ts`: its options schema, secrets and factory. */
export interface ProviderDefinition<Options> {
  /** Names of the secrets a form must provide, e.g. `['key']`. */
  secretNames: readonly string[];
  secretsSentAsIs: SecretPlacement;
  optionsSchema: v.GenericSchema<unknown, Options>;
  create(options: Options): ProviderAdapter;
  /** What the request's signature is computed from, for the operator console (no values). */
  signatureInputs: string;
  /**
   * The provider's own way to try a form without creating a real lead (a test mode, a staging or
   * QA environment): the options to use and what it is called. Undefined when it has none.
   */
  testVariant(options: Options): { options: Options; path: string } | undefined;
}
