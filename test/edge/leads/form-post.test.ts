// A site whose widget.js never ran: the snippet's <form method="post" action="…/leads"> posts itself.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { TURNSTILE_TEST_TOKEN } from '../../../standins/turnstile.ts';
import { callWorker, marker, postForm, receivedWith, scriptStandIn } from '../helpers.ts';

const visitor = (mark: string, extra: Array<[string, string]> = []): Array<[string, string]> => [
  ['name', `Asha ${mark}`],
  ['phone', '+91 98765 43210'],
  ['email', 'asha@example.com'],
  ...extra,
];
const rowsWith = (mark: string) =>
  env.DB.prepare('SELECT id, status, last_error, idempotency_key, submission FROM leads WHERE submission LIKE ?1').bind(`%${mark}%`).all<Record<string, string>>();

/** The page's text without tags, for asserting what a visitor reads. */
const pageText = async (response: Response) =>
  (await response.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

async function expectRefusalPage(response: Response, status: number, ...texts: string[]) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  const text = await pageText(response);
  expect(text).not.toMatch(/"error"|\{"/); // a page, never a JSON dump
  for (const expected of texts) expect(text).toContain(expected);
  return text;
}

describe('a form post without JavaScript', () => {
  it('stores and delivers the lead, then sends the browser to the built-in thank-you page', async () => {
    const mark = marker();
    const response = await postForm('anarock-json', visitor(mark, [['project', 'Runwal Greens']]));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.pathname).toBe('/v1/forms/anarock-json/thank-you');
    expect(Object.fromEntries(location.searchParams)).toEqual({ lang: 'en', back: 'https://shop.example.com/villas/enquire' });
    expect(location.href).not.toContain('Asha');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');

    const [received, ...more] = await receivedWith(mark);
    expect(more).toHaveLength(0);
    expect(received?.parsed).toMatchObject({ name: `Asha ${mark}`, phone: '9876543210', listing_name: 'Runwal Greens', source: 'newsletter' });
    const { results } = await rowsWith(mark);
    expect(results).toHaveLength(1);
    expect(results[0]?.['status']).toBe('delivered');
    // No timing signal without JavaScript, and the form's minSubmitMs (1500 ms) does not make it spam.
    expect(JSON.parse(results[0]?.['submission'] ?? '{}').attribution.page.url).toBe('https://shop.example.com/villas/enquire?utm_source=newsletter');
  });

  it('reads the page\'s campaign keys as people type them', async () => {
    const mark = marker();
    const referer = 'https://shop.example.com/villas/enquire?UTM_Source=Partner%20Site&Utm_Campaign=+launch+&GCLID=G-9';
    expect((await postForm('anarock-json', visitor(mark), { referer })).status).toBe(303);
    const { results } = await rowsWith(mark);
    expect(JSON.parse(results[0]?.['submission'] ?? '{}').attribution.last).toMatchObject({ utm_source: 'Partner Site', utm_campaign: 'launch', gclid: 'G-9', landing_page: referer });
  });

  it('makes one lead of a double submit or a resubmit after Back', async () => {
    const mark = marker();
    const ip = { 'cf-connecting-ip': '198.51.100.23' };
    const first = await postForm('anarock-json', visitor(mark), ip);
    const again = await postForm('anarock-json', visitor(mark), ip);
    expect([first.status, again.status]).toEqual([303, 303]);
    expect((await rowsWith(mark)).results).toHaveLength(1);
    expect(await receivedWith(mark)).toHaveLength(1);
    // Someone else on another connection with other details is another lead.
    expect((await postForm('anarock-json', visitor(mark, [['remarks', 'second visitor']]), ip)).status).toBe(303);
    expect((await rowsWith(mark)).results).toHaveLength(2);
  });

  it('sends the browser to the form’s own thankYouUrl when it has one', async () => {
    const response = await postForm('thanks-test', visitor(marker()));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('https://shop.example.com/thanks');
  });

  it('takes multipart/form-data without files, and refuses a file', async () => {
    const mark = marker();
    const data = new FormData();
    for (const [name, value] of visitor(mark, [['locale', 'ar']])) data.append(name, value);
    data.append('brochure', new File([], '')); // an empty file input sends an empty part
    const response = await postForm('anarock-json', data);
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location') ?? '').searchParams.get('lang')).toBe('ar');
    expect(await receivedWith(mark)).toHaveLength(1);

    const withFile = new FormData();
    for (const [name, value] of visitor(marker())) withFile.append(name, value);
    withFile.append('cv', new File(['%PDF-1.7'], 'cv.pdf', { type: 'application/pdf' }));
    await expectRefusalPage(await postForm('anarock-json', withFile), 415, 'This form takes no files', 'cv: Files cannot be sent with this form');
  });

  it('refuses a foreign origin with a readable page and stores nothing', async () => {
    const mark = marker();
    const response = await postForm('anarock-json', visitor(mark), { origin: 'https://evil.example.net', referer: 'https://evil.example.net/' });
    await expectRefusalPage(response, 403, 'This site may not post to this form');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://evil.example.net');
    expect((await rowsWith(mark)).results).toHaveLength(0);
    expect(await receivedWith(mark)).toHaveLength(0);
  });

  it('refuses a post without an Origin (an old browser, Referrer-Policy: no-referrer sends "null")', async () => {
    const mark = marker();
    const bare = await callWorker('/v1/forms/anarock-json/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams(visitor(mark)).toString(),
    });
    await expectRefusalPage(bare, 403, 'server token');
    await expectRefusalPage(await postForm('anarock-json', visitor(mark), { origin: 'null' }), 403);
    expect((await rowsWith(mark)).results).toHaveLength(0);
  });

  it('refuses in Arabic, right to left, for an Arabic browser', async () => {
    const response = await postForm('anarock-json', visitor(marker()), { origin: 'https://evil.example.net', 'accept-language': 'ar-EG,ar;q=0.9' });
    const html = await response.text();
    expect(response.status).toBe(403);
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('لا يُسمح لهذا الموقع بالإرسال إلى هذا النموذج.');
  });

  it('answers an unknown form and a GET with pages', async () => {
    await expectRefusalPage(await postForm('nope', visitor(marker())), 404, 'No form with id "nope"');
    const get = await callWorker('/v1/forms/anarock-json/leads?name=x', { headers: { origin: 'https://shop.example.com', accept: 'text/html' } });
    await expectRefusalPage(get, 405, 'Use POST');
  });

  it('lists each field’s message on a 400 page, escaped, and stores nothing', async () => {
    const mark = marker();
    const text = await expectRefusalPage(
      await postForm('anarock-json', [['name', ''], ['email', `not-an-email ${mark}`], ['phone', '+91 12345']]),
      400,
      'Some fields need attention',
      'email: Enter a valid email address',
    );
    expect(text).toContain('name:');
    const tags = await postForm('anarock-json', visitor(mark, [['<b>x', 'y']]));
    expect(tags.status).toBe(400);
    expect(await tags.text()).toContain('&lt;b&gt;x: Field names are letters');
    await expectRefusalPage(await postForm('anarock-json', visitor(mark, [['phone', '+91 12345']])), 400, 'phone: Enter a valid phone number');
    await expectRefusalPage(await postForm('anarock-json', visitor(mark, [['max_budget', 'a lot']])), 400, 'max_budget: Enter a whole number');
    await expectRefusalPage(await postForm('fields-reject', visitor(mark, [['coupon', 'FREE']])), 400, 'coupon: This form does not take this field');
    await expectRefusalPage(await postForm('anarock-json', visitor(mark, [['locale', 'not a language']])), 400, 'locale: Must be a language tag');
    expect((await rowsWith(mark)).results).toHaveLength(0);
  });

  it('drops fields a form does not list when it says drop', async () => {
    const mark = marker();
    expect((await postForm('fields-drop', visitor(mark, [['coupon', 'FREE']]))).status).toBe(303);
    expect(JSON.stringify((await receivedWith(mark))[0]?.parsed)).not.toContain('FREE');
  });

  it('refuses a body over 32 KB, declared or not', async () => {
    const mark = marker();
    await expectRefusalPage(await postForm('anarock-json', visitor(mark, [['remarks', 'x'.repeat(40_000)]])), 413, 'over 32768 bytes');
    const streamed = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(new URLSearchParams(visitor(mark)).toString()));
        controller.enqueue(new TextEncoder().encode(`&remarks=${'y'.repeat(40_000)}`));
        controller.close();
      },
    });
    const chunked = await callWorker('/v1/forms/anarock-json/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://shop.example.com' },
      body: streamed,
      // @ts-expect-error: workerd's RequestInit takes duplex for a streamed body
      duplex: 'half',
    });
    await expectRefusalPage(chunked, 413);
    expect((await rowsWith(mark)).results).toHaveLength(0);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const response = await callWorker('/v1/forms/anarock-json/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://shop.example.com' },
      body: new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe]),
    });
    await expectRefusalPage(response, 400, 'body: Send the form as UTF-8 text');
  });

  it('answers 429 as a page that keeps Retry-After, once the connection is over its limit', async () => {
    const ip = { 'cf-connecting-ip': '203.0.113.77' };
    const statuses = [];
    for (let index = 0; index < 3; index++) statuses.push((await postForm('strict-test', visitor(marker()), ip)).status);
    expect(statuses).toEqual([303, 303, 303]);
    const limited = await postForm('strict-test', visitor(marker()), ip);
    await expectRefusalPage(limited, 429, 'Too many submissions', 'try again in 60 seconds');
    expect(limited.headers.get('retry-after')).toBe('60');
  });

  it('keeps a filled honeypot as spam behind the same thank-you redirect', async () => {
    const mark = marker();
    const response = await postForm('anarock-json', visitor(mark, [['lr_website', 'http://cheap-pills.example']]));
    expect(response.status).toBe(303);
    const { results } = await rowsWith(mark);
    expect(results.map((row) => [row['status'], row['last_error']])).toEqual([['spam', 'the honeypot field was filled in']]);
    expect(await receivedWith(mark)).toHaveLength(0);
  });

  it('checks Turnstile’s own input (cf-turnstile-response) on forms that require it', async () => {
    const missing = marker();
    expect((await postForm('turnstile-test', visitor(missing))).status).toBe(303);
    expect((await rowsWith(missing)).results[0]?.['status']).toBe('spam');
    const valid = marker();
    expect((await postForm('turnstile-test', visitor(valid, [['cf-turnstile-response', TURNSTILE_TEST_TOKEN]]))).status).toBe(303);
    expect((await rowsWith(valid)).results[0]?.['status']).toBe('delivered');
  });

  it('says so on a page when the provider refuses the lead', async () => {
    const mark = marker();
    await scriptStandIn('anarock', [{ status: 400, body: { status: 'ERROR', message: 'campaign_id unknown' }, match: mark }]);
    const response = await postForm('anarock-json', visitor(mark));
    await expectRefusalPage(response, 202, 'Your details could not be passed on');
  });
});

