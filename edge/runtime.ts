import { parseForms, describeProblem, type FormsConfig } from './config/forms.ts';
import { resolveSecrets } from './config/secrets.ts';
import { DEFAULT_FIRST_ATTEMPT_WAIT_MS } from './constants.ts';
import { MAX_QUEUE_DELAY_SECONDS, parseSchedule } from './delivery/schedule.ts';
import type { DueLead, PipelineDeps } from './delivery/pipeline.ts';
import { log } from './log.ts';
import { sendRequest, type Fetcher } from './delivery/deliver.ts';
import type { TurnstileCheck } from './guard/spam.ts';
import { readSiteverify, siteverifyRequest, TURNSTILE_VERIFY_URL } from './guard/turnstile.ts';

/** A message on the dead-letter queue: a lead given up on, and why. */
export interface DeadLetter extends DueLead {
  reason: string;
}

// FORMS only changes with a deploy, so each isolate parses it once per distinct value.
let parsedFor: unknown;
let parsed: FormsConfig | undefined;

/** The forms config of this deployment, parsed once; every problem is logged once. */
export function formsOf(env: Env): FormsConfig {
  if (!parsed || parsedFor !== env.FORMS) {
    parsedFor = env.FORMS;
    parsed = parseForms(env.FORMS);
    for (const problem of parsed.problems) log({ event: 'config.invalid', formId: problem.formId, error: describeProblem(problem) });
  }
  return parsed;
}

/** The Worker's env seen as a plain record, for secrets named by configuration. */
export const envRecord = (env: Env): Readonly<Record<string, unknown>> => env as unknown as Record<string, unknown>;

// Nothing in the deps is per request (the clock and the network are read when called), so each
// isolate builds them once for its env, again only when FORMS or RETRY_SCHEDULE reads differently.
const built = new WeakMap<Env, { retrySchedule: unknown; deps: PipelineDeps }>();

/** Delivery wired to this Worker's bindings: D1, the queues, the network, the clock. */
export function pipelineDeps(env: Env): PipelineDeps {
  const forms = formsOf(env);
  const known = built.get(env);
  if (known && known.deps.forms === forms && known.retrySchedule === env.RETRY_SCHEDULE) return known.deps;
  const deps = wireDeps(env, forms);
  built.set(env, { retrySchedule: env.RETRY_SCHEDULE, deps });
  return deps;
}

function wireDeps(env: Env, forms: FormsConfig): PipelineDeps {
  return {
    db: env.DB,
    forms,
    secretsOf(form) {
      const secrets = resolveSecrets(form, envRecord(env));
      return secrets.ok ? secrets.secrets : secrets.missing;
    },
    send: (request) => fetch(request),
    now: () => Date.now(),
    schedule: parseSchedule(typeof env.RETRY_SCHEDULE === 'string' ? env.RETRY_SCHEDULE : undefined),
    enqueue: async (lead, delaySeconds) => {
      await env.LEADS_QUEUE.send(lead, { delaySeconds: Math.min(Math.max(delaySeconds, 0), MAX_QUEUE_DELAY_SECONDS) });
    },
    deadLetter: async (lead, reason) => {
      await env.DEAD_LETTERS.send({ ...lead, reason } satisfies DeadLetter);
    },
    newClaim: () => crypto.randomUUID(),
  };
}

/** Turnstile's siteverify through the network (TURNSTILE_VERIFY_URL points tests at a stand-in). */
export function turnstileChecker(env: Env, send: Fetcher, remoteIp: string | null): TurnstileCheck {
  const configured = envRecord(env)['TURNSTILE_VERIFY_URL'];
  const url = typeof configured === 'string' && configured ? configured : TURNSTILE_VERIFY_URL;
  return async (token, secret) => {
    const answer = await sendRequest(siteverifyRequest(url, secret, token, remoteIp), send, 5_000);
    return answer.ok ? readSiteverify(answer.status, answer.bodyText) : { ok: false, reason: `Turnstile could not be reached: ${answer.reason}` };
  };
}

/** FIRST_ATTEMPT_WAIT_MS as a number of milliseconds (0 answers at once), else the default. */
export function firstAttemptWaitMs(env: Env): number {
  const configured = envRecord(env)['FIRST_ATTEMPT_WAIT_MS'];
  const ms = typeof configured === 'string' && configured.trim() !== '' ? Number(configured) : Number.NaN;
  return Number.isFinite(ms) && ms >= 0 ? ms : DEFAULT_FIRST_ATTEMPT_WAIT_MS;
}
