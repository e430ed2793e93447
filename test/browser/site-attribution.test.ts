// Attribution on a site of its own, with the Worker on another origin of the same site (both on
// 127.0.0.1: cookies ignore ports, so the browser calls them same-site, as it does for
// www.example.com and leads.example.com). Channels without UTMs, no self-referral from a payment
// page, the Worker's own cookie surviving the loss of all script storage, and consent from a CMP.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../../scripts/local-stack.ts';
import { chromiumForThisFile, pageErrors } from '../support/chromium.ts';
import { serveForeignSite, type ForeignSite } from '../support/foreign-site.ts';
import { standInCount } from '../support/standin-client.ts';
import { anarockLeadsFor, nextAnarockLead } from '../support/visitor.ts';

const workerUrl = inject('workerUrl');
const standInUrl = inject('browserStandInUrl');
// The foreign site's origin of the other test file; this file serves its own pages on it while it runs.
const siteOrigin = inject('siteOrigin');
const browser = chromiumForThisFile();

const FORM = `<form data-lead-form="site-widget">
  <label for="name">Full name</label><input id="name" name="name" required>
  <label for="phone">Phone</label><input id="phone" name="phone" type="tel" required>
  <button type="submit">Send</button>
</form>`;

/** A page of the site with widget.js (and `head`, e.g. a consent tool), loaded in order before the load event. */
const page = (head = '', widgetAttributes = '') =>
  `<!doctype html><html lang="en"><head><title>Villas</title>${head}<script src="${workerUrl}/widget.js"${widgetAttributes}></script></head><body>${FORM}</body></html>`;

/** A stand-in CMP answering TCF's addEventListener with one stored choice about Purpose 1. */
const tcfCmp = (consent: boolean) =>
  `<script>window.__tcfapi = (command, version, callback) => { if (command === 'addEventListener') callback({ gdprApplies: true, eventStatus: 'tcloaded', purpose: { consents: { 1: ${consent} } } }, true); };</script>`;

/** A page of the site with attribution.js, and `body` (a form that posts elsewhere, or nothing). */
const attributionPage = (body = '') => `<!doctype html><html lang="en"><head><title>Villas</title><script src="${workerUrl}/attribution.js"></script></head><body>${body}</body></html>`;
const ELSEWHERE_FORM = '<form action="/elsewhere"><input type="hidden" name="utm_campaign"><input type="hidden" name="first_utm_source"></form>';

let site: ForeignSite;
beforeAll(async () => {
  site = await serveForeignSite(siteOrigin, {
    '/villas': page(),
    '/brochure': attributionPage(ELSEWHERE_FORM),
    '/about': attributionPage(),
    '/consent-yes': page(tcfCmp(true), ' data-consent-required') + `<script src="${workerUrl}/consent.js" data-consent-from="tcf"></script>`,
    '/consent-no': page(tcfCmp(false), ' data-consent-required') + `<script src="${workerUrl}/consent.js" data-consent-from="tcf"></script>`,
  });
});
afterAll(() => site.close());

async function submit(page: Page, name: string): Promise<Record<string, unknown>> {
  const before = await standInCount(standInUrl, 'anarock');
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Phone').fill('+91 98765 43210');
  await page.getByRole('button', { name: 'Send' }).click();
  return nextAnarockLead(page, standInUrl, before, name);
}

const touchCookie = async (context: BrowserContext) => (await context.cookies(workerUrl)).find((cookie) => cookie.name === 'leadrelay_touch');

