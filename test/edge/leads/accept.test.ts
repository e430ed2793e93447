// A slow provider never keeps the visitor waiting: the answer comes after FIRST_ATTEMPT_WAIT_MS at most.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
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
