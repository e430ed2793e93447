// A static site on its own origin posting to the Worker, as a site owner's real site does:
// every refusal is readable by the page, and a form works with JavaScript turned off.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { leadFormSnippet, type WidgetManifest } from '../../shared/snippet.ts';
import { chromiumForThisFile, pageErrors, SCREENSHOTS } from '../support/chromium.ts';
import { serveForeignSite, type ForeignSite, type SitePage } from '../support/foreign-site.ts';
import { standInRequests } from '../support/standin-client.ts';
import { anarockLeadsFor } from '../support/visitor.ts';

const workerUrl = inject('workerUrl');
const standInUrl = inject('browserStandInUrl');
const siteOrigin = inject('siteOrigin');
const browser = chromiumForThisFile();
const leadUrl = (formId: string) => `${workerUrl}/v1/forms/${formId}/leads`;

const NO_JS_FORM = `<!doctype html><html lang="en"><head><title>Villas</title></head><body>
<form method="post" action="${leadUrl('site-anarock')}">
  <label>Full name <input name="name" required></label>
  <label>Phone <input name="phone" type="tel" required></label>
  <label>Project <select name="project"><option>Runwal Greens</option><option>Sea Breeze</option></select></label>
  <input type="hidden" name="locale" value="en">
  <button type="submit">Send</button>
</form></body></html>`;

// widget.js from the Worker's origin, as a site owner's snippet loads it; the page is on the site's own origin.
const WIDGET_FORM = `<!doctype html><html lang="en"><head><title>Villas</title><script src="${workerUrl}/widget.js" async></script></head><body>
<form data-lead-form="site-widget">
  <label>Full name <input name="name" required></label>
  <label>Phone <input name="phone" type="tel" required></label>
  <button type="submit">Send</button>
</form></body></html>`;

// Pages by path; a describe block below adds its own before its tests run.
const pages: Record<string, SitePage> = { '/': '<!doctype html><title>Site</title><p>Site</p>', '/enquire': NO_JS_FORM, '/widget': WIDGET_FORM };
let site: ForeignSite;
beforeAll(async () => {
  site = await serveForeignSite(siteOrigin, pages);
});
afterAll(() => site.close());

/** What the page can read of a POST it makes, or the browser's error when it can read nothing. */
type Readable = { status: number; code: string | undefined; retryAfter: string | null } | { failed: string };

describe('answers the page on another origin can read', () => {
  async function postFromSite(formId: string, fields: Record<string, string>, contentType: string): Promise<Readable> {
    const page = await (await browser().newContext()).newPage();
    await page.goto(`${site.origin}/`);
    return page.evaluate(
      async ({ url, fields, contentType }) => {
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify({ fields, idempotencyKey: crypto.randomUUID() }) });
          const body = (await response.json()) as { error?: { code?: string } };
          return { status: response.status, code: body.error?.code, retryAfter: response.headers.get('retry-after') };
        } catch (error) {
          return { failed: String(error) };
        }
      },
      { url: leadUrl(formId), fields, contentType },
    );
  }
  const person = { name: 'Meera Iyer', phone: '+91 98765 43210' };

  for (const contentType of ['text/plain;charset=UTF-8', 'application/json']) {
    it(`reads a wrong origin, an unknown form and an invalid field (${contentType}, ${contentType.startsWith('text') ? 'no preflight' : 'after a preflight'})`, async () => {
      const before = (await standInRequests(standInUrl, 'anarock')).length;
      // A name of this run's own: the other run's accepted lead may reach the stand-in meanwhile.
      const visitor = { ...person, name: `Meera Iyer ${contentType.startsWith('text') ? 'Plain' : 'Json'}` };
      expect(await postFromSite('demo-anarock', visitor, contentType)).toEqual({ status: 403, code: 'forbidden_origin', retryAfter: null });
      expect(await postFromSite('no-such-form', visitor, contentType)).toEqual({ status: 404, code: 'unknown_form', retryAfter: null });
      expect(await postFromSite('site-anarock', { ...visitor, email: 'not-an-email' }, contentType)).toEqual({ status: 400, code: 'invalid_input', retryAfter: null });
      // Reading the refusal granted nothing: the wrong origin's lead never reached the provider.
      expect(await anarockLeadsFor(standInUrl, before, visitor.name)).toHaveLength(0);
      expect(await postFromSite('site-anarock', visitor, contentType)).toEqual({ status: 202, code: undefined, retryAfter: null });
    });
  }

  it('reads a 429 and its Retry-After', async () => {
    // 3 a minute, counted in fixed windows: on a slow machine the posts may straddle a window's
    // end, so post until the limit answers (at most 7 posts reach it whatever the timing).
    const statuses: Readable[] = [];
    const limited = () => { const last = statuses.at(-1); return last !== undefined && 'status' in last && last.status === 429; };
    while (statuses.length < 7 && !limited()) statuses.push(await postFromSite('site-strict', person, 'text/plain;charset=UTF-8'));
    expect(statuses.at(-1)).toEqual({ status: 429, code: 'rate_limited', retryAfter: '60' });
    expect(statuses.slice(0, -1)).toEqual(Array(statuses.length - 1).fill({ status: 202, code: undefined, retryAfter: null }));
    expect(statuses.length).toBeGreaterThanOrEqual(4);
  });
});

