// The no-loss check with crashes: leads posted to the real Worker under `wrangler dev` while the
// runtime is killed (SIGKILL to wrangler dev and its workerd) and restarted a few times at random,
// with the stand-ins slow enough that each kill cuts attempts mid-send. Afterwards the cron sweep
// (triggered by hand, as locally it never fires) settles what the kills left, and every accepted
// lead must be delivered exactly once by its stand-in's own count, or have a status that says why.
import { DEMO_ENV_FILE, demoForms, readEnvFile, type LocalStack } from '../scripts/local-stack.ts';
import { PROVIDER_CASES } from '../test/support/provider-cases.ts';
import { demoFormIds, postLeads, startBenchStack, storedLeads, type PostResult } from './edge-http.ts';
import { leadMarker } from './lead-body.ts';

/** How hard the crash phase pushes. */
export interface CrashPlan {
  /** Leads posted at least (posting goes on until the last kill). */
  leads: number;
  concurrency: number;
  kills: number;
  /**
   * Each lead's first request waits at its stand-in a random time up to this: above the
   * first-attempt wait (2.5 s), the visitor has its 202 while the attempt is still out, so a
   * kill cuts accepted leads mid-send.
   */
  maxProviderDelayMs: number;
  /** Longest wait, after the last post, for every accepted lead to settle. */
  settleTimeoutMs: number;
}

/** The crash phase of `npm run bench` (and of `npm run bench:crash`), and of `--quick`. */
export const CRASH_PLANS: Readonly<Record<'full' | 'quick', CrashPlan>> = {
  full: { leads: 300, concurrency: 8, kills: 3, maxProviderDelayMs: 5000, settleTimeoutMs: 200_000 },
  quick: { leads: 60, concurrency: 8, kills: 2, maxProviderDelayMs: 5000, settleTimeoutMs: 200_000 },
};

/** One kill of the runtime. */
export interface Kill {
  /** Since the phase started. */
  atMs: number;
  /** Provider requests the stand-ins were holding when the runtime died. */
  heldAtProviders: number;
  /** Killed until serving again. */
  restartMs: number;
}

/** An accepted lead whose outcome is wrong: delivered but not exactly once at its provider, or at the provider with another status. */
export interface WrongOutcome {
  id: string;
  provider: string;
  status: string;
  created: number;
  possibleDuplicate: boolean;
}

