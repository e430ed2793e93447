// The visitor's wait behind a slow provider: POST to answer while the Anarock stand-in takes
// 50 ms, 1 s, 5 s or 12 s to answer (the Worker waits FIRST_ATTEMPT_WAIT_MS for it, then says
// pending), and what D1 says of each lead once the background attempt has finished.
import { startBenchStack, storedStatuses } from './edge-http.ts';
import { benchLead, leadMarker } from './lead-body.ts';
import { summarize, type Summary } from './stats.ts';

/** Provider answer times measured, ms; 12 s is past the provider timeout (10 s). */
export const PROVIDER_DELAYS_MS = [50, 1000, 5000, 12_000] as const;

/** One provider speed: the visitor's answer times and what the answers and D1 said. */
export interface WaitRow {
  providerMs: number;
  answerMs: Summary;
  /** Answers by `status` (delivered, pending) or HTTP status when not 202. */
  answered: Record<string, number>;
  /** The same leads in D1 after the background attempts, by status. */
  stored: Record<string, number>;
}

const count = (values: string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

/** Posts `leadsPerDelay` leads per provider speed (at once, each its own scripted delay) to demo-anarock. */
export async function measureWait(leadsPerDelay: number, run: string): Promise<WaitRow[]> {
  const { stack, cleanUp } = await startBenchStack();
  try {
    const answers: Array<{ providerMs: number; ms: number; said: string; id?: string }> = [];
    const post = (lead: number) =>
      fetch(`${stack.workerUrl}/v1/forms/demo-anarock/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.workerUrl },
        body: JSON.stringify(benchLead(run, lead)),
        signal: AbortSignal.timeout(30_000),
      });
    // Warm-up: the first leads of a fresh stack pay for compiling the Worker and opening D1.
    for (let lead = 0; lead < leadsPerDelay; lead++) await (await post(lead)).arrayBuffer();
    let index = leadsPerDelay;
    for (const providerMs of PROVIDER_DELAYS_MS) {
      const batch = Array.from({ length: leadsPerDelay }, () => index++);
      stack.standIns.script('anarock', batch.map((lead) => ({ delayMs: providerMs, match: leadMarker(run, lead) })));
      await Promise.all(
        batch.map(async (lead) => {
          const started = performance.now();
          const response = await post(lead);
          const body = (await response.json().catch(() => ({}))) as { id?: string; status?: string };
          const said = response.status === 202 ? (body.status ?? '202') : String(response.status);
          answers.push({ providerMs, ms: performance.now() - started, said, ...(body.id ? { id: body.id } : {}) });
        }),
      );
    }
    // The slowest attempt ends at the provider timeout (10 s) after its answer; give it room.
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    const statuses = await storedStatuses(stack.workerUrl);
    return PROVIDER_DELAYS_MS.map((providerMs) => {
      const rows = answers.filter((answer) => answer.providerMs === providerMs);
      return {
        providerMs,
        answerMs: summarize(rows.map((row) => row.ms)),
        answered: count(rows.map((row) => row.said)),
        stored: count(rows.map((row) => (row.id ? (statuses.get(row.id) ?? 'missing') : 'not accepted'))),
      };
    });
  } finally {
    await cleanUp();
  }
}
