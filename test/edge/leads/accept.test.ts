// A slow provider never keeps the visitor waiting: the answer comes after FIRST_ATTEMPT_WAIT_MS at most.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { FormConfig } from '../../../edge/config/forms.ts';
import type { MapOutcome, ProviderLead } from '../../../edge/providers/types.ts';
import { uniquePhone } from '../../support/unique-phone.ts';
import { deliveryHarness } from '../delivery/harness.ts';
import { marker, postLead, receivedWith, scriptStandIn, submission } from '../helpers.ts';

const statusOf = (id: string) => env.DB.prepare('SELECT status, attempts FROM leads WHERE id = ?1').bind(id).first<{ status: string; attempts: number }>();

describe('the bounded wait for the first attempt', () => {
  it('answers pending while a slow provider is still answering, and records the delivery when it does', { timeout: 120_000 }, async () => {
    const mark = marker();
    // FIRST_ATTEMPT_WAIT_MS is 5000 in the test Worker; the stand-in answers after 9 s (under the 10 s provider timeout).
    await scriptStandIn('anarock', [{ delayMs: 9_000, match: mark }]);
    const response = await postLead('anarock-json', submission(mark));
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: string; status: string };
    expect(body.status).toBe('pending');
    expect((await statusOf(body.id))?.status).not.toBe('delivered');

    let row = await statusOf(body.id);
    for (let waited = 0; row?.status !== 'delivered' && waited < 60_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      row = await statusOf(body.id);
    }
    expect(row).toEqual({ status: 'delivered', attempts: 1 });
    expect(await receivedWith(mark)).toHaveLength(1);
  });
});

describe('the first attempt', () => {
  it('sends the mapping made at accept: the lead is mapped once, not again to check and build its request', async () => {
    const mark = marker();
    const harness = deliveryHarness([0]);
    const form = harness.deps.forms.forms.get('anarock-json');
    if (!form) throw new Error('no test form anarock-json');
    const mappings: MapOutcome[] = [];
    const delivered: ProviderLead[] = [];
    const counted: FormConfig = {
      ...form,
      adapter: {
        ...form.adapter,
        mapLead: (lead) => {
          const outcome = form.adapter.mapLead(lead);
          mappings.push(outcome);
          return outcome;
        },
        buildRequest: (leads, secrets, now) => {
          delivered.push(...leads);
          return form.adapter.buildRequest(leads, secrets, now);
        },
      },
    };
    harness.deps.forms = { ...harness.deps.forms, forms: new Map([...harness.deps.forms.forms, [form.id, counted]]) };
    const answer = await harness.accept(form.id, submission(mark, { fields: { phone: uniquePhone('IN', '+9198', 8), email: `${mark}@example.com` } }));
    expect(answer.status).toBe('delivered');
    expect(mappings).toHaveLength(1);
    const [mapping] = mappings;
    expect(mapping?.ok).toBe(true);
    // The adapter's payloadOf and checkLead take a lead carrying its current mapping as it is (edge/providers/mapped.ts).
    expect(delivered.map((lead) => lead.mapped)).toEqual([mapping?.ok ? mapping.mapped : undefined]);
    expect(form.adapter.checkLead(delivered[0] as ProviderLead)).toBeUndefined();
  });
});