describe('attribution on the site', () => {
  it('names the source and channel of a visit from a Google search without UTMs', async () => {
    const tab = await (await browser().newContext()).newPage();
    const errors = pageErrors(tab);
    await tab.goto(`${site.origin}/villas`, { referer: 'https://www.google.com/' });
    const lead = await submit(tab, 'Kavya Rao');
    expect(lead['source']).toBe('google');
    expect(lead['extra_details']).toMatchObject({ channel: 'Organic Search', medium: 'organic', referrer: 'https://www.google.com/' });
    expect(errors).toEqual([]);
  });

  it('keeps the campaign as last touch when the visitor comes back from a payment page', async () => {
    const tab = await (await browser().newContext()).newPage();
    await tab.goto(`${site.origin}/villas?utm_source=Newsletter&UTM_Campaign=Winter%20Offer`);
    await tab.goto(`${site.origin}/villas`, { referer: 'https://checkout.stripe.com/c/pay/cs_test_1' });
    const lead = await submit(tab, 'Arjun Pillai');
    expect(lead).toMatchObject({ source: 'Newsletter', placement: 'Winter Offer' }); // keys in any case, values decoded (placement: utm_campaign)
    expect(lead['extra_details']).not.toHaveProperty('referrer');
  });

  it('holds a click made before site.js arrives until the return from Stripe is decided: the lead keeps the campaign', async () => {
    const context = await browser().newContext();
    const tab = await context.newPage();
    const errors = pageErrors(tab);
    await tab.goto(`${site.origin}/villas?utm_source=Newsletter&utm_campaign=Spring%20Launch`);
    // Without the Worker's cookie (it would merge the campaign in), only what the widget sends can carry it.
    await expect.poll(async () => (await touchCookie(context))?.httpOnly).toBe(true);
    await context.clearCookies();
    // The next page view comes from Stripe: whether that is a new source, site.js decides. It is held
    // until the visitor has clicked Send, as on a slow network.
    let release!: () => void;
    const clicked = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    await context.route(`${workerUrl}/site.js`, async (route) => {
      held++;
      await clicked;
      await route.continue();
    });
    // The load event waits for site.js: the page is ready to use before it.
    await tab.goto(`${site.origin}/villas`, { referer: 'https://checkout.stripe.com/c/pay/cs_test_2', waitUntil: 'domcontentloaded' });
    await expect.poll(() => tab.locator('form').getAttribute('novalidate')).toBe(''); // the widget has the form
    const before = await standInCount(standInUrl, 'anarock');
    await tab.getByLabel('Full name').fill('Meera Iyer');
    await tab.getByLabel('Phone').fill('+91 98765 43210');
    await tab.getByRole('button', { name: 'Send' }).click();
    expect(held).toBe(1);
    expect(await anarockLeadsFor(standInUrl, before, 'Meera Iyer')).toHaveLength(0); // the submit waits for the touch decision
    release();
    const lead = await nextAnarockLead(tab, standInUrl, before, 'Meera Iyer');
    expect(lead).toMatchObject({ source: 'Newsletter', placement: 'Spring Launch' });
    expect(lead['extra_details']).not.toHaveProperty('referrer');
    expect(errors).toEqual([]);
  });

  it('delivers the first-touch campaign after every script-readable storage was deleted (the Worker\'s HttpOnly cookie)', async () => {
    const context = await browser().newContext();
    const tab = await context.newPage();
    await tab.goto(`${site.origin}/villas?utm_source=partner&utm_medium=referral&utm_campaign=launch`);
    // The widget sent the touch to the Worker on the same site, which keeps it in its own cookie.
    await expect.poll(async () => (await touchCookie(context))?.httpOnly).toBe(true);
    expect(await touchCookie(context)).toMatchObject({ sameSite: 'Lax', secure: true });

    // What Safari does after 7 days: localStorage and every cookie a script could write are gone.
    await tab.evaluate(() => localStorage.clear());
    for (const cookie of await context.cookies()) if (!cookie.httpOnly) await context.clearCookies({ name: cookie.name, domain: cookie.domain, path: cookie.path });
    expect((await context.cookies()).map((cookie) => cookie.name)).toEqual(['leadrelay_touch']);

    await tab.goto(`${site.origin}/villas`);
    const lead = await submit(tab, 'Leela Nair');
    expect(lead).toMatchObject({ source: 'partner', sub_source: 'referral', placement: 'launch' });
    expect(lead['extra_details']).toMatchObject({ first_utm_campaign: 'launch', first_utm_source: 'partner' });
  });
});

describe('attribution.js, whose tracker (touch.js) comes only when a page view needs it', () => {
  it('records a campaign landing with touch.js, fetches nothing for a page that changes nothing, and fills a later form from what is stored', async () => {
    const tab = await (await browser().newContext()).newPage();
    const errors = pageErrors(tab);
    const scripts: string[] = [];
    tab.on('request', (request) => {
      if (request.url().endsWith('.js')) scripts.push(new URL(request.url()).pathname);
    });
    const hidden = (name: string) => tab.locator(`input[name=${name}]`).inputValue();
    const stored = () => tab.evaluate(() => JSON.parse(localStorage.getItem('leadrelay_attribution') ?? '{}').last?.utm_campaign);

    await tab.goto(`${site.origin}/brochure?utm_source=Newsletter&UTM_Campaign=Winter%20Offer`);
    await expect.poll(() => hidden('utm_campaign')).toBe('Winter Offer');
    expect(await hidden('first_utm_source')).toBe('Newsletter');
    expect(scripts).toEqual(['/attribution.js', '/touch.js']);

    scripts.length = 0;
    await tab.goto(`${site.origin}/about`, { referer: `${site.origin}/brochure` });
    expect(await tab.evaluate(() => document.readyState)).toBe('complete');
    expect(scripts).toEqual(['/attribution.js']); // a click inside the site with the campaign stored: nothing to change
    expect(await stored()).toBe('Winter Offer');

    await tab.goto(`${site.origin}/brochure`, { referer: `${site.origin}/about` });
    await expect.poll(() => hidden('utm_campaign')).toBe('Winter Offer'); // touch.js fills the form from what is stored
    expect(errors).toEqual([]);
  });
});

