import type { LeadStatus } from '../../shared/api.ts';
import type { FormConfig, FormsConfig } from '../config/forms.ts';
import { LEASE_MS, PROVIDER_TIMEOUT_MS } from '../constants.ts';
import { log } from '../log.ts';
import type { DeliveryResult, ProviderAdapter, ProviderSecrets } from '../providers/types.ts';
import { claimLeads, recordAttempts, type AttemptRecord, type ClaimedLead, type NextState } from '../store/leads.ts';
import { deliverLeads, sendRequest, type Fetcher } from './deliver.ts';
import { delayAfter, MAX_QUEUE_DELAY_SECONDS } from './schedule.ts';

/** A lead to try, as queue messages and sweeps name it. */
export interface DueLead {
  leadId: string;
  formId: string;
}

/** What delivery needs from the outside world, passed in so tests control every part of it. */
export interface PipelineDeps {
  db: D1Database;
  forms: FormsConfig;
  /** The form's secret values, or why they cannot be had (a secret that is not set). */
  secretsOf(form: FormConfig): ProviderSecrets | string;
  send: Fetcher;
  now(): number;
  schedule: readonly number[];
  /** Hands a lead to the queue, to be tried after `delaySeconds`. */
  enqueue(lead: DueLead, delaySeconds: number): Promise<void>;
  /** Tells the dead-letter queue a lead was given up on. */
  deadLetter(lead: DueLead, reason: string): Promise<void>;
  newClaim(): string;
  timeoutMs?: number;
}

type Outcome = AttemptRecord['result'];

/** Decides where a lead goes after an attempt: terminal, the next slot of the schedule, or dead. */
function nextState(claimed: ClaimedLead, result: Outcome, schedule: readonly number[], now: number, possibleDuplicate: boolean): NextState {
  if (result.kind === 'delivered' || result.kind === 'confirmed') return { status: 'delivered', possibleDuplicate: possibleDuplicate || ('possibleDuplicate' in result && result.possibleDuplicate === true) };
  if (result.kind === 'rejected' || result.kind === 'duplicate') return { status: result.kind, possibleDuplicate };
  const delay = delayAfter(claimed.attempts + 1, schedule);
  // A held lead is fine; its form's secret is not. It never dies: past the schedule it is tried daily.
  if (result.kind === 'held') return { status: 'held', nextAttemptAt: now + (delay ?? MAX_QUEUE_DELAY_SECONDS) * 1000, possibleDuplicate };
  return delay === undefined ? { status: 'dead', possibleDuplicate } : { status: 'pending', nextAttemptAt: now + delay * 1000, possibleDuplicate };
}

/**
 * After an unknown outcome, asks the provider (when it offers a check) whether the lead arrived.
 * Returns the leads to send again, with whether each resend could make a duplicate.
 */
async function settleUnknown(adapter: ProviderAdapter, claimed: ClaimedLead, secrets: ProviderSecrets, deps: PipelineDeps): Promise<Outcome | { resend: true; possibleDuplicate: boolean }> {
  if (!claimed.outcomeUnknown || adapter.duplicateGuard === 'idempotent' || adapter.duplicateGuard === 'detects') return { resend: true, possibleDuplicate: false };
  if (adapter.duplicateGuard === 'none' || !adapter.confirmation) return { resend: true, possibleDuplicate: true };
  const answer = await sendRequest(await adapter.confirmation.buildRequest(claimed.lead, secrets, new Date(deps.now())), deps.send, deps.timeoutMs ?? PROVIDER_TIMEOUT_MS);
  const verdict = answer.ok ? adapter.confirmation.classify(answer.status, answer.bodyText, claimed.lead) : { kind: 'unknown' as const, reason: answer.reason };
  if (verdict.kind === 'delivered') return { kind: 'confirmed', ...(verdict.providerId ? { providerId: verdict.providerId } : {}) };
  return { resend: true, possibleDuplicate: verdict.kind === 'unknown' };
}