export interface CrashResult {
  posted: number;
  accepted: number;
  /** Answers other than 202, by HTTP status (0: no answer, the runtime was down or died mid-request). */
  refused: Record<string, number>;
  kills: Kill[];
  /** From the first post to the last, ms (posting goes on after the last kill until `leads` are posted). */
  postingMs: number;
  /** From the last post until every accepted lead reached an end, ms. */
  settleMs: number;
  /** Accepted leads by their status in D1. */
  stored: Record<string, number>;
  missing: number;
  deliveredOnce: number;
  /** Accepted leads whose first attempt a kill cut off (an `unknown` attempt recorded at their re-claim). */
  unknownAttempts: number;
  /** Delivered more than once, flagged `possible_duplicate` (the status says why). */
  flaggedDuplicates: number;
  wrong: WrongOutcome[];
  /** Accepted leads still pending or sending when the settle wait ended. */
  unsettled: number;
  ok: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SETTLED = new Set(['delivered', 'rejected', 'dead', 'spam', 'review']);

/** Provider of each demo form. */
function providersByForm(): Map<string, string> {
  return new Map(Object.entries(demoForms() ?? {}).map(([id, form]) => [id, String((form as { provider?: unknown }).provider)]));
}

/** Kills and restarts the runtime `kills` times, each after a random 3–8 s of serving (longer than the first-attempt wait, so some visitors already have their 202). */
async function killer(stack: LocalStack, kills: number, startedAt: number, serving: { up: Promise<void> }): Promise<Kill[]> {
  const done: Kill[] = [];
  for (let kill = 0; kill < kills; kill++) {
    await sleep(3_000 + Math.random() * 5_000);
    const heldAtProviders = Object.values(stack.standIns.held()).reduce((sum, n) => sum + n, 0);
    const killedAt = performance.now();
    let markUp = () => {};
    serving.up = new Promise((resolve) => (markUp = resolve));
    await stack.crash();
    await stack.restart();
    markUp();
    done.push({ atMs: killedAt - startedAt, heldAtProviders, restartMs: performance.now() - killedAt });
  }
  return done;
}

/** Runs the crash phase on a stack of its own. */
export async function runCrashPhase(plan: CrashPlan, run: string): Promise<CrashResult> {
  const { stack, cleanUp } = await startBenchStack();
  try {
    const forms = demoFormIds();
    const providerOf = providersByForm();
    const startedAt = performance.now();
    const serving = { up: Promise.resolve() };
    let killing = true;
    const kills = killer(stack, plan.kills, startedAt, serving).finally(() => (killing = false));
    const results: PostResult[] = [];
    const chunk = plan.concurrency * 4;
    while (killing || results.length < plan.leads) {
      await serving.up; // posts while the runtime is down would only count refusals
      const from = results.length;
      for (let index = from; index < from + chunk; index++) {
        const provider = providerOf.get(forms[index % forms.length] as string) ?? '';
        stack.standIns.script(provider, [{ delayMs: Math.round(Math.random() * plan.maxProviderDelayMs), match: leadMarker(run, index) }]);
      }
      results.push(...(await postLeads(stack.workerUrl, forms, run, from, chunk, plan.concurrency)).results);
    }
    const killed = await kills;
    const postedAt = performance.now();
    const accepted = results.filter((result) => result.httpStatus === 202 && result.id);

    // Leases (60 s) of attempts the kills cut off run out; the sweep re-queues those leads.
    let leads = await storedLeads(stack.workerUrl);
    while (performance.now() - postedAt < plan.settleTimeoutMs && !accepted.every((result) => SETTLED.has(leads.get(result.id ?? '')?.status ?? ''))) {
      await fetch(`${stack.workerUrl}/cdn-cgi/local/scheduled?cron=*/5+*+*+*+*`);
      await sleep(5_000);
      leads = await storedLeads(stack.workerUrl);
    }
    const settleMs = performance.now() - postedAt;
    return { ...judge(stack, run, accepted, leads, providerOf, results), kills: killed, postingMs: postedAt - startedAt, settleMs, unknownAttempts: await unknownAttempts(stack.workerUrl, accepted) };
  } finally {
    await cleanUp();
  }
}

/** What each accepted lead's stand-in created, against its status in D1. */
function judge(stack: LocalStack, run: string, accepted: PostResult[], leads: Map<string, { status: string; possibleDuplicate: boolean }>, providerOf: Map<string, string>, results: PostResult[]) {
  const refused: Record<string, number> = {};
  for (const result of results) if (result.httpStatus !== 202) refused[String(result.httpStatus)] = (refused[String(result.httpStatus)] ?? 0) + 1;
  const stored: Record<string, number> = {};
  const wrong: WrongOutcome[] = [];
  let missing = 0;
  let deliveredOnce = 0;
  let flaggedDuplicates = 0;
  let unsettled = 0;
  for (const result of accepted) {
    const id = result.id ?? '';
    const lead = leads.get(id);
    if (!lead) {
      missing++;
      continue;
    }
    stored[lead.status] = (stored[lead.status] ?? 0) + 1;
    if (!SETTLED.has(lead.status)) unsettled++;
    const provider = providerOf.get(result.formId) ?? '';
    const mark = leadMarker(run, result.index);
    const records = stack.standIns.requests(provider).filter((record) => `${record.url}\n${record.body}`.includes(mark));
    const created = PROVIDER_CASES.find((item) => item.provider === provider)?.created(records, mark) ?? 0;
    if (lead.status === 'delivered' && created === 1) deliveredOnce++;
    else if (lead.status === 'delivered' && created > 1 && lead.possibleDuplicate) flaggedDuplicates++;
    else if (lead.status === 'delivered' || created > 0) wrong.push({ id, provider, status: lead.status, created, possibleDuplicate: lead.possibleDuplicate });
  }
  return { posted: results.length, accepted: accepted.length, refused, stored, missing, deliveredOnce, flaggedDuplicates, wrong, unsettled, ok: missing === 0 && unsettled === 0 && wrong.length === 0 };
}

/** How many accepted leads had an attempt recorded as `unknown` (cut off by a kill), read through the admin API. */
async function unknownAttempts(workerUrl: string, accepted: PostResult[]): Promise<number> {
  const token = readEnvFile(DEMO_ENV_FILE)['ADMIN_TOKEN'] ?? '';
  let count = 0;
  for (const result of accepted) {
    const response = await fetch(`${workerUrl}/v1/admin/leads/${result.id}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { attempts?: Array<{ result: string }> };
    if (body.attempts?.some((attempt) => attempt.result === 'unknown')) count++;
  }
  return count;
}
