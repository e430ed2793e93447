// Which country a national phone number is read in: the visitor's choice > the form's default > cf.country.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { marker, receivedWith, submission } from './helpers.ts';

/** Posts like a browser in `country` (Cloudflare sets request.cf.country; tests set it per request). */
async function postFrom(country: string | undefined, formId: string, fields: Record<string, string>) {
  const mark = marker();
  const request = new Request(`https://leads.example.net/v1/forms/${formId}/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.example.com', 'cf-connecting-ip': `192.0.2.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify(submission(mark, { fields: { name: `Asha ${mark}`, email: `${mark}@example.com`, consent: 'on', ...fields } })),
    ...(country ? { cf: { country } } : {}),
  });
  const response = await exports.default.fetch(request);
  return { response, received: await receivedWith(mark) };
}

describe('phone country', () => {
  it('uses request.cf.country when the form sets no default country', async () => {
    const { response, received } = await postFrom('AE', 'hotwire-test', { phone: '050 123 4567' });
    expect(response.status).toBe(202);
    expect(received).toHaveLength(1);
    const { response: india } = await postFrom('IN', 'hotwire-test', { phone: '98765 43210' });
    expect(india.status).toBe(202);
  });

  it('prefers the form’s default country over where the request came from', async () => {
    // anarock-json defaults to IN: a UAE national number is not valid there, whatever cf.country says.
    const { response } = await postFrom('AE', 'anarock-json', { phone: '98765 43210' });
    expect(response.status).toBe(202);
    const { received } = await postFrom('AE', 'anarock-json', { phone: '98765 43211' });
    expect((received[0]?.parsed as Record<string, string>)['country_code']).toBe('IN');
  });

  it('prefers a country the visitor chose over the form’s default', async () => {
    const { response, received } = await postFrom('IN', 'anarock-json', { phone: '050 123 4567', phone_country: 'AE' });
    expect(response.status).toBe(202);
    expect((received[0]?.parsed as Record<string, string>)['country_code']).toBe('AE');
  });

  it('says so on the phone field when no country makes the number valid', async () => {
    const { response } = await postFrom(undefined, 'hotwire-test', { phone: '050 123 4567' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { fields: { phone: 'Enter a valid phone number, with its country code' } } });
  });
});
