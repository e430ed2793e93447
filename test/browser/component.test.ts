// The Preact component in a real browser: the demo's single-page app (/app.html, built from
// demo/app/main.tsx with preact bundled as a developer's app would be) against the local Worker.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { chromiumForThisFile, pageErrors, SCREENSHOTS } from '../support/chromium.ts';
import { standInCount } from '../support/standin-client.ts';
import { anarockLeadsFor, nextAnarockLead, submitByKeyboard } from '../support/visitor.ts';

const workerUrl = inject('workerUrl');
const standInUrl = inject('browserStandInUrl');
const browser = chromiumForThisFile();

const anarockCount = () => standInCount(standInUrl, 'anarock');

/** Opens the app on `query`, then its contact view through in-app navigation (the query leaves the URL). */
async function openContactView(query: string): Promise<{ page: Page; errors: string[]; scripts: string[] }> {
  const page = await (await browser().newContext()).newPage();
  const errors = pageErrors(page);
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  const scripts: string[] = [];
  page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
  await page.goto(`${workerUrl}/app.html${query}`);
  await page.getByRole('button', { name: 'Get a call back' }).click();
  await page.locator('form.lead-form').waitFor();
  return { page, errors, scripts };
}

describe('LeadForm, the Preact component, in Chromium', () => {
  it('keeps the landing campaign across an in-app route change and submits with the keyboard alone', async () => {
    const { page, errors, scripts } = await openContactView(`?utm_source=newsletter&utm_medium=email&utm_campaign=may&gclid=C-77&standins=${encodeURIComponent(standInUrl)}`);
    expect(new URL(page.url()).search).toBe(''); // the router dropped the campaign from the URL
    const before = await anarockCount();
    await submitByKeyboard(page, 'Keyboard Component');
    const lead = await nextAnarockLead(page, standInUrl, before, 'Keyboard Component');
    expect(lead).toMatchObject({ name: 'Keyboard Component', phone: '9876543210', source: 'newsletter', sub_source: 'email', placement: 'may' });
    expect(lead['extra_details']).toMatchObject({ gclid: 'C-77', first_utm_source: 'newsletter', page_url: `${workerUrl}/app` }); // the asset server serves app.html as /app
    // The demo shows what the stand-in received, as on the script-tag pages.
    await expect.poll(() => page.locator('[data-standin-for="anarock"] .verdict').textContent()).toContain('Signature verified');
    expect(errors).toEqual([]);
    expect(scripts.filter((path) => path.includes('/ar-'))).toEqual([]); // an English page never fetches Arabic
  });

  it('moves focus to the first invalid field and sends one lead for a double click', async () => {
    const { page } = await openContactView('');
    await page.getByRole('button', { name: 'Send' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    expect(await page.getByLabel('Full name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('status').textContent()).toBe('Please correct the highlighted fields.');

    const before = await anarockCount();
    await page.getByLabel('Full name').fill('Double Click Component');
    await page.getByLabel('Phone').fill('+91 98765 43210');
    await page.getByRole('button', { name: 'Send' }).dblclick();
    await nextAnarockLead(page, standInUrl, before, 'Double Click Component');
    await page.waitForTimeout(300);
    expect(await anarockLeadsFor(standInUrl, before, 'Double Click Component')).toHaveLength(1);
  });

  it('sends a click made before its submit path has arrived, once it arrives, as one lead', async () => {
    const page = await (await browser().newContext()).newPage();
    const errors = pageErrors(page);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    // The submit path's chunk of the app's bundle is held back until the click has been made.
    await page.route(/\/submit-path-[\w-]+\.js$/, async (route) => {
      asked++;
      await held;
      await route.continue();
    });
    await page.goto(`${workerUrl}/app.html`);
    await page.getByRole('button', { name: 'Get a call back' }).click();
    await page.locator('form.lead-form').waitFor(); // rendered without it
    expect(asked).toBe(0); // an empty outbox: nothing asked for before the visitor turns to the form
    const before = await anarockCount();
    await page.getByLabel('Full name').fill('Early Click Component');
    await page.getByLabel('Phone').fill('+91 98765 43210');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => asked).toBe(1);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    expect(await anarockLeadsFor(standInUrl, before, 'Early Click Component')).toHaveLength(0);
    release();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Thank you! We have received your details.');
    await expect.poll(async () => (await anarockLeadsFor(standInUrl, before, 'Early Click Component')).length).toBe(1);
    expect(errors).toEqual([]);
  });

  it('fetches Arabic when an Arabic form mounts and lays it out right to left', async () => {
    const { page, errors, scripts } = await openContactView('?locale=ar');
    const form = page.locator('form.lead-form');
    expect(await form.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    expect(await page.locator('form.lead-form label').allTextContents()).toEqual(['الاسم الكامل', 'رقم الهاتف', 'البريد الإلكتروني']);
    expect(scripts.filter((path) => path.includes('/ar-'))).toHaveLength(1);
    await page.getByRole('button', { name: 'إرسال' }).click();
    await expect.poll(() => page.locator('.lead-error').first().textContent()).toBe('هذا الحقل مطلوب');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'component-arabic-errors.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
