import { PROVIDER_TIMEOUT_MS } from '../constants.ts';
import { redactAnswer } from '../redact.ts';
import type { AnswerContext, DeliveryResult, ProviderAdapter, ProviderLead, ProviderRequest, ProviderSecrets } from '../providers/types.ts';

/** The network, passed in so tests and benchmarks can count or replace it. */
export type Fetcher = (request: Request) => Promise<Response>;

/** Sends one described request with a timeout; the answer's status and body, or why there is none. */
export async function sendRequest(
  request: ProviderRequest,
  send: Fetcher,
  timeoutMs = PROVIDER_TIMEOUT_MS,
): Promise<{ ok: true; status: number; bodyText: string } | { ok: false; reason: string }> {
  const { method, url, headers, body } = request;
  try {
    const response = await send(new Request(url, { method, headers, ...(body === undefined ? {} : { body }), signal: AbortSignal.timeout(timeoutMs) }));
    return { ok: true, status: response.status, bodyText: await response.text() };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { ok: false, reason: timedOut ? `no answer within ${timeoutMs} ms` : `network error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

// A provider that echoes a key or the lead must get neither into our records (edge/redact.ts).
const redactResult = (result: DeliveryResult, secrets: ProviderSecrets, leads: readonly ProviderLead[]): DeliveryResult => {
  if (result.kind !== 'delivered') return { ...result, reason: redactAnswer(result.reason, secrets, leads) };
  return result.note === undefined ? result : { ...result, note: redactAnswer(result.note, secrets, leads) };
};

async function deliverBatch(adapter: ProviderAdapter, leads: readonly ProviderLead[], secrets: ProviderSecrets, send: Fetcher, now: Date, timeoutMs: number, context: AnswerContext): Promise<DeliveryResult[]> {
  const answer = await sendRequest(await adapter.buildRequest(leads, secrets, now), send, timeoutMs);
  // No answer, or a 2xx we could not read: the provider may have stored the lead.
  if (!answer.ok) return leads.map(() => ({ kind: 'retry', reason: redactAnswer(answer.reason, secrets, leads), outcomeUnknown: true }));
  const results = adapter.classifyResponse(answer.status, answer.bodyText, leads, context);
  // A refusal of the whole batch that names no lead: halve it until each refusal has its own lead,
  // so one bad lead never costs its batch-mates.
  if (leads.length > 1 && results.length === leads.length && results.every((result) => result.kind === 'rejected' && result.wholeBatch)) {
    const half = Math.ceil(leads.length / 2);
    const first = await deliverBatch(adapter, leads.slice(0, half), secrets, send, now, timeoutMs, context);
    return [...first, ...(await deliverBatch(adapter, leads.slice(half), secrets, send, now, timeoutMs, context))];
  }
  return leads.map((_, index) => {
    const result = results[index] ?? { kind: 'retry', status: answer.status, reason: 'the answer said nothing about this lead' };
    return redactResult(result.kind === 'retry' && answer.status >= 200 && answer.status < 300 ? { ...result, outcomeUnknown: true } : result, secrets, leads);
  });
}

/**
 * One delivery attempt for each lead, in requests of at most the provider's batch size: build
 * and sign, send with a timeout, classify. Returns one result per lead, in order. Network
 * failures and timeouts are values (`retry`), never exceptions.
 */
export async function deliverLeads(
  adapter: ProviderAdapter,
  leads: readonly ProviderLead[],
  secrets: ProviderSecrets,
  send: Fetcher,
  now: Date,
  timeoutMs = PROVIDER_TIMEOUT_MS,
  context: AnswerContext = { afterUnknownOutcome: false },
): Promise<DeliveryResult[]> {
  const results = new Map<ProviderLead, DeliveryResult>();
  const sendable: ProviderLead[] = [];
  for (const lead of leads) {
    // The form's mapping may have changed since the lead was accepted.
    const errors = adapter.checkLead(lead);
    if (errors) results.set(lead, { kind: 'rejected', status: 0, reason: `lead no longer fits this form's provider mapping: ${JSON.stringify(errors)}` });
    else sendable.push(lead);
  }
  for (let start = 0; start < sendable.length; start += adapter.maxBatchSize) {
    const batch = sendable.slice(start, start + adapter.maxBatchSize);
    const batchResults = await deliverBatch(adapter, batch, secrets, send, now, timeoutMs, context);
    batch.forEach((lead, index) => results.set(lead, batchResults[index] as DeliveryResult));
  }
  return leads.map((lead) => results.get(lead) as DeliveryResult);
}
