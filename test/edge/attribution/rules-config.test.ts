import { describe, expect, it, vi } from 'vitest';
import { classifyTouch } from '../../../edge/attribution/channels.ts';
import { attributionWithChannels, channelRules, parseChannelRules } from '../../../edge/attribution/rules-config.ts';

const LANDING = 'https://villas.example.com/';
const rulesOf = (raw: unknown) => {
  const parsed = parseChannelRules(raw);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.rules;
};

describe('CHANNEL_RULES', () => {
  const overrides = {
    search: { kagi: ['kagi.com'], google: ['google-intranet.example'] },
    social: { bluesky: ['bsky.app'] },
    mediums: { Newsletter: 'Email', whatsapp: 'Organic Social' },
  };

  it('adds search and social hosts: a new source, or more hosts for a known one', () => {
    const rules = rulesOf(overrides);
    expect(classifyTouch({ landing_page: LANDING, referrer: 'https://kagi.com/search?q=villa' }, rules)).toEqual({ channel: 'Organic Search', source: 'kagi', medium: 'organic' });
    expect(classifyTouch({ landing_page: LANDING, referrer: 'https://google-intranet.example/' }, rules)).toMatchObject({ source: 'google', channel: 'Organic Search' });
    expect(classifyTouch({ landing_page: LANDING, referrer: 'https://www.google.com/' }, rules)).toMatchObject({ source: 'google', channel: 'Organic Search' });
    expect(classifyTouch({ landing_page: LANDING, referrer: 'https://bsky.app/profile/x' }, rules)).toEqual({ channel: 'Organic Social', source: 'bluesky', medium: 'social' });
    expect(classifyTouch({ landing_page: LANDING, utm_source: 'kagi', utm_medium: 'cpc' }, rules)).toMatchObject({ channel: 'Paid Search' });
  });

  it('maps its own mediums to channels, any case, before GA4\'s rules', () => {
    const rules = rulesOf(overrides);
    expect(classifyTouch({ landing_page: LANDING, utm_source: 'crm', utm_medium: 'NEWSLETTER' }, rules)).toEqual({ channel: 'Email', source: 'crm', medium: 'newsletter' });
    expect(classifyTouch({ landing_page: LANDING, utm_source: 'broadcast', utm_medium: 'whatsapp' }, rules)).toMatchObject({ channel: 'Organic Social' });
  });

  it('takes the same as a JSON string, and nothing as GA4\'s rules alone', () => {
    expect(rulesOf(JSON.stringify(overrides)).mediums.get('newsletter')).toBe('Email');
    expect(classifyTouch({ landing_page: LANDING, utm_source: 'crm', utm_medium: 'newsletter' }, rulesOf(undefined))).toMatchObject({ channel: 'Unassigned' });
  });

  it('names each mistake by its setting', () => {
    expect(parseChannelRules({ search: { Kagi: ['https://kagi.com'] }, mediums: { newsletter: 'Mail' }, colours: {} })).toEqual({
      ok: false,
      problems: [
        'CHANNEL_RULES.search.Kagi: Must be a source name in lower case, such as kagi',
        'CHANNEL_RULES.search.Kagi.0: Must be a host in lower case such as search.example.com, or name.* for any suffix',
        expect.stringMatching(/^CHANNEL_RULES\.mediums\.newsletter: Must be one of: Direct, Cross-network, .*Unassigned$/),
        'CHANNEL_RULES.colours: Unknown setting: CHANNEL_RULES takes search, social, video, shopping and mediums',
      ],
    });
    expect(parseChannelRules('{not json')).toEqual({ ok: false, problems: ['CHANNEL_RULES: is a string but not valid JSON'] });
    expect(parseChannelRules({ social: { bluesky: [] } })).toEqual({ ok: false, problems: ['CHANNEL_RULES.social.bluesky: List at least one host'] });
  });

  it('logs a broken CHANNEL_RULES once as config.invalid and classifies by GA4\'s rules meanwhile', () => {
    const logged = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const env = { CHANNEL_RULES: { mediums: { newsletter: 'Mail' } } };
    const attribution = { last: { landing_page: LANDING, referrer: 'https://www.google.com/' } };
    expect(attributionWithChannels(attribution, env).last).toMatchObject({ channel: 'Organic Search', source: 'google' });
    channelRules(env);
    const lines = logged.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
    logged.mockRestore();
    expect(lines).toEqual([{ event: 'config.invalid', setting: 'CHANNEL_RULES', error: expect.stringContaining('CHANNEL_RULES.mediums.newsletter: Must be one of') }]);
  });
});
