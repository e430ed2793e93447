// The operator page's part of the statuses: its filter offers every status of shared/statuses.ts,
// and a form whose provider refuses its credentials is marked misconfigured while leads are held.
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_ENV_FILE, readEnvFile } from '../../scripts/local-stack.ts';
import { LEAD_STATUSES } from '../../shared/statuses.ts';
import { chromiumForThisFile, pageErrors, SCREENSHOTS } from '../support/chromium.ts';

const workerUrl = inject('workerUrl');
const standInUrl = inject('browserStandInUrl');
const token = readEnvFile(DEMO_ENV_FILE)['ADMIN_TOKEN'] ?? '';
const browser = chromiumForThisFile();

describe('operator page statuses', () => {
  it('filters by every status, and marks a form misconfigured while its provider refuses the key', async () => {
    const mark = `Held${Date.now()}`;
    // sakneen.txt's own answer to a bad key, once, for this lead only.
    const refusal = { status: 401, body: { statusCode: 401, message: 'Access Denied, API key not valid' }, match: mark };
    await fetch(`${standInUrl}/__standin/script`, { method: 'POST', body: JSON.stringify({ provider: 'sakneen', responses: [refusal] }) });
    const phone = `+97150${String(Date.now()).slice(-7)}`;
    const accepted = await fetch(`${workerUrl}/v1/forms/demo-sakneen/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: workerUrl },
      body: JSON.stringify({ fields: { name: `Operator ${mark}`, phone }, idempotencyKey: crypto.randomUUID(), elapsedMs: 4000 }),
    });
    expect(((await accepted.json()) as { status: string }).status).toBe('pending');

    const page = await (await browser().newContext()).newPage();
    const errors = pageErrors(page);
    await page.goto(`${workerUrl}/admin/`);
    await page.getByLabel('Admin token').fill(token);
    await page.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.getByLabel('Admin token').isVisible()).toBe(false);
    const options = await page.locator('#filter-status option').evaluateAll((items) => items.map((item) => (item as HTMLOptionElement).value));
    expect(options).toEqual(['', ...LEAD_STATUSES]);

    await expect.poll(() => page.locator('#forms').textContent()).toContain('Misconfigured: the provider refuses this form');
    expect(await page.locator('#forms').textContent()).toContain('401 Access Denied, API key not valid');
    await page.locator('#filter-status').selectOption('held');
    await expect.poll(() => page.locator('#leads').textContent()).toContain('held');
    await page.locator('#forms').screenshot({ path: join(SCREENSHOTS, 'operator-misconfigured.png') });
    expect(errors).toEqual([]);
  });
});
