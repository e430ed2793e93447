// Anarock's `last-lead-data` check after an attempt whose answer was lost, against the stand-in:
// only a stored lead that matches ours on every identifying field confirms it; anything else is
// "cannot tell", so the lead is resent, flagged, and never lost.
import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../../standins/types.ts';
import { deliveryHarness, leadState, uniquePhone } from '../delivery/harness.ts';
import { marker, receivedWith, scriptStandIn, standInUrl } from '../helpers.ts';

const FORM = 'anarock-json';
const submission = (fields: Record<string, string>) => ({ fields, attribution: { last: { utm_source: 'google' } }, idempotencyKey: crypto.randomUUID() });
const syncs = (records: RecordedRequest[]) => records.filter((record) => record.url.includes('/sync-lead'));
/** The last-lead-data checks the stand-in got for a national phone (a GET: the phone is in its URL). */
async function checksFor(national: string): Promise<RecordedRequest[]> {
  const all = (await (await fetch(`${standInUrl()}/__standin/requests?provider=anarock`)).json()) as RecordedRequest[];
  return all.filter((record) => record.url.includes('/last-lead-data') && record.url.includes(`phone=${national}&`));
}
/** An answer that cannot be read: the stand-in keeps nothing, and the edge cannot tell whether it did. */
const unreadable = (mark: string) => ({ status: 200, body: '<html>gateway</html>', match: mark });

describe('anarock confirmation after a lost answer', () => {
  it('confirms our own lead when it arrived, without sending it again', async () => {
    const mark = marker();
    await scriptStandIn('anarock', [{ drop: true, match: mark }]); // stored, answer lost
    const harness = deliveryHarness([0, 0]);
    const answer = await harness.accept(FORM, submission({ name: `Asha ${mark}`, phone: uniquePhone('IN', '+9198', 8), email: `${mark}@example.com` }));
    await harness.drain();
    const { lead, attempts } = await leadState(answer.id);
    expect(lead).toMatchObject({ status: 'delivered', possible_duplicate: 0 });
    expect(attempts.map((attempt) => attempt['result'])).toEqual(['unknown', 'confirmed']);
    expect(syncs(await receivedWith(mark))).toHaveLength(1);
  });

  it('resends, flagged, a repeat enquirer’s lead when the stored one is their older lead (same phone and email, other name)', async () => {
    const phone = uniquePhone('IN', '+9198', 8);
    const email = `${marker()}@example.com`;
    const harness = deliveryHarness([0, 0]);
    const older = await harness.accept(FORM, submission({ name: `Asha ${marker()}`, phone, email }));
    expect(older.status).toBe('delivered');

    const mark = marker();
    await scriptStandIn('anarock', [unreadable(mark)]);
    const answer = await harness.accept(FORM, submission({ name: `Asha Rao ${mark}`, phone, email }));
    await harness.drain();
    const { lead, attempts } = await leadState(answer.id);
    expect(lead).toMatchObject({ status: 'delivered', possible_duplicate: 1 });
    expect(attempts.map((attempt) => attempt['result'])).toEqual(['unknown', 'delivered']);
    // The second lead reached Anarock: the lost first attempt stored nothing, the resend did.
    const stored = syncs(await receivedWith(mark)).filter((record) => record.response.status === 200 && (record.response.body as { status?: string }).status === 'OK');
    expect(stored).toHaveLength(1);
  });

  it('reads a 404 from last-lead-data as "cannot tell": resent, flagged', async () => {
    const mark = marker();
    await scriptStandIn('anarock', [unreadable(mark)]);
    const harness = deliveryHarness([0, 0]);
    const phone = uniquePhone('IN', '+9198', 8);
    const answer = await harness.accept(FORM, submission({ name: `Asha ${mark}`, phone, email: `${mark}@example.com` }));
    await harness.drain();
    const national = phone.replace(/^\+91/, '');
    expect((await checksFor(national)).map((check) => check.response.status)).toEqual([404]);
    expect((await leadState(answer.id)).lead).toMatchObject({ status: 'delivered', possible_duplicate: 1 });
    expect(syncs(await receivedWith(mark))).toHaveLength(2);
  });
});
