import { leadEndpointPath, type ApiErrorBody, type LeadAccepted } from '../../shared/api.ts';
import type { LeadSubmissionInput } from '../../shared/lead.ts';
import { MAX_RETRY_AFTER_MS, RETRY_DELAYS_MS } from '../constants.ts';

/** No answer (`status` undefined), or an answer that refused the lead. */
export interface SubmitFailure {
  kind: 'failed';
  message: string;
  status?: number | undefined;
  /** From a 429's Retry-After. */
  retryAfterMs?: number | undefined;
}

/** How a submission ended, from the visitor's point of view. */
export type SubmitOutcome =
  | { kind: 'accepted'; lead: LeadAccepted }
  | { kind: 'invalid'; fields: Record<string, string>; message: string }
  | SubmitFailure
  /** Kept in the visitor's browser, to be sent when the edge can be reached again. */
  | { kind: 'queued'; message: string };

/** Worth trying again later: no answer, a server error, or a rate limit. */
export const isRetryable = (outcome: SubmitOutcome): outcome is SubmitFailure =>
  outcome.kind === 'failed' && (outcome.status === undefined || outcome.status >= 500 || outcome.status === 429);

/** Where and how to post. */
export interface PostOptions {
  endpoint: string;
  /** The page's fetch unless a test or host app passes another. */
  fetch?: typeof fetch;
  /** Waits before each retry; network errors and 5xx are retried, other answers are final. */
  retryDelaysMs?: readonly number[];
  /** `include` sends the Worker's own cookie along (same-site cookie mode); no cookies otherwise. */
  credentials?: RequestCredentials;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function postOnce(send: typeof fetch, url: string, body: string, credentials: RequestCredentials): Promise<SubmitOutcome> {
  try {
    const response = await send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, credentials, keepalive: true });
    const answer = (await response.json().catch(() => undefined)) as (LeadAccepted & ApiErrorBody) | undefined;
    if (response.ok && answer?.id) return { kind: 'accepted', lead: answer };
    if (answer?.error?.fields) return { kind: 'invalid', fields: answer.error.fields, message: answer.error.message };
    const retryAfter = Number(response.headers.get('retry-after'));
    return { kind: 'failed', message: answer?.error?.message ?? `HTTP ${response.status}`, status: response.status, retryAfterMs: retryAfter > 0 ? retryAfter * 1000 : undefined };
  } catch (error) {
    return { kind: 'failed', message: String(error) };
  }
}

/**
 * Posts one lead to the edge, retrying network errors, 5xx and 429 (after its Retry-After) with
 * the same idempotency key, so the edge makes one lead of however many arrive. Never throws.
 */
export async function postLead(formId: string, submission: LeadSubmissionInput, options: PostOptions): Promise<SubmitOutcome> {
  const url = options.endpoint.replace(/\/+$/, '') + leadEndpointPath(formId);
  const body = JSON.stringify(submission);
  const send = options.fetch ?? fetch;
  const credentials = options.credentials ?? 'omit';
  let outcome = await postOnce(send, url, body, credentials);
  for (const delay of options.retryDelaysMs ?? RETRY_DELAYS_MS) {
    if (!isRetryable(outcome)) break;
    await wait(Math.min(outcome.retryAfterMs ?? delay, MAX_RETRY_AFTER_MS));
    outcome = await postOnce(send, url, body, credentials);
  }
  return outcome;
}
