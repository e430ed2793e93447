import { env } from 'cloudflare:workers';
import { deliverDue, type DueLead, type PipelineDeps } from '../../../edge/delivery/pipeline.ts';
import { acceptLead } from '../../../edge/leads/accept.ts';
import { envRecord, pipelineDeps, turnstileChecker } from '../../../edge/runtime.ts';

/** The real pipeline (D1, forms, secrets, network to the stand-ins) with a queue and dead letters a test can see. */
export function deliveryHarness(schedule: readonly number[], timeoutMs = 2_000) {
  const queue: Array<{ lead: DueLead; at: number }> = [];
  const deadLetters: Array<{ lead: DueLead; reason: string }> = [];
  const deps: PipelineDeps = {
    ...pipelineDeps(env),
    schedule,
    timeoutMs,
    enqueue: async (lead, delaySeconds) => {
      queue.push({ lead, at: Date.now() + delaySeconds * 1000 });
    },
    deadLetter: async (lead, reason) => {
      deadLetters.push({ lead, reason });
    },
  };
  return {
    deps,
    queue,
    deadLetters,
    /** Accepts a lead as the Worker does, first attempt included; returns the visitor's answer. */
    async accept(formId: string, body: unknown): Promise<{ id: string; status: string }> {
      const form = deps.forms.forms.get(formId);
      if (!form) throw new Error(`no test form ${formId}`);
      const request = new Request(`https://leads.example.net/v1/forms/${formId}/leads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const response = await acceptLead(request, form, {
        deps,
        newId: () => crypto.randomUUID(),
        waitUntil: () => undefined,
        env: envRecord(env),
        checkTurnstile: turnstileChecker(env, deps.send, null),
        firstAttemptWaitMs: 3_600_000, // these tests read the first attempt's outcome, however slow it is
      });
      if (response.status !== 202) throw new Error(`not accepted: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string; status: string };
    },
    /** Runs queued attempts in due order, waiting for each (schedules in tests are a few seconds). */
    async drain(): Promise<void> {
      while (queue.length > 0) {
        queue.sort((a, b) => a.at - b.at);
        const next = queue.shift()!;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next.at - Date.now())));
        await deliverDue(deps, [next.lead]);
      }
    },
  };
}

/** The lead's row and its attempts, as the admin API would show them. */
export async function leadState(id: string) {
  const lead = await env.DB.prepare('SELECT * FROM leads WHERE id = ?1').bind(id).first<Record<string, unknown>>();
  const { results } = await env.DB.prepare('SELECT result, http_status, reason FROM attempts WHERE lead_id = ?1 ORDER BY id').bind(id).all<Record<string, unknown>>();
  return { lead, attempts: results };
}
