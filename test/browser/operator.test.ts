// The operator page in a real browser, against wrangler dev with its local D1 and Queues:
// a lead the provider refused shows up with its reason, and Replay delivers it through the queue.
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_ENV_FILE, readEnvFile } from '../../scripts/local-stack.ts';
import { chromiumForThisFile, pageErrors, SCREENSHOTS } from '../support/chromium.ts';

const workerUrl = inject('workerUrl');
const standInUrl = inject('browserStandInUrl');
const token = readEnvFile(DEMO_ENV_FILE)['ADMIN_TOKEN'] ?? '';
const browser = chromiumForThisFile();

const adminGet = async (path: string) => (await fetch(`${workerUrl}/v1/admin${path}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<Record<string, unknown>>;

describe('operator page', () => {
  it('shows a refused lead with its reason, and Replay delivers it through the queue', async () => {
    const mark = `Op${Date.now()}`;
    await fetch(`${standInUrl}/__standin/script`, { method: 'POST', body: JSON.stringify({ provider: 'anarock', responses: [{ status: 400, body: { status: 'ERROR', message: 'campaign paused' }, match: mark }] }) });
    const accepted = await fetch(`${workerUrl}/v1/forms/demo-anarock/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: workerUrl },
      body: JSON.stringify({ fields: { name: `Operator ${mark}`, phone: '+91 98765 43210' }, idempotencyKey: crypto.randomUUID(), elapsedMs: 4000 }),
    });
    const { id, status } = (await accepted.json()) as { id: string; status: string };
    expect(status).toBe('rejected');

    const page = await (await browser().newContext()).newPage();
    const errors = pageErrors(page);
    await page.goto(`${workerUrl}/admin/`);
    await page.getByLabel('Admin token').fill('wrong');
    await page.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Bearer');
    await page.getByLabel('Admin token').fill(token);
    await page.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.locator('#counts').textContent()).toContain('demo-anarock');
    // The summary, the lead list and the forms load in parallel: wait for all of them, not the first.
    await expect.poll(() => page.getByLabel('Admin token').isVisible()).toBe(false);
    expect(await page.locator('#failures').textContent()).toContain('400 campaign paused');
    expect(await page.locator('#forms').textContent()).toContain('integrity="sha384-');
    // Each form's snippet asks for what its provider needs, and posts to the lead route without JavaScript too.
    const hotwire = await page.locator('#forms pre', { hasText: 'data-lead-form="demo-hotwire"' }).textContent();
    expect(hotwire).toContain(`method="post" action="${workerUrl}/v1/forms/demo-hotwire/leads"`);
    expect(hotwire).toContain('name="firstName" required');
    expect(hotwire).toContain('name="consent" required type="checkbox"');

    await page.locator('#failures button', { hasText: id.slice(0, 8) }).first().click();
    await expect.poll(() => page.locator('#lead-summary').textContent()).toContain('rejected');
    await page.screenshot({ path: join(SCREENSHOTS, 'operator-page.png'), fullPage: true });
    await page.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => page.locator('#replay-result').textContent()).toBe('Queued for delivery.');
    // wrangler dev's local queue hands the message to the consumer after its batch timeout.
    await expect.poll(async () => ((await adminGet(`/leads/${id}`))['lead'] as { status: string }).status, { timeout: 20_000, interval: 500 }).toBe('delivered');
    expect(errors).toEqual([]);
  });

  it('previews each form’s request with secrets masked, and sends test leads through the console', async () => {
    const secrets = Object.values(readEnvFile(DEMO_ENV_FILE));
    const page = await (await browser().newContext()).newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${workerUrl}/admin/`);
    await page.getByLabel('Admin token').fill(token);
    await page.getByRole('button', { name: 'Open' }).click();
    for (const form of ['demo-anarock', 'demo-realgeeks', 'demo-comunik8', 'demo-sakneen', 'demo-hotwire']) {
      const output = page.locator(`pre[data-console-for="${form}"]`);
      await output.locator('xpath=..').getByRole('button', { name: 'Preview request' }).click();
      await expect.poll(() => output.textContent(), { message: form }).toContain('"request"');
      const text = (await output.textContent()) ?? '';
      for (const secret of secrets) expect(text, form).not.toContain(secret);
      await output.locator('xpath=..').screenshot({ path: join(SCREENSHOTS, `console-preview-${form}.png`) });
    }
    for (const form of ['demo-comunik8', 'demo-realgeeks']) {
      const output = page.locator(`pre[data-console-for="${form}"]`);
      await output.locator('xpath=..').getByRole('button', { name: 'Send test lead' }).click();
      await expect.poll(() => output.textContent(), { message: form }).toContain('"kind": "delivered"');
    }
    expect(await page.locator('pre[data-console-for="demo-comunik8"]').textContent()).toContain('Comunik8 test mode');
  });
});