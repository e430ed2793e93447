import type { AnswerContext, DeliveryResult, DuplicateGuard, ProviderAdapter, ProviderLead, ProviderOperation, ProviderRequest, ProviderSecrets } from './types.ts';
import type { LeadMapper } from './mapped.ts';

/** The parts of an adapter for a provider that takes one lead per request. */
export interface SingleLeadParts {
  /** Maps each lead once (edge/providers/mapped.ts). */
  mapper: Pick<LeadMapper<unknown>, 'mapLead' | 'checkLead'>;
  readsFields: ReadonlySet<string>;
  carriesField(formField: string): boolean;
  buildLeadRequest(lead: ProviderLead, secrets: ProviderSecrets, now: Date): Promise<ProviderRequest>;
  classifyLeadResponse(status: number, bodyText: string, lead: ProviderLead, context?: AnswerContext): DeliveryResult;
  duplicateGuard: DuplicateGuard;
  confirmation?: ProviderAdapter['confirmation'];
  operations?: Readonly<Record<string, ProviderOperation>>;
}

/** Wraps a one-lead-per-request provider in the batch-shaped adapter interface. */
export function oneLeadPerRequest(parts: SingleLeadParts): ProviderAdapter {
  return {
    maxBatchSize: 1,
    checkLead: parts.mapper.checkLead,
    mapLead: parts.mapper.mapLead,
    readsFields: parts.readsFields,
    carriesField: parts.carriesField,
    requiredFields: [],
    buildRequest: (leads, secrets, now) => {
      const [lead] = leads;
      if (!lead || leads.length > 1) throw new Error(`[edge] provider takes exactly one lead per request, got ${leads.length}`);
      return parts.buildLeadRequest(lead, secrets, now);
    },
    classifyResponse: (status, bodyText, leads, context) => leads.map((lead) => parts.classifyLeadResponse(status, bodyText, lead, context)),
    duplicateGuard: parts.duplicateGuard,
    ...(parts.confirmation ? { confirmation: parts.confirmation } : {}),
    operations: parts.operations ?? {},
  };
}
