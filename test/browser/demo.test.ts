// The quick start, end to end, in a real browser: the demo page served by `wrangler dev`
// (workerd, local D1), a visitor landing with UTM parameters, the signed lead at the stand-in.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startLocalStack, type LocalStack } from '../../scripts/local-stack.ts';
import { launchChromium } from '../support/chromium.ts';
import { freePort } from '../support/ports.ts';

let stack: LocalStack;
let browser: Browser;
let persistTo: string;

beforeAll(async () => {
  persistTo = mkdtempSync(join(ROOT, '.tmp', 'state-'));
  const workerPort = await freePort();
  // The demo form of wrangler.toml, pointed at this run's stand-ins and ports.
  stack = await startLocalStack({
    workerPort,
    standInPort: 0,
    persistTo,
    stdio: 'ignore',
    forms: (standInUrl) => ({
      'demo-anarock': {
        provider: 'anarock',
        origins: [`http://127.0.0.1:${workerPort}`],
        defaultCountry: 'IN',
        secrets: { key: 'ANAROCK_DEMO_KEY' },
        options: { environment: 'staging', baseUrl: `${standInUrl}/anarock`, channel: 'demo-channel', campaignId: 'demo-campaign' },
      },
    }),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(persistTo, { recursive: true, force: true });
});

describe('demo page in Chromium', () => {
  it('sends a lead from the script-tag form to the Anarock stand-in, signed, with its UTM attribution', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const standins = encodeURIComponent(stack.standIns.url);
    await page.goto(`${stack.workerUrl}/?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=villa&standins=${standins}`);

    await page.getByLabel('Full name').fill('Priya Sharma');
    await page.getByLabel('Phone').fill('+91 98765 43210');
    await page.getByLabel('Email').fill('priya@example.com');
    await page.getByLabel('City').fill('Pune');
    await page.getByLabel('Budget (INR)').fill('45000000');
    await page.getByLabel('Message').fill('Call after 6 pm');
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Thank you! We have received your details.');

    const [received, ...others] = stack.standIns.requests('anarock');
    expect(others).toHaveLength(0);
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/anarock/api/v0/demo-channel/sync-lead');
    expect(received?.headers['content-type']).toBe('application/json');
    expect(received?.authenticated).toBe(true);
    expect(received?.checks.filter((check) => !check.ok)).toEqual([]);
    const body = received?.parsed as Record<string, unknown>;
    expect(body['name']).toBe('Priya Sharma');
    expect(body['phone']).toBe('9876543210');
    expect(body['country_code']).toBe('IN');
    expect(body['email']).toBe('priya@example.com');
    expect(body['city']).toBe('Pune');
    expect(body['max_budget']).toBe(45000000);
    expect(body['remarks']).toBe('Call after 6 pm');
    expect(body['purpose']).toBe('buy');
    expect(body['campaign_id']).toBe('demo-campaign');
    expect(body['source']).toBe('google');
    expect(body['sub_source']).toBe('spring');
    expect(body['placement']).toBe('villa');
    expect(body['extra_details']).toMatchObject({ utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring', utm_term: 'villa' });
    expect(Math.abs(Number(body['current_time']) - Date.now() / 1000)).toBeLessThan(60);
    expect(body['hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(received?.response.status).toBe(200);

    // The demo page shows what the stand-in received; so does the stand-ins' inspector page.
    await expect.poll(() => page.locator('#standin-verdict').textContent()).toBe('Signature verified ✔ · stand-in answered 200');
    expect(JSON.parse((await page.locator('#standin-body').textContent()) ?? '')).toEqual(body);
    await page.screenshot({ path: join(ROOT, '.tmp', 'demo-after-submit.png'), fullPage: true });
    const inspector = await browser.newPage();
    await inspector.goto(`${stack.standIns.url}/`);
    await expect.poll(() => inspector.locator('body').textContent()).toContain('Signature verified');
    expect(problems).toEqual([]);
  });

  it('shows field errors in the page and sends nothing for an invalid form', async () => {
    const before = stack.standIns.requests('anarock').length;
    const page = await browser.newPage();
    await page.goto(`${stack.workerUrl}/`);
    await page.getByLabel('Full name').fill('Priya');
    await page.getByLabel('Phone').fill('+91 12345 6'); // looks like a phone to the widget; the edge knows better
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    await expect.poll(() => page.getByLabel('Phone').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.locator('.lead-error').textContent()).toBe('Enter a valid phone number, with its country code');
    expect(stack.standIns.requests('anarock')).toHaveLength(before);
  });
});
