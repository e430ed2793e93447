// What an alert says: a Standard Webhooks payload (`type`, `timestamp`, `data`) with a top-level
// `text` that Slack and Teams incoming webhooks post as is, and the same text as an email.

export type AlertType = 'lead.delivered' | 'lead.dead' | 'lead.rejected' | 'lead.held' | 'lead.digest' | 'provider.credentials_failed' | 'provider.recovered' | 'form.config_invalid' | 'worker.phone_metadata_unavailable';

export interface AlertPayload {
  type: AlertType;
  timestamp: string;
  text: string;
  data: Record<string, unknown>;
}

/** How each event kind reads in a sentence. */
const WHAT: Record<string, { type: AlertType; verb: string; state: string }> = {
  dead: { type: 'lead.dead', verb: 'is dead (every retry failed)', state: 'dead' },
  rejected: { type: 'lead.rejected', verb: 'was rejected by the provider', state: 'rejected by the provider' },
  review: { type: 'lead.held', verb: 'is held for review', state: 'held for review' },
  held: { type: 'lead.held', verb: 'is held', state: 'held' },
  credentials: { type: 'provider.credentials_failed', verb: 'was refused: the provider does not accept our credentials', state: 'refused for our credentials' },
};
const whatOf = (kind: string) => WHAT[kind] ?? { type: 'lead.dead' as const, verb: kind, state: kind };

const about = (formId: string, provider: string) => `form ${formId} (${provider})`;
const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

export interface WindowFacts {
  kind: string;
  formId: string;
  provider: string;
  reason: string | null;
}

/** The first event of a window: said at once, with what follows it. */
export function firstAlert(facts: WindowFacts, leadId: string, at: number, windowMs: number, lead?: Record<string, unknown>): AlertPayload {
  const what = whatOf(facts.kind);
  const because = facts.reason ? `: ${facts.reason}` : '';
  return {
    type: what.type,
    timestamp: new Date(at).toISOString(),
    text: `LeadRelay: a lead of ${about(facts.formId, facts.provider)} ${what.verb}${because}. Lead ${leadId}. Further ones like it in the next ${minutes(windowMs)} come as one count.`,
    data: { kind: facts.kind, formId: facts.formId, provider: facts.provider, reason: facts.reason, leadIds: [leadId], ...(lead ? { lead } : {}) },
  };
}

/** The rest of a window: one count, however many leads. */
export function digestAlert(facts: WindowFacts, count: number, leadIds: readonly string[], openedAt: number, now: number): AlertPayload {
  const because = facts.reason ? `: ${facts.reason}` : '';
  return {
    type: 'lead.digest',
    timestamp: new Date(now).toISOString(),
    text: `LeadRelay: ${count} more lead(s) of ${about(facts.formId, facts.provider)} ${whatOf(facts.kind).state}${because}, since ${new Date(openedAt).toISOString()}.`,
    data: { kind: facts.kind, formId: facts.formId, provider: facts.provider, reason: facts.reason, count, leadIds, since: openedAt },
  };
}

/** Deliveries of a form that were failing reached the provider again. */
export function recoveryAlert(formId: string, provider: string, leadId: string, since: number, failures: number, at: number): AlertPayload {
  return {
    type: 'provider.recovered',
    timestamp: new Date(at).toISOString(),
    text: `LeadRelay: deliveries to ${provider} for form ${formId} are working again (lead ${leadId} delivered), after ${failures} failure(s) since ${new Date(since).toISOString()}.`,
    data: { formId, provider, leadId, since, failures },
  };
}

/** The Worker cannot read its phone metadata asset (edge/phone-metadata.ts): nothing is taken or sent until it can. */
export function phoneMetadataAlert(path: string, at: number): AlertPayload {
  return {
    type: 'worker.phone_metadata_unavailable',
    timestamp: new Date(at).toISOString(),
    text: `LeadRelay: the Worker cannot read ${path} from its static assets: every lead is answered 503 (the widget keeps it and sends it again) and queued deliveries wait; deploy again with npm run deploy, which builds it`,
    data: { path },
  };
}

/** The forms config (or a secret it names) is wrong: leads of those forms are refused until it is fixed. */
export function configAlert(problems: ReadonlyArray<{ formId?: string | undefined; problem: string }>, at: number): AlertPayload {
  return {
    type: 'form.config_invalid',
    timestamp: new Date(at).toISOString(),
    text: `LeadRelay: the forms config has ${problems.length} problem(s): ${problems.map((item) => item.problem).join('; ')}`,
    data: { problems },
  };
}