describe('the site\'s own hosts, by the browser\'s public-suffix list', () => {
  it('counts shop.example.co.uk as the site of www.example.co.uk, and other.co.uk as another site', async () => {
    const context = await browser().newContext();
    // www.example.co.uk is the test itself: its pages, widget.js and site.js (which decides
    // whether a referrer of another host is the site) as built, and a 204 for anything else (the
    // widget's touches, on what is its own origin here). Chromium would not let a page of a public
    // host load a script from 127.0.0.1.
    const built = (file: string) => readFileSync(join(ROOT, 'dist', file), 'utf8');
    const villas = page().replace(`${workerUrl}/widget.js`, '/widget.js');
    await context.route(/^http:\/\/[a-z.]+\.co\.uk\//, (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname === '/villas') return route.fulfill({ contentType: 'text/html', body: villas });
      if (pathname === '/widget.js' || pathname === '/site.js') return route.fulfill({ contentType: 'text/javascript', body: built(pathname.slice(1)) });
      return route.fulfill({ status: 204 });
    });
    const tab = await context.newPage();
    const lastCampaign = () =>
      tab.evaluate(() => new Promise((resolve) => (window as unknown as { leadrelay: (...args: unknown[]) => void }).leadrelay('attribution', (attribution: { last?: { utm_campaign?: string; referrer?: string } }) => resolve(attribution.last?.utm_campaign ?? attribution.last?.referrer))));
    await tab.goto('http://www.example.co.uk/villas?utm_campaign=spring');
    await tab.goto('http://www.example.co.uk/villas', { referer: 'http://shop.example.co.uk/cart' });
    expect(await lastCampaign()).toBe('spring');
    await tab.goto('http://www.example.co.uk/villas', { referer: 'http://other.co.uk/' });
    expect(await lastCampaign()).toBe('http://other.co.uk/');
    // The probe cookies are gone again.
    expect(await context.cookies('http://www.example.co.uk/')).toEqual([]);
  });
});

describe('a Worker on another site', () => {
  it('leaves the cookie mode off: no touch is sent and no cookie set', async () => {
    // localhost and 127.0.0.1 are two sites to a browser, whatever the port.
    const crossSite = site.origin.replace('127.0.0.1', 'localhost');
    const context = await browser().newContext();
    const tab = await context.newPage();
    const touches: string[] = [];
    const scripts: string[] = [];
    tab.on('request', (request) => {
      if (new URL(request.url()).pathname === '/v1/touch') touches.push(request.url());
      if (request.url().endsWith('.js')) scripts.push(new URL(request.url()).pathname);
    });
    await tab.goto(`${crossSite}/villas?utm_source=google&utm_campaign=elsewhere`);
    expect(await tab.evaluate(() => JSON.parse(localStorage.getItem('leadrelay_attribution') ?? '{}').first?.utm_campaign)).toBe('elsewhere');
    expect(touches).toEqual([]);
    expect(scripts).toEqual(['/widget.js']); // no site.js: no referrer of another host, and the Worker is not on this site
    expect(await touchCookie(context)).toBeUndefined();
  });
});

describe('the consent adapter with a TCF CMP', () => {
  it('grants storage when the CMP says yes', async () => {
    const context = await browser().newContext();
    const tab = await context.newPage();
    const errors = pageErrors(tab);
    await tab.goto(`${site.origin}/consent-yes?utm_source=google&utm_campaign=consented`);
    await expect.poll(() => tab.evaluate(() => JSON.parse(localStorage.getItem('leadrelay_attribution') ?? '{}').first?.utm_campaign)).toBe('consented');
    await expect.poll(async () => (await touchCookie(context))?.httpOnly).toBe(true);
    expect(errors).toEqual([]);
  });

  it('writes nothing when the CMP says no', async () => {
    const context = await browser().newContext();
    const tab = await context.newPage();
    const touches: string[] = [];
    tab.on('request', (request) => {
      if (new URL(request.url()).pathname === '/v1/touch') touches.push(request.postData() ?? '');
    });
    await tab.goto(`${site.origin}/consent-no?utm_source=google&utm_campaign=refused`);
    // Every script ran before the load event; the widget still knows the campaign, for this page only.
    expect(await tab.evaluate(() => new Promise((resolve) => (window as unknown as { leadrelay: (...args: unknown[]) => void }).leadrelay('attribution', (attribution: { last?: { utm_campaign?: string } }) => resolve(attribution.last?.utm_campaign))))).toBe('refused');
    expect(await tab.evaluate(() => localStorage.length)).toBe(0);
    expect(await context.cookies()).toEqual([]);
    // At most the erase request of a withdrawal; never a touch.
    expect(touches.filter((body) => body !== 'null')).toEqual([]);
  });
});
