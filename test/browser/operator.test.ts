// The operator page in a real browser, against wrangler dev with its local D1 and Queues:
// a lead the provider refused shows up with its reason, and Replay delivers it through the queue.
import { readFile } from 'node:fs/promises';
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
    await expect.poll(() => page.locator('#login-error').textContent()).toContain('not this deployment’s admin token');
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
    expect(await page.locator('#lead-summary .status-rejected').count()).toBe(1);
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await expect.poll(() => page.locator('#replay-result').textContent()).toBe('Queued for delivery.');
    // The open lead was read again: it no longer shows the status it had before the replay.
    expect(await page.locator('#lead-summary').textContent()).not.toContain('rejected');
    expect(await page.locator('#lead-summary').textContent()).toMatch(/pending|sending|delivered/);
    // wrangler dev's local queue hands the message to the consumer after its batch timeout.
    await expect.poll(async () => ((await adminGet(`/leads/${id}`))['lead'] as { status: string }).status, { timeout: 20_000, interval: 500 }).toBe('delivered');
    // The attempt count is the number of attempts listed, with the attempts since the replay apart.
    await page.locator('#failures button', { hasText: id.slice(0, 8) }).first().click();
    await expect.poll(() => page.locator('#lead-summary').textContent()).toContain('delivered');
    expect(await page.locator('#lead-summary').textContent()).toContain('2 attempts (1 since the last replay)');
    expect(await page.locator('#attempts tr').count()).toBe(3);
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
      const output = page.locator(`[data-console-for="${form}"]`);
      await output.locator('xpath=..').getByRole('button', { name: 'Preview request' }).click();
      await expect.poll(() => output.textContent(), { message: form }).toContain('"request"');
      // Shown for people first (where it goes, the request line, headers), the raw JSON folded.
      expect(await output.locator('.request-line').textContent()).toMatch(/^(POST|GET|PUT) http/);
      expect(await output.locator('details pre').isVisible()).toBe(false);
      const text = (await output.textContent()) ?? '';
      for (const secret of secrets) expect(text, form).not.toContain(secret);
      await output.locator('xpath=..').screenshot({ path: join(SCREENSHOTS, `console-preview-${form}.png`) });
    }
    for (const form of ['demo-comunik8', 'demo-realgeeks']) {
      const output = page.locator(`[data-console-for="${form}"]`);
      await output.locator('xpath=..').getByRole('button', { name: 'Send test lead' }).click();
      await expect.poll(() => output.textContent(), { message: form }).toContain('"kind": "delivered"');
    }
    expect(await page.locator('[data-console-for="demo-comunik8"]').textContent()).toContain('Comunik8 test mode');
    expect(await page.locator('[data-console-for="demo-comunik8"] p').first().textContent()).toMatch(/^Result: delivered/);
  });
});
describe('operator page: finding, exporting and replaying leads', () => {
  const post = async (mark: string, index: number) => {
    const response = await fetch(`${workerUrl}/v1/forms/demo-anarock/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: workerUrl },
      body: JSON.stringify({
        fields: { name: `Finder ${mark} ${index}`, email: `${mark.toLowerCase()}.${index}@example.com`, phone: `+91 98${String(Date.now() + index).slice(-8)}` },
        attribution: { last: { utm_source: 'google', utm_medium: 'cpc', utm_campaign: `camp-${mark.toLowerCase()}` } },
        idempotencyKey: crypto.randomUUID(),
        elapsedMs: 4000,
      }),
    });
    return ((await response.json()) as { id: string; status: string });
  };

  it('searches, shows name, email and source, exports CSV, replays in bulk after a count, and reports channels', async () => {
    const mark = `Find${Date.now()}`;
    await fetch(`${standInUrl}/__standin/script`, { method: 'POST', body: JSON.stringify({ provider: 'anarock', responses: [0, 1].map(() => ({ status: 400, body: { status: 'ERROR', message: 'campaign paused' }, match: mark })) }) });
    const leads = [await post(mark, 0), await post(mark, 1), await post(mark, 2)];
    expect(leads.map((lead) => lead.status)).toEqual(['rejected', 'rejected', 'delivered']);

    const context = await browser().newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${workerUrl}/admin/`);
    await page.getByLabel('Admin token').fill(token);
    await page.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.getByLabel('Admin token').isVisible()).toBe(false);

    await page.getByRole('searchbox').fill(`finder ${mark.toLowerCase()}`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('#leads tr').count()).toBe(4);
    expect(await page.locator('#leads tr').first().textContent()).toContain('nameemailsource');
    const listed = (await page.locator('#leads').textContent()) ?? '';
    expect(listed).toContain(`${mark.toLowerCase()}.1@example.com`);
    expect(listed).toContain(`google / cpc · camp-${mark.toLowerCase()}`);
    expect(await page.locator('#leads .status-rejected').count()).toBe(2);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(csv).toContain(`Finder ${mark} 2`);

    await page.getByRole('button', { name: 'Replay matching…' }).click();
    await expect.poll(() => page.locator('#bulk-count').textContent()).toContain('2 dead, rejected, held, review lead(s) match (demo-anarock: 2)');
    await page.getByRole('button', { name: 'Replay 2 lead(s)' }).click();
    await expect.poll(() => page.locator('#bulk-report').textContent()).toBe('Replayed 2 lead(s) (demo-anarock: 2); 0 still match.');
    for (const lead of leads) await expect.poll(async () => ((await adminGet(`/leads/${lead.id}`))['lead'] as { status: string }).status, { timeout: 20_000, interval: 500 }).toBe('delivered');

    await page.getByRole('button', { name: 'Show report' }).click();
    await expect.poll(() => page.locator('#report').textContent()).toContain(`camp-${mark.toLowerCase()}`);
    const campaignRow = page.locator('#report tr', { hasText: `camp-${mark.toLowerCase()}` });
    expect(await campaignRow.locator('td').nth(1).textContent()).toBe('3');
    expect(await campaignRow.locator('.bar-fill').evaluate((bar) => parseFloat((bar as HTMLElement).style.width))).toBeGreaterThan(0);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, 'operator-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: join(SCREENSHOTS, 'operator-phone.png') });
    await page.locator('#lead-list').screenshot({ path: join(SCREENSHOTS, 'operator-phone-leads.png') });
    // On a phone the tables scroll inside their sections; the page itself is never wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(errors).toEqual([]);
  });

  it('shows when a pending lead is next tried, and keeps a replay message on its own lead', async () => {
    const mark = `Next${Date.now()}`;
    // Two 503s: attempt 2 (10 s after the first, RETRY_SCHEDULE) leaves the lead pending for 60 s.
    await fetch(`${standInUrl}/__standin/script`, { method: 'POST', body: JSON.stringify({ provider: 'anarock', responses: [0, 1].map(() => ({ status: 503, body: { message: 'maintenance' }, match: mark })) }) });
    const pending = await post(mark, 0);
    await expect.poll(async () => ((await adminGet(`/leads/${pending.id}`))['lead'] as { attempts: number }).attempts, { timeout: 30_000, interval: 500 }).toBe(2);
    const refusedMark = `Refused${Date.now()}`;
    await fetch(`${standInUrl}/__standin/script`, { method: 'POST', body: JSON.stringify({ provider: 'anarock', responses: [{ status: 400, body: { status: 'ERROR', message: 'campaign paused' }, match: refusedMark }] }) });
    const refused = await post(refusedMark, 0);

    const page = await (await browser().newContext()).newPage();
    await page.goto(`${workerUrl}/admin/`);
    await page.getByLabel('Admin token').fill(token);
    await page.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.getByLabel('Admin token').isVisible()).toBe(false);
    await page.getByRole('searchbox').fill(refusedMark.toLowerCase());
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('#leads button', { hasText: refused.id.slice(0, 8) }).click();
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await expect.poll(() => page.locator('#replay-result').textContent()).toBe('Queued for delivery.');

    await page.getByRole('searchbox').fill(mark.toLowerCase());
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('#leads').textContent()).toMatch(/next try .* \(in \d+ s\)/);
    await page.locator('#leads button', { hasText: pending.id.slice(0, 8) }).click();
    await expect.poll(() => page.locator('#lead-id').textContent()).toBe(pending.id);
    expect(await page.locator('#lead-summary').textContent()).toMatch(/pending · 2 attempts · next try .* \(in \d+ s\)/);
    expect(await page.locator('#replay-result').textContent()).toBe('');
  });
});