/** One attempt for every claimed lead of one form; returns what to record. */
async function attemptForm(form: FormConfig | undefined, claimed: ClaimedLead[], deps: PipelineDeps): Promise<AttemptRecord[]> {
  const startedAt = deps.now();
  const finish = (lead: ClaimedLead, result: Outcome, possibleDuplicate = false): AttemptRecord => ({
    claimed: lead,
    startedAt,
    durationMs: deps.now() - startedAt,
    result,
    next: nextState(lead, result, deps.schedule, deps.now(), possibleDuplicate),
  });
  // A form removed or broken since the lead was accepted: held, and tried again until an operator fixes the config.
  const secrets = form ? deps.secretsOf(form) : `form ${claimed[0]?.formId ?? ''} is not configured any more`;
  if (!form || typeof secrets === 'string') return claimed.map((lead) => finish(lead, { kind: 'held', reason: `[edge] ${String(secrets)}` }));

  const records: AttemptRecord[] = [];
  const resend: { lead: ClaimedLead; possibleDuplicate: boolean }[] = [];
  for (const lead of claimed) {
    const settled = await settleUnknown(form.adapter, lead, secrets, deps);
    if ('resend' in settled) resend.push({ lead, possibleDuplicate: settled.possibleDuplicate });
    else records.push(finish(lead, settled));
  }
  // Leads after an unknown outcome are sent apart: their answers read differently (a duplicate can be ours).
  for (const afterUnknownOutcome of [false, true]) {
    const group = resend.filter((item) => item.lead.outcomeUnknown === afterUnknownOutcome);
    if (group.length === 0) continue;
    const results = await deliverLeads(form.adapter, group.map((item) => item.lead.lead), secrets, deps.send, new Date(deps.now()), deps.timeoutMs ?? PROVIDER_TIMEOUT_MS, { afterUnknownOutcome });
    group.forEach((item, index) => records.push(finish(item.lead, results[index] as DeliveryResult, item.possibleDuplicate)));
  }
  // Provider answers were redacted by deliverLeads; the other reasons here never hold a secret value.
  return records;
}

/** What a finished attempt leads to outside the database: the next queue message, or a dead letter. */
async function scheduleNext(record: AttemptRecord, deps: PipelineDeps): Promise<void> {
  const due = { leadId: record.claimed.lead.id, formId: record.claimed.formId };
  if (record.next.status === 'pending' || record.next.status === 'held') await deps.enqueue(due, Math.ceil(((record.next.nextAttemptAt ?? 0) - deps.now()) / 1000));
  if (record.next.status === 'dead') await deps.deadLetter(due, 'reason' in record.result ? record.result.reason : 'no attempt left');
}

/**
 * Delivers the leads that are due: claims them (a lead another attempt holds is skipped), sends
 * each form's leads in the provider's batch sizes, records every attempt, and schedules retries
 * or dead letters. Returns the status each claimed lead ended in.
 */
export async function deliverDue(deps: PipelineDeps, due: readonly DueLead[]): Promise<Map<string, LeadStatus>> {
  const statuses = new Map<string, LeadStatus>();
  const byForm = new Map<string, string[]>();
  for (const { leadId, formId } of due) byForm.set(formId, [...new Set([...(byForm.get(formId) ?? []), leadId])]);
  for (const [formId, ids] of byForm) {
    const claimed = await claimLeads(deps.db, ids, deps.now(), LEASE_MS, deps.newClaim());
    if (claimed.length === 0) continue;
    const records = await attemptForm(deps.forms.forms.get(formId), claimed, deps);
    await recordAttempts(deps.db, records, deps.now());
    for (const record of records) {
      statuses.set(record.claimed.lead.id, record.next.status);
      await scheduleNext(record, deps);
      const { result } = record;
      log({
        event: 'lead.attempt',
        leadId: record.claimed.lead.id,
        formId,
        attempt: record.claimed.attempts + 1,
        result: result.kind === 'retry' && result.outcomeUnknown ? 'unknown' : result.kind,
        next: record.next.status,
        ...('status' in result && result.status !== undefined ? { httpStatus: result.status } : {}),
        ...('reason' in result ? { reason: result.reason } : {}),
        ...(record.next.possibleDuplicate ? { possibleDuplicate: true } : {}),
      });
    }
  }
  return statuses;
}
