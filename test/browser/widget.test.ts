// What a visitor does in a real browser: lands with a campaign, browses, submits elsewhere,
// comes back from another campaign, refuses or grants consent, uses only the keyboard, reads Arabic.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumForThisFile, pageErrors, SCREENSHOTS } from '../support/chromium.ts';
import { standInCount } from '../support/standin-client.ts';
import { anarockLeadsFor, nextAnarockLead, submitByKeyboard } from '../support/visitor.ts';

const workerUrl = inject('workerUrl');
const standInUrl = inject('browserStandInUrl');
const browser = chromiumForThisFile();

const anarockCount = () => standInCount(standInUrl, 'anarock');

async function submitRenderedForm(page: Page, name: string): Promise<void> {
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Phone').fill('+91 98765 43210');
  await page.getByRole('button', { name: 'Send' }).click();
}

describe('attribution that survives the visit', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser().newContext();
  });

  it('carries first and last touch from the landing page to a form rendered on page B', async () => {
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${workerUrl}/?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=villa&gclid=G-123`);
    await page.getByRole('link', { name: 'Page B (rendered form)' }).first().click();
    await page.waitForURL(/page-b/);
    const before = await anarockCount();
    await submitRenderedForm(page, 'Ravi Menon');
    const lead = await nextAnarockLead(page, standInUrl, before, 'Ravi Menon');
    expect(lead).toMatchObject({ name: 'Ravi Menon', source: 'google', sub_source: 'cpc', placement: 'spring' });
    expect(lead['extra_details']).toMatchObject({
      page_url: expect.stringMatching(/\/page-b/),
      page_title: 'LeadRelay demo: page B',
      utm_source: 'google',
      utm_medium: 'cpc',
      gclid: 'G-123',
      landing_page: `${workerUrl}/?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=villa&gclid=G-123`,
      first_utm_source: 'google',
      first_gclid: 'G-123',
    });
    expect(errors).toEqual([]);
  });

  it('lets a later visit from another campaign change last touch only', async () => {
    const page = await context.newPage();
    await page.goto(`${workerUrl}/?utm_source=facebook&utm_campaign=autumn`);
    await page.goto(`${workerUrl}/page-b.html`);
    const before = await anarockCount();
    await submitRenderedForm(page, 'Ravi Menon');
    const lead = await nextAnarockLead(page, standInUrl, before, 'Ravi Menon');
    expect(lead).toMatchObject({ source: 'facebook', placement: 'autumn' });
    expect(lead).not.toHaveProperty('sub_source'); // the new campaign has no utm_medium: last touch is replaced whole
    const details = lead['extra_details'] as Record<string, string>;
    expect(details).toMatchObject({ utm_source: 'facebook', utm_campaign: 'autumn', first_utm_source: 'google', first_utm_campaign: 'spring', first_utm_term: 'villa', first_gclid: 'G-123' });
    expect(details).not.toHaveProperty('gclid');
  });
});

describe('attribution nothing can blur', () => {
  it('still submits with the URL’s attribution when storage throws on every access', async () => {
    const context = await browser().newContext();
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${workerUrl}/?utm_source=webview&utm_campaign=sandboxed`);
    const before = await anarockCount();
    await page.getByLabel('Full name').fill('Sandboxed Visitor');
    await page.getByLabel('Phone').fill('+91 98765 43210');
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    const lead = await nextAnarockLead(page, standInUrl, before, 'Sandboxed Visitor');
    expect(lead).toMatchObject({ source: 'webview', placement: 'sandboxed' });
    expect(errors).toEqual([]);
  });

  it('enhances a form a single-page app inserts later, inside a wrapper', async () => {
    const page = await (await browser().newContext()).newPage();
    await page.goto(`${workerUrl}/page-b.html?utm_source=spa`);
    await page.evaluate(() => {
      const wrapper = document.createElement('div');
      wrapper.innerHTML = `<form data-lead-form="demo-anarock" id="late"><label for="late-name">Late name</label><input id="late-name" name="name" required>
        <label for="late-phone">Late phone</label><input id="late-phone" name="phone" required><button type="submit">Late send</button></form>`;
      setTimeout(() => document.querySelector('main')?.append(wrapper), 300);
    });
    await page.getByLabel('Late name').fill('Late Form');
    await page.getByLabel('Late phone').fill('+91 98765 43210');
    const before = await anarockCount();
    await page.getByRole('button', { name: 'Late send' }).click();
    await expect.poll(() => page.locator('#late [role=status]').textContent()).toBe('Thank you! We have received your details.');
    const received = await anarockLeadsFor(standInUrl, before, 'Late Form');
    expect(received).toHaveLength(1);
    expect((received[0]?.parsed as Record<string, unknown>)['source']).toBe('spa');
  });
});

