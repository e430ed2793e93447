// One lead: its state (with when a pending lead is next tried), its submission and attempts, and
// Replay. After a replay the lead is read again, so it never shows the status it had before.
import { REPLAYABLE_STATUSES } from '../shared/statuses.ts';
import { SWEEP_GRACE_MS } from '../edge/constants.ts';
import { api } from './api.ts';
import { byId, element, fillTable, relative, statusLabel, time } from './dom.ts';
import type { AttemptView, LeadView } from './types.ts';

// The cron sweep re-queues a pending lead whose queue message was lost every 5 minutes.
const SWEEP_NOTE = 'overdue: its queue message will be re-sent by the cron sweep (every 5 minutes)';

/** A pending lead due for at most this long is simply being picked up (the sweep waits as long). */
const PICKUP_MS = SWEEP_GRACE_MS;

let shownId: string | undefined;
let afterReplay: () => Promise<void> = async () => undefined;

/** What the page refreshes once a replay was queued (counts, the list). */
export function onReplay(refresh: () => Promise<void>): void {
  afterReplay = refresh;
}

/** When a pending lead is next tried, and how late it is if that time has passed. */
export function nextTry(lead: Pick<LeadView, 'status' | 'nextAttemptAt'>, now = Date.now()): string {
  if (lead.status !== 'pending') return '';
  if (lead.nextAttemptAt > now) return `next try ${time(lead.nextAttemptAt)} (${relative(lead.nextAttemptAt, now)})`;
  if (now - lead.nextAttemptAt <= PICKUP_MS) return 'due now: waiting for the queue';
  return `due since ${time(lead.nextAttemptAt)} (${relative(lead.nextAttemptAt, now)}): ${SWEEP_NOTE}`;
}

/** "3 attempts (1 since the last replay)": the count matches the attempts listed below it. */
function attemptCount(lead: LeadView, listed: number): string {
  const since = lead.attempts !== listed ? ` (${lead.attempts} since the last replay)` : '';
  return `${listed} attempt${listed === 1 ? '' : 's'}${since}`;
}

function summaryParts(lead: LeadView, listed: number): Array<string | Node> {
  const parts: Array<string | Node> = [lead.formId, statusLabel(lead.status), attemptCount(lead, listed)];
  const next = nextTry(lead);
  if (next) parts.push(element('span', next, next.includes(SWEEP_NOTE) ? 'overdue' : ''));
  if (lead.providerLeadId) parts.push(`provider id ${lead.providerLeadId}`);
  if (lead.possibleDuplicate) parts.push('possible duplicate at the provider');
  if (lead.lastError) parts.push(`last error: ${lead.lastError}`);
  if (lead.note) parts.push(lead.note);
  return parts.flatMap((part, index) => (index ? [' · ', part] : [part]));
}

/** Shows one lead; a message left from another lead's replay is cleared. */
export async function showLead(id: string): Promise<void> {
  const { lead, attempts } = await api<{ lead: LeadView; attempts: AttemptView[] }>(`/leads/${encodeURIComponent(id)}`);
  const result = byId('replay-result');
  if (shownId !== id) result.textContent = '';
  shownId = id;
  byId('lead').hidden = false;
  byId('lead-id').textContent = lead.id;
  byId('lead-summary').replaceChildren(...summaryParts(lead, attempts.length));
  byId('lead-not-forwarded').textContent = lead.notForwarded.length > 0 ? `Not forwarded to the provider: ${lead.notForwarded.join(', ')}` : '';
  byId('lead-submission').textContent = JSON.stringify(lead.submission, null, 2);
  fillTable(byId('attempts'), ['when', 'ms', 'HTTP', 'result', 'reason'], attempts.map((attempt) => [time(attempt.startedAt), attempt.durationMs, attempt.httpStatus, statusLabel(attempt.result), attempt.reason]));
  const replay = byId<HTMLButtonElement>('replay');
  replay.hidden = !(REPLAYABLE_STATUSES as readonly string[]).includes(lead.status) || lead.erasedAt !== null;
  replay.onclick = () => void replayLead(lead.id);
}

async function replayLead(id: string): Promise<void> {
  const replay = byId<HTMLButtonElement>('replay');
  const result = byId('replay-result');
  replay.disabled = true;
  try {
    await api(`/leads/${encodeURIComponent(id)}/replay`, { method: 'POST' });
    await Promise.all([showLead(id), afterReplay()]);
    if (shownId === id) result.textContent = 'Queued for delivery.';
  } catch (error) {
    if (shownId === id) result.textContent = (error as Error).message;
  } finally {
    replay.disabled = false;
  }
}
