// An idempotency key names one submission to one form: the same key with the same fields is the
// same lead; with other fields it is refused (409), never answered with the first lead's outcome.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { marker, postForm, postLead, receivedWith, submission } from '../helpers.ts';

const rowsWithKey = (key: string) => env.DB.prepare('SELECT form_id, status, fingerprint FROM leads WHERE idempotency_key = ?1 ORDER BY form_id').bind(key).all<Record<string, string>>();

async function expectConflict(response: Response) {
  expect(response.status).toBe(409);
  expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
  expect(response.headers.get('content-type')).toContain('application/json');
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  expect(error.code).toBe('idempotency_conflict');
  expect(error.message).toContain('new key');
}

describe('idempotency keys', () => {
  it('answers the same key with the same fields as the first lead, whatever the attribution', async () => {
    const mark = marker();
    const body = submission(mark);
    const first = (await (await postLead('anarock-json', body)).json()) as { id: string };
    const again = await postLead('anarock-json', { ...body, attribution: { last: { utm_source: 'bing' } }, elapsedMs: 9000 });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ id: first.id, status: 'delivered' });
    expect(await receivedWith(mark)).toHaveLength(1);
  });

  it('refuses the same key with other fields (409 idempotency_conflict), storing and sending nothing', async () => {
    const mark = marker();
    const other = marker();
    const body = submission(mark);
    expect((await postLead('anarock-json', body)).status).toBe(202);
    await expectConflict(await postLead('anarock-json', submission(other, { idempotencyKey: body.idempotencyKey, fields: { phone: '+91 98765 43211' } })));
    expect((await rowsWithKey(body.idempotencyKey)).results).toHaveLength(1);
    expect(await receivedWith(other)).toHaveLength(0);
  });

  it('does not let a spam lead that used a key first swallow a person’s lead', async () => {
    const bot = marker();
    const person = marker();
    const key = crypto.randomUUID();
    expect((await postLead('anarock-json', { ...submission(bot, { idempotencyKey: key }), honeypot: 'http://cheap.example' })).status).toBe(202);
    await expectConflict(await postLead('anarock-json', submission(person, { idempotencyKey: key })));
    expect((await rowsWithKey(key)).results).toEqual([expect.objectContaining({ status: 'spam' })]);
  });

  it('scopes a key to its form: the same key on two forms is two leads', async () => {
    const mark = marker();
    const body = submission(mark);
    const answers = await Promise.all([postLead('anarock-json', body), postLead('anarock-form', body)]);
    expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
    const rows = (await rowsWithKey(body.idempotencyKey)).results;
    expect(rows.map((row) => row['form_id'])).toEqual(['anarock-form', 'anarock-json']);
    expect(rows[0]?.['fingerprint']).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.['fingerprint']).toBe(rows[1]?.['fingerprint']);
  });

  it('never refuses a no-JS post: its key is derived from everything posted, a key field included', async () => {
    const mark = marker();
    const ip = { 'cf-connecting-ip': '198.51.100.77' };
    const fields = (name: string): Array<[string, string]> => [['name', name], ['phone', '+91 98765 43210'], ['idempotencyKey', `server-rendered-${mark}`]];
    expect((await postForm('anarock-json', fields(`Asha ${mark}`), ip)).status).toBe(303);
    expect((await postForm('anarock-json', fields(`Ravi ${mark}`), ip)).status).toBe(303);
    expect(await receivedWith(mark)).toHaveLength(2);
  });
});
