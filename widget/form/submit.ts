import { leadEndpointPath, type ApiErrorBody, type LeadAccepted } from '../../shared/api.ts';
import type { LeadSubmissionInput } from '../../shared/lead.ts';
import { MAX_RETRY_AFTER_MS, POST_TIMEOUT_MS, RETRY_DELAYS_MS } from '../constants.ts';

/**
 * The edge never took the lead: it refused it for good (a 4xx: the site's setup, see `code`), or
 * it could not be reached (`status` undefined: offline, DNS, a timeout) or answered 5xx or 429.
 */
export interface SubmitFailure {
  kind: 'failed';
  message: string;
  status?: number | undefined;
  /** The edge's `error.code`, e.g. `forbidden_origin`. */
  code?: string | undefined;
  /** From a 429's Retry-After. */
  retryAfterMs?: number | undefined;
}

/** How a submission ended, from the visitor's point of view; `message` is for the visitor. */
export type SubmitOutcome =
  /** Taken for delivery (`lead.status` pending or delivered). */
  | { kind: 'accepted'; lead: LeadAccepted }
  /** Taken, then refused by the provider (`lead.status` rejected): not a success. */
  | { kind: 'rejected'; lead: LeadAccepted; message: string }
  | { kind: 'invalid'; fields: Record<string, string>; message: string }
  | SubmitFailure
  /** Kept in the visitor's browser, to be sent when the edge can be reached again. */
  | { kind: 'queued'; message: string; status?: number | undefined };

/** Worth trying again later: no answer, a server error, or a rate limit. */
export const isRetryable = (outcome: SubmitOutcome): boolean =>
  outcome.kind === 'failed' && (outcome.status === undefined || outcome.status >= 500 || outcome.status === 429);

/** How long the edge asked to wait before the next try (a 429's Retry-After), if it did. */
export const retryAfterOf = (outcome: SubmitOutcome): number | undefined => (outcome.kind === 'failed' ? outcome.retryAfterMs : undefined);

/** An answer the site owner may have to act on: the edge's `error.code` (or `rejected`) and what the answer said. */
export interface Refusal {
  code: string;
  said: string;
}

/** The refusal in an outcome, if any: the edge refused the lead, or the provider did. */
function refusalOf(outcome: SubmitOutcome): Refusal | undefined {
  if (outcome.kind === 'accepted') return outcome.lead.status === 'rejected' ? { code: 'rejected', said: `lead ${outcome.lead.id}` } : undefined;
  if (outcome.kind === 'invalid') return { code: 'invalid_input', said: JSON.stringify(outcome.fields) };
  if (outcome.kind === 'failed' && outcome.code) return { code: outcome.code, said: `${outcome.status} ${outcome.message}` };
  return undefined;
}

/** Where and how to post. */
export interface PostOptions {
  endpoint: string;
  /** The page's fetch unless a test or host app passes another. */
  fetch?: typeof fetch;
  /** Waits before each retry; network errors, timeouts, 5xx and 429 are retried, other answers are final. */
  retryDelaysMs?: readonly number[];
  /** How long one POST may take before it counts as a network failure. */
  timeoutMs?: number;
  /** `include` sends the Worker's own cookie along (same-site cookie mode); no cookies otherwise. */
  credentials?: RequestCredentials;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function postOnce(url: string, submission: LeadSubmissionInput, options: PostOptions): Promise<SubmitOutcome> {
  try {
    // No content-type: the browser sends text/plain, which the edge reads as JSON, so a
    // cross-origin post needs no preflight round trip. `keepalive` lets a post in flight finish
    // after the visitor leaves; the timeout turns a hanging connection into a retry.
    const response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      body: JSON.stringify(submission),
      credentials: options.credentials ?? 'omit',
      keepalive: true,
      // Browsers before AbortSignal.timeout (Safari 15, Chrome 102) post without one rather than never.
      signal: AbortSignal.timeout?.(options.timeoutMs ?? POST_TIMEOUT_MS),
    });
    const answer = (await response.json().catch(() => undefined)) as (LeadAccepted & ApiErrorBody) | undefined;
    if (response.ok && answer?.id) return { kind: 'accepted', lead: answer };
    if (answer?.error?.fields) return { kind: 'invalid', fields: answer.error.fields, message: answer.error.message };
    const retryAfter = Number(response.headers.get('retry-after'));
    return { kind: 'failed', message: answer?.error?.message ?? `HTTP ${response.status}`, status: response.status, code: answer?.error?.code, retryAfterMs: retryAfter > 0 ? retryAfter * 1000 : undefined };
  } catch (error) {
    return { kind: 'failed', message: String(error) };
  }
}

/**
 * Posts one lead to the edge, retrying network errors, timeouts, 5xx and 429 (after its
 * Retry-After, unless that is longer than a visitor waits) with the same idempotency key, so the
 * edge makes one lead of however many arrive. A key the edge already holds for other details gets
 * a new key, once. Tells the site owner in the console what to fix. Never throws.
 */
export async function postLead(formId: string, submission: LeadSubmissionInput, options: PostOptions): Promise<SubmitOutcome> {
  const url = options.endpoint.replace(/\/+$/, '') + leadEndpointPath(formId);
  let outcome = await postOnce(url, submission, options);
  if (outcome.kind === 'failed' && outcome.code === 'idempotency_conflict') {
    submission.idempotencyKey = crypto.randomUUID();
    outcome = await postOnce(url, submission, options);
  }
  for (const delay of options.retryDelaysMs ?? RETRY_DELAYS_MS) {
    const retryAfterMs = retryAfterOf(outcome);
    if (!isRetryable(outcome) || (retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS) break;
    await wait(retryAfterMs ?? delay);
    outcome = await postOnce(url, submission, options);
  }
  const refusal = refusalOf(outcome);
  // The fixes are text a visitor's page needs only when something is wrong: a chunk of their own for bundlers.
  if (refusal) import('./diagnose.ts').then(({ warnSiteOwner }) => warnSiteOwner(formId, refusal), (error: unknown) => console.error('[leadrelay]', error));
  return outcome;
}
