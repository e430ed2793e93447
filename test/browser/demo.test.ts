// The quick start, end to end, in a real browser: the demo pages served by `wrangler dev`
// (workerd, local D1), a visitor landing with UTM parameters, the signed lead at each stand-in.
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { chromiumForThisFile, pageErrors, SCREENSHOTS } from '../support/chromium.ts';
import { standInRequests } from '../support/standin-client.ts';
import { anarockLeadsFor } from '../support/visitor.ts';

const workerUrl = inject('workerUrl');
const standInUrl = inject('browserStandInUrl');
const withStandIns = (path: string) => `${workerUrl}${path}${path.includes('?') ? '&' : '?'}standins=${encodeURIComponent(standInUrl)}`;
const browser = chromiumForThisFile();

describe('served assets', () => {
  it('carry a strict Content-Security-Policy and the usual security headers', async () => {
    for (const path of ['/', '/admin/', '/widget.js']) {
      const response = await fetch(`${workerUrl}${path}`);
      expect(response.status, path).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
    }
    const api = await fetch(`${workerUrl}/v1/forms/nope/leads`, { method: 'POST', headers: { origin: workerUrl } });
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('cache-control')).toBe('no-store');
  });
});

describe('demo page in Chromium', () => {
  it('sends a lead from the script-tag form to the Anarock stand-in, signed, with its UTM attribution', async () => {
    // This visitor's own email: a lead of an earlier file (kept in a browser, retried late on a
    // loaded machine) may reach the same stand-in meanwhile, and must not count as this one's.
    const email = `priya.${Date.now()}@example.com`;
    const page = await (await browser().newContext()).newPage();
    const errors = pageErrors(page);
    await page.goto(withStandIns('/?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=villa'));

    await page.getByLabel('Full name').fill('Priya Sharma');
    await page.getByLabel('Phone').fill('+91 98765 43210');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('City').fill('Pune');
    await page.getByLabel('Budget (INR)').fill('45000000');
    await page.getByLabel('Message').fill('Call after 6 pm');
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Thank you! We have received your details.');

    const received = (await standInRequests(standInUrl, 'anarock')).filter((request) => (request.parsed as Record<string, unknown> | undefined)?.['email'] === email);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/anarock/api/v0/demo-channel/sync-lead');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.authenticated).toBe(true);
    expect(request?.checks.filter((check) => !check.ok)).toEqual([]);
    const body = request?.parsed as Record<string, unknown>;
    expect(body['name']).toBe('Priya Sharma');
    expect(body['phone']).toBe('9876543210');
    expect(body['country_code']).toBe('IN');
    expect(body['email']).toBe(email);
    expect(body['city']).toBe('Pune');
    expect(body['max_budget']).toBe(45000000);
    expect(body['remarks']).toBe('Call after 6 pm');
    expect(body['purpose']).toBe('buy');
    expect(body['campaign_id']).toBe('demo-campaign');
    expect(body['source']).toBe('google');
    expect(body['sub_source']).toBe('cpc');
    expect(body['placement']).toBe('spring');
    expect(body['extra_details']).toMatchObject({ utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring', keyword: 'villa' });
    expect(Math.abs(Number(body['current_time']) - Date.now() / 1000)).toBeLessThan(60);
    expect(body['hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(request?.response.status).toBe(200);

    // The demo page shows what the stand-in received; so does the stand-ins' inspector page.
    const panel = page.locator('[data-standin-for="anarock"]');
    await expect.poll(() => panel.locator('.verdict').textContent()).toBe('Signature verified ✔ · stand-in answered 200');
    expect(JSON.parse((await panel.locator('.body').textContent()) ?? '')).toEqual(body);
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-after-submit.png'), fullPage: true });
    const inspector = await browser().newPage();
    await inspector.goto(`${standInUrl}/`);
    await expect.poll(() => inspector.locator('body').textContent()).toContain('Signature verified');
    expect(errors).toEqual([]);
  });

  it('shows the edge’s verdict on a field and sends nothing for an invalid phone', async () => {
    const before = (await standInRequests(standInUrl, 'anarock')).length;
    const page = await (await browser().newContext()).newPage();
    await page.goto(withStandIns('/'));
    await page.getByLabel('Full name').fill('Priya Invalid Phone');
    await page.getByLabel('Phone').fill('+91 12345 6'); // looks like a phone to the widget; the edge knows better
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    await expect.poll(() => page.getByLabel('Phone').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.locator('.lead-error').textContent()).toBe('Enter a valid phone number, with its country code');
    expect(await anarockLeadsFor(standInUrl, before, 'Priya Invalid Phone')).toHaveLength(0);
  });

  it('delivers a lead from each provider’s demo form to its stand-in, authenticated', async () => {
    const page = await (await browser().newContext()).newPage();
    const errors = pageErrors(page);
    await page.goto(withStandIns('/providers.html?utm_source=newsletter&utm_campaign=may'));
    // Each with a value of its own to find its request by: other files' leads reach the same stand-ins meanwhile.
    const forms: Array<[string, Record<string, string>, string]> = [
      ['realgeeks', { 'rg-name': 'Jack Johnson', 'rg-email': 'jack@example.com', 'rg-phone': '+1 808 263 1234', 'rg-message': 'Hi' }, 'jack@example.com'],
      ['comunik8', { 'c8-name': 'John Doe', 'c8-email': 'john@example.com', 'c8-phone': '07840 258823', 'c8-make': 'Ford' }, 'john@example.com'],
      ['sakneen', { 'sk-name': 'Layla Haddad', 'sk-phone': '+971 50 123 4567' }, 'Layla Haddad'],
      ['hotwire', { 'hw-name': 'John Smith', 'hw-email': 'john.smith@example.com', 'hw-age': '34' }, 'john.smith@example.com'],
    ];
    for (const [provider, values, mark] of forms) {
      const before = (await standInRequests(standInUrl, provider)).length;
      for (const [id, value] of Object.entries(values)) await page.locator(`#${id}`).fill(value);
      // hotwire.txt: its users agreed to its emails; the demo form's required consent box.
      if (provider === 'hotwire') await page.locator('#hw-consent').check();
      await page.locator(`form[data-provider="${provider}"] button[type=submit]`).click();
      await expect.poll(() => page.locator(`form[data-provider="${provider}"] [role=status]`).textContent(), { message: provider }).toBe('Thank you! We have received your details.');
      const received = (await standInRequests(standInUrl, provider)).slice(before).filter((request) => JSON.stringify(request.parsed).includes(mark));
      expect(received, provider).toHaveLength(1);
      expect(received[0]?.authenticated, provider).toBe(true);
      expect(received[0]?.checks.filter((check) => !check.ok), provider).toEqual([]);
      expect(received[0]?.response.status, provider).toBeLessThan(300);
    }
    expect(errors).toEqual([]);
  });
});