describe('the browser as the first outbox', () => {
  const QUEUED = 'We could not reach our server. Your details are saved on this device and will be sent automatically.';

  it('keeps a lead typed offline and sends it once, with its attribution, when back online on another page', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${workerUrl}/?utm_source=train&utm_campaign=offline`);
    const before = await anarockCount();
    await context.setOffline(true);
    await page.getByLabel('Full name').fill('Offline Visitor');
    await page.getByLabel('Phone').fill('+91 98765 43210');
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toBe(QUEUED);
    const offlineLeads = () => anarockLeadsFor(standInUrl, before, 'Offline Visitor');
    expect(await offlineLeads()).toHaveLength(0);
    await context.setOffline(false);
    await page.goto(`${workerUrl}/page-b.html`);
    await expect.poll(async () => (await offlineLeads()).length, { timeout: 15_000 }).toBe(1);
    await page.waitForTimeout(1_000); // the online event and the page view may both flush: still one lead
    const received = await offlineLeads();
    expect(received).toHaveLength(1);
    expect(received[0]?.parsed).toMatchObject({ name: 'Offline Visitor', source: 'train', placement: 'offline' });
    expect(await page.evaluate(() => localStorage.getItem('leadrelay_outbox'))).toBeNull();
  });

  it('keeps a lead while the edge answers 503, and sends it once when it recovers', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${workerUrl}/?utm_source=outage`);
    const before = await anarockCount();
    await page.route('**/v1/forms/**', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"server_error","message":"down"}}' }));
    await page.getByLabel('Full name').fill('Patient Visitor');
    await page.getByLabel('Phone').fill('+91 98765 43210');
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toBe(QUEUED);
    await page.unroute('**/v1/forms/**');
    await page.goto(`${workerUrl}/page-b.html`);
    await expect.poll(async () => (await anarockLeadsFor(standInUrl, before, 'Patient Visitor')).length, { timeout: 15_000 }).toBe(1);
    expect((await anarockLeadsFor(standInUrl, before, 'Patient Visitor'))[0]?.parsed).toMatchObject({ source: 'outage' });
  });
});

describe('consent', () => {
  it('writes nothing before consent, still sends the page’s attribution, and stores after consent', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${workerUrl}/consent.html?utm_source=partner&utm_campaign=launch`);
    await expect.poll(() => page.locator('#attribution').textContent()).toContain('partner');
    const storage = () => page.evaluate(() => ({ local: { ...localStorage }, cookie: document.cookie }));
    expect(await storage(), JSON.stringify(await storage())).toEqual({ local: {}, cookie: '' });

    const before = await anarockCount();
    await page.getByLabel('Full name').fill('Consent Test');
    await page.getByLabel('Phone').fill('+91 98765 43210');
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    const lead = await nextAnarockLead(page, standInUrl, before, 'Consent Test');
    expect(lead).toMatchObject({ source: 'partner', placement: 'launch' });
    expect(await storage()).toEqual({ local: {}, cookie: '' });

    await page.getByRole('button', { name: 'Accept analytics storage' }).click();
    await expect.poll(async () => (await storage()).local['leadrelay_attribution'] ?? '').toContain('partner');
  });
});

describe('the form itself', () => {
  it('works with the keyboard alone', async () => {
    const page = await (await browser().newContext()).newPage();
    await page.goto(`${workerUrl}/`);
    const before = await anarockCount();
    await submitByKeyboard(page, 'Keyboard User');
    const lead = await nextAnarockLead(page, standInUrl, before, 'Keyboard User');
    expect(lead).toMatchObject({ name: 'Keyboard User', phone: '9876543210' });
  });

  it('moves focus to the first invalid field, announced in the live region', async () => {
    const page = await (await browser().newContext()).newPage();
    await page.goto(`${workerUrl}/`);
    await page.getByRole('button', { name: 'Send enquiry' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    expect(await page.getByRole('status').textContent()).toBe('Please correct the highlighted fields.');
  });

  it('sends one lead for a double click', async () => {
    const page = await (await browser().newContext()).newPage();
    await page.goto(`${workerUrl}/`);
    const before = await anarockCount();
    await page.getByLabel('Full name').fill('Double Click');
    await page.getByLabel('Phone').fill('+91 98765 43210');
    await page.getByRole('button', { name: 'Send enquiry' }).dblclick();
    await nextAnarockLead(page, standInUrl, before, 'Double Click');
    await page.waitForTimeout(300);
    expect(await anarockLeadsFor(standInUrl, before, 'Double Click')).toHaveLength(1);
  });

  it('lays out the Arabic form right to left with Arabic messages', async () => {
    const page = await (await browser().newContext()).newPage();
    await page.goto(`${workerUrl}/ar.html`);
    await page.getByRole('button', { name: 'إرسال' }).click();
    const form = page.locator('form[data-lead-form]');
    expect(await form.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    await expect.poll(() => page.locator('.lead-error').first().textContent()).toBe('هذا الحقل مطلوب');
    // Nothing the widget adds may widen the page (an off-screen honeypot would, right to left).
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'arabic-form-errors.png'), fullPage: true });
  });
});