describe('widget.js on a site of another origin', () => {
  it('fetches submit.js from its own origin on the first focus, and a click before it arrives still sends the lead', async () => {
    const page = await (await browser().newContext()).newPage();
    const errors = pageErrors(page);
    const scripts: string[] = [];
    page.on('request', (request) => request.url().endsWith('.js') && scripts.push(request.url()));
    // submit.js is held until the visitor has clicked, as on a slow network.
    let release!: () => void;
    const clicked = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${workerUrl}/submit.js`, async (route) => {
      await clicked;
      await route.continue();
    });
    await page.goto(`${site.origin}/widget`);
    await expect.poll(() => page.locator('form').getAttribute('novalidate')).toBe(''); // prepared
    // site.js as well: the Worker is on this page's host (127.0.0.1, another port), so the same-site
    // cookie mode is on. Nothing else until a form is used.
    expect(scripts).toEqual([`${workerUrl}/widget.js`, `${workerUrl}/site.js`]);
    const before = (await standInRequests(standInUrl, 'anarock')).length;

    await page.getByLabel('Full name').fill('Farah Siddiqui');
    await page.getByLabel('Phone').fill('+91 98765 43210');
    await page.getByRole('button', { name: 'Send' }).click();
    expect(scripts).toEqual([`${workerUrl}/widget.js`, `${workerUrl}/site.js`, `${workerUrl}/submit.js`]); // from widget.js's origin, not the site's
    expect(page.url()).toBe(`${site.origin}/widget`); // the click was held, not a native submit
    release();

    await expect.poll(() => page.getByRole('status').textContent()).toBe('Thank you! We have received your details.');
    const received = await anarockLeadsFor(standInUrl, before, 'Farah Siddiqui');
    expect(received).toHaveLength(1);
    expect(received[0]?.parsed).toMatchObject({ name: 'Farah Siddiqui', campaign_id: 'site-campaign' });
    expect(errors).toEqual([]);
  });
});

describe('the form with JavaScript disabled', () => {
  it('posts to the Worker, lands on the thank-you page, and no URL on the way carries what was typed', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const errors = pageErrors(page);
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    page.on('framenavigated', (frame) => urls.push(frame.url()));
    const before = (await standInRequests(standInUrl, 'anarock')).length;

    await page.goto(`${site.origin}/enquire`);
    const name = 'Zainab Qureshi';
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Phone').fill('+91 98765 43210');
    await page.getByLabel('Project').selectOption('Sea Breeze');
    await Promise.all([page.waitForURL(/\/thank-you/), page.getByRole('button', { name: 'Send' }).click()]);

    expect(await page.getByRole('heading').textContent()).toBe('Thank you!');
    expect(new URL(page.url()).origin).toBe(workerUrl);
    // Chromium's default Referrer-Policy (strict-origin-when-cross-origin) sends only the site's origin: the link goes home.
    expect(await page.getByRole('link', { name: 'Back to the form' }).getAttribute('href')).toBe(`${site.origin}/`);
    // The stylesheet loaded under the page's CSP (no inline style), so the page is styled.
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('flex');

    const received = await anarockLeadsFor(standInUrl, before, name);
    expect(received).toHaveLength(1);
    expect(received[0]?.authenticated).toBe(true);
    expect(received[0]?.parsed).toMatchObject({ name, phone: '9876543210', campaign_id: 'site-campaign' });

    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) {
      const decoded = decodeURIComponent(url.replaceAll('+', ' '));
      for (const typed of [name, 'Zainab', 'Qureshi', '98765', 'Sea Breeze']) expect(decoded, url).not.toContain(typed);
    }
    expect(errors).toEqual([]);
  });

  it('shows a readable refusal page for an invalid field, not JSON', async () => {
    const page = await (await browser().newContext({ javaScriptEnabled: false, locale: 'ar' })).newPage();
    await page.goto(`${site.origin}/enquire`);
    await page.getByLabel('Full name').fill('Omar');
    await page.getByLabel('Phone').fill('+91 12345');
    const [response] = await Promise.all([page.waitForResponse(leadUrl('site-anarock')), page.getByRole('button', { name: 'Send' }).click()]);
    expect(response.status()).toBe(400);
    await page.waitForLoadState();
    expect(await page.locator('li').allTextContents()).toEqual([expect.stringMatching(/^phone: Enter a valid phone number/)]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en'); // the form's hidden locale field wins over the browser's Accept-Language
  });
});

describe('the styled rendered form on a site with a strict CSP', () => {
  // The site allows the Worker's scripts, styles, connections and form posts, and nothing inline.
  const csp = `default-src 'none'; script-src ${workerUrl}; style-src ${workerUrl}; connect-src ${workerUrl}; form-action ${workerUrl}; base-uri 'none'`;
  // Six fields shown, the message box counting two: seven rows of leadrelay.css, kept as README says (data-rows).
  const renderedPage = (lang: 'en' | 'ar', budgetLabel: string, budgets: string, rows = ' data-rows="7"') => ({
    html: `<!doctype html><html lang="${lang}"${lang === 'ar' ? ' dir="rtl"' : ''}><head><meta charset="utf-8"><title>Enquire</title>
<link rel="stylesheet" href="${workerUrl}/leadrelay.css"><script src="${workerUrl}/widget.js" async></script></head>
<body><h1>Enquire</h1><div data-lead-form="site-anarock" data-fields="name*, phone*, email, budget*:select(${budgets}), consent*:checkbox, message, source:hidden(Site)" data-labels='{"budget":"${budgetLabel}"}'${rows}></div>
<p id="below">We call back within the hour.</p></body></html>`,
    headers: { 'content-security-policy': csp },
  });
  beforeAll(() => {
    pages['/rendered-en'] = renderedPage('en', 'Budget', 'Under 1 crore|1–2 crore|Over 2 crore');
    pages['/rendered-ar'] = renderedPage('ar', 'الميزانية', 'أقل من مليون|مليون إلى مليونين|أكثر من مليونين');
    pages['/rendered-unreserved'] = renderedPage('en', 'Budget', 'Under 1 crore|1–2 crore|Over 2 crore', '');
  });

  /**
   * Loads `path` with widget.js held back until the page has painted, so the form always arrives
   * after a first paint (as it may in any real load), then reads every layout shift of the load
   * and where the paragraph below the form stood before and after.
   */
  async function loadHeldBack(path: string, width: number) {
    const context = await browser().newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    let release!: () => void;
    const painted = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${workerUrl}/widget.js`, async (route) => {
      await painted;
      await route.continue();
    });
    // An init script, so the page's CSP (no inline scripts) leaves it alone.
    await page.addInitScript(() => {
      const shifts: number[] = ((window as unknown as { shifts: number[] }).shifts = []);
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number }>) shifts.push(entry.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const twoFrames = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const below = () => page.locator('#below').evaluate((element) => element.getBoundingClientRect().top);
    await page.goto(`${site.origin}${path}`, { waitUntil: 'domcontentloaded' });
    await twoFrames(); // the page has painted, the form not there yet
    const before = { below: await below(), host: await page.locator('div[data-lead-form]').evaluate((element) => element.getBoundingClientRect().height) };
    release();
    await page.locator('form.lead-form').waitFor();
    await twoFrames(); // shifts are reported after the frame that shows them
    const after = { below: await below(), form: await page.locator('form.lead-form').evaluate((element) => element.getBoundingClientRect().height) };
    const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
    await context.close();
    return { before, after, shifts };
  }

  for (const [lang, width] of [['en', 640], ['ar', 320]] as const) {
    it(`keeps the rendered form's space from the first paint: nothing below it moves when it arrives (${lang}, ${width} px wide)`, async () => {
      const { before, after, shifts } = await loadHeldBack(`/rendered-${lang}`, width);
      expect(before.host).toBeGreaterThan(0);
      expect(Math.abs(after.form - before.host)).toBeLessThan(0.1); // the form fills what was kept (layout rounds to 1/64 px)
      expect(after.below).toBe(before.below);
      expect(shifts).toEqual([]);
    });
  }

  it('without data-rows, the same form pushes what is below it down when it arrives (what the reservation prevents)', async () => {
    const { before, after, shifts } = await loadHeldBack('/rendered-unreserved', 640);
    expect(before.host).toBe(0);
    expect(after.below).toBeGreaterThan(before.below + 500);
    expect(shifts.reduce((total, shift) => total + shift, 0)).toBeGreaterThan(0);
  });

  for (const lang of ['en', 'ar'] as const) {
    it(`lays out labels, fields, the consent box and errors (${lang}), with nothing refused by the CSP`, async () => {
      const page = await (await browser().newContext({ viewport: { width: 640, height: 900 } })).newPage();
      const errors = pageErrors(page);
      const refused: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      await page.goto(`${site.origin}/rendered-${lang}`);
      const form = page.locator('form.lead-form');
      await form.waitFor();
      await page.locator('button[type=submit]').click();
      await page.locator('.lead-error').first().waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, `foreign-site-rendered-${lang}.png`), fullPage: true });

      expect(await form.evaluate((element) => [getComputedStyle(element).display, getComputedStyle(element).direction])).toEqual(['flex', lang === 'ar' ? 'rtl' : 'ltr']);
      const box = async (selector: string) => (await page.locator(selector).boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
      // A label stands above its input, with room between them: not jammed against it.
      const [nameLabel, nameInput] = [await box('label[for="site-anarock-name"]'), await box('#site-anarock-name')];
      expect(nameInput.y).toBeGreaterThanOrEqual(nameLabel.y + nameLabel.height);
      // The form starts at the line's start: the left in English, the right in Arabic.
      const formBox = await box('form.lead-form');
      if (lang === 'en') expect(Math.abs(nameLabel.x - formBox.x)).toBeLessThan(2);
      else expect(Math.abs(nameLabel.x + nameLabel.width - (formBox.x + formBox.width))).toBeLessThan(2);
      // The consent box comes first in reading order: left of its label in English, right of it in Arabic.
      const [consent, consentLabel] = [await box('#site-anarock-consent'), await box('label[for="site-anarock-consent"]')];
      if (lang === 'en') expect(consent.x + consent.width).toBeLessThanOrEqual(consentLabel.x);
      else expect(consent.x).toBeGreaterThanOrEqual(consentLabel.x + consentLabel.width);
      // Every required field has its message, in the page's language.
      const messages = await page.locator('.lead-error').allTextContents();
      expect(messages).toEqual(Array(4).fill(lang === 'ar' ? 'هذا الحقل مطلوب' : 'This field is required'));
      expect(refused).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});

describe('the snippet with JavaScript disabled', () => {
  beforeAll(async () => {
    const manifest = (await (await fetch(`${workerUrl}/manifest.json`)).json()) as WidgetManifest;
    const snippet = leadFormSnippet(workerUrl, { id: 'site-hotwire', provider: 'hotwire' }, manifest);
    pages['/snippet'] = `<!doctype html><html lang="en"><head><title>Villas</title></head><body>\n${snippet}\n</body></html>`;
  });

  it('posts what Hotwire needs to the Worker, lands on the thank-you page, and no URL on the way carries what was typed', async () => {
    const page = await (await browser().newContext({ javaScriptEnabled: false })).newPage();
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    page.on('framenavigated', (frame) => urls.push(frame.url()));
    const before = (await standInRequests(standInUrl, 'hotwire')).length;
    await page.goto(`${site.origin}/snippet`);
    // The pinned stylesheet loaded with its integrity hash.
    expect(await page.locator('form').evaluate((element) => getComputedStyle(element).display)).toBe('flex');
    await page.screenshot({ path: join(SCREENSHOTS, 'foreign-site-snippet-no-js.png'), fullPage: true });
    const typed = { 'First name': 'Farida', 'Last name': 'Rahimova', Email: 'farida.rahimova@example.com' };
    for (const [label, value] of Object.entries(typed)) await page.getByLabel(label, { exact: true }).fill(value);

    // The consent box is required: without it the browser itself does not send the form.
    await page.getByRole('button', { name: 'Send' }).click();
    expect(page.url()).toBe(`${site.origin}/snippet`);
    await page.getByLabel('I agree to be contacted about my enquiry').check();
    await Promise.all([page.waitForURL(/\/thank-you/), page.getByRole('button', { name: 'Send' }).click()]);
    expect(await page.getByRole('heading').textContent()).toBe('Thank you!');

    await expect.poll(async () => (await standInRequests(standInUrl, 'hotwire')).length).toBeGreaterThan(before);
    const sent = (await standInRequests(standInUrl, 'hotwire')).slice(before).flatMap((request) => request.parsed as unknown[]);
    expect(sent).toContainEqual(expect.objectContaining({ firstName: 'Farida', lastName: 'Rahimova', email: 'farida.rahimova@example.com' }));

    for (const url of urls) {
      const decoded = decodeURIComponent(url.replaceAll('+', ' '));
      for (const value of [...Object.values(typed), 'farida']) expect(decoded.toLowerCase(), url).not.toContain(value.toLowerCase());
    }
  });
});
