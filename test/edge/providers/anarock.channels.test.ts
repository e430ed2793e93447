// Black-box: a widget body with no UTM parameters -> Worker -> Anarock stand-in. The source and
// channel Anarock receives are the ones the edge derived from the referrer (edge/attribution).
import { describe, expect, it } from 'vitest';
import { marker, postLead, receivedWith, submission } from '../helpers.ts';

const syncLead = async (mark: string) => {
  const [received, ...more] = (await receivedWith(mark)).filter((item) => item.url.includes('/sync-lead'));
  expect(more).toHaveLength(0);
  expect(received?.checks.filter((check) => !check.ok)).toEqual([]);
  return received?.parsed as Record<string, unknown> | undefined;
};

const send = async (mark: string, attribution: unknown) => {
  const response = await postLead('anarock-json', submission(mark, { attribution }));
  expect(response.status).toBe(202);
  expect(await response.json()).toMatchObject({ status: 'delivered' });
  return syncLead(mark);
};

describe('Anarock gets the channel the edge derived', () => {
  it('a Google search visit without UTMs reaches Anarock as source google, Organic Search in extra_details', async () => {
    const mark = marker();
    const touch = { referrer: 'https://www.google.com/', landing_page: 'https://shop.example.com/villas', captured_at: 1_795_839_209_983 };
    const parsed = await send(mark, { first: touch, last: touch });
    // The form's fixed `values.source` ("website") is only the fallback for visits with no source at all.
    expect(parsed?.['source']).toBe('google');
    expect(parsed).not.toHaveProperty('sub_source');
    expect(parsed?.['extra_details']).toEqual({
      referrer: 'https://www.google.com/',
      landing_page: 'https://shop.example.com/villas',
      captured_at: '1795839209983',
      channel: 'Organic Search',
      source: 'google',
      medium: 'organic',
      first_referrer: 'https://www.google.com/',
      first_landing_page: 'https://shop.example.com/villas',
      first_captured_at: '1795839209983',
      first_channel: 'Organic Search',
      first_source: 'google',
      first_medium: 'organic',
    });
  });

  it('an upper-case UTM on the landing page still names the source; utm_source itself always wins', async () => {
    const typed = await send(marker(), { last: { landing_page: 'https://shop.example.com/?UTM_Source=Facebook&UTM_Medium=Paid' } });
    expect(typed?.['source']).toBe('facebook');
    expect(typed?.['extra_details']).toMatchObject({ channel: 'Paid Social', medium: 'paid' });

    const tagged = await send(marker(), { last: { utm_source: 'Newsletter-May', utm_medium: 'email', referrer: 'https://www.google.com/' } });
    expect(tagged?.['source']).toBe('Newsletter-May');
    expect(tagged?.['extra_details']).toMatchObject({ utm_source: 'Newsletter-May', channel: 'Email', source: 'newsletter-may', medium: 'email' });
  });

  it('a direct visit names no source: the form\'s fixed source applies, and the channel says Direct', async () => {
    const parsed = await send(marker(), { last: { landing_page: 'https://shop.example.com/', captured_at: 1 } });
    expect(parsed?.['source']).toBe('website');
    expect(parsed?.['extra_details']).toMatchObject({ channel: 'Direct', source: '(direct)', medium: '(none)' });
  });
});