describe('the built-in thank-you page', () => {
  it('speaks the post’s language, right to left in Arabic, under the strict CSP with its stylesheet', async () => {
    const page = await callWorker('/v1/forms/anarock-json/thank-you?lang=ar&back=https%3A%2F%2Fshop.example.com%2Fvillas');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('شكراً لك!');
    expect(html).toContain('<a href="https://shop.example.com/villas">العودة إلى النموذج</a>');
    expect(html).toContain('<link rel="stylesheet" href="/v1/pages.css">');
    expect(html).not.toMatch(/<script|style=/);
    const css = await callWorker('/v1/pages.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('padding-inline-start');
  });

  it('falls back to Accept-Language, and links back only to the form’s own origins', async () => {
    const arabic = await callWorker('/v1/forms/anarock-json/thank-you?back=https%3A%2F%2Fevil.example.net%2F', { headers: { 'accept-language': 'fr;q=0.9, ar-EG;q=0.8, en;q=0.1' } });
    const html = await arabic.text();
    expect(html).toContain('dir="rtl"');
    expect(html).not.toContain('evil.example.net');
    const english = await (await callWorker('/v1/forms/anarock-json/thank-you')).text();
    expect(english).toContain('<html lang="en" dir="ltr">');
    expect(english).toContain('Thank you!');
  });
});
