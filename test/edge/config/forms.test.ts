import { describe, expect, it } from 'vitest';
import { describeProblem, parseForms } from '../../../edge/config/forms.ts';
import { resolveSecrets } from '../../../edge/config/secrets.ts';

const valid = {
  provider: 'anarock',
  origins: ['https://example.com', 'https://*.example.com'],
  defaultCountry: 'IN',
  secrets: { key: 'ANAROCK_KEY' },
  options: { environment: 'production', channel: 'sell-do', campaignId: 'c-1' },
};

const errorOf = (forms: unknown) => parseForms(forms).problems.map(describeProblem)[0];

describe('parseForms', () => {
  it('accepts a valid form, as a TOML table or as a JSON string', () => {
    for (const raw of [{ shop: valid }, JSON.stringify({ shop: valid })]) {
      const result = parseForms(raw);
      expect(result.problems).toEqual([]);
      expect(result.forms.get('shop')).toMatchObject({ id: 'shop', provider: 'anarock', defaultCountry: 'IN', secrets: { key: 'ANAROCK_KEY' } });
    }
  });

  it('names the form and the field of each mistake', () => {
    expect(errorOf({ shop: { ...valid, provider: 'acme' } })).toBe('FORMS.shop.provider: Must be one of: anarock, comunik8, hotwire, realgeeks, sakneen');
    expect(errorOf({ shop: { ...valid, origins: ['example.com'] } })).toMatch(/^FORMS\.shop\.origins\.0: Must be an origin/);
    expect(errorOf({ shop: { ...valid, origins: ['https://example.com/path'] } })).toMatch(/^FORMS\.shop\.origins\.0:/);
    expect(errorOf({ shop: { ...valid, defaultCountry: 'XX' } })).toMatch(/^FORMS\.shop\.defaultCountry: Must be an ISO 3166-1/);
    expect(errorOf({ shop: { ...valid, secrets: { key: 'sk_live_123' } } })).toMatch(/^FORMS\.shop\.secrets\.key: Must be a secret NAME/);
    expect(errorOf({ shop: { ...valid, secrets: {} } })).toMatch(/^FORMS\.shop\.secrets\.key: anarock needs a secret named "key"/);
    expect(errorOf({ shop: { ...valid, options: { ...valid.options, channel: undefined } } })).toMatch(/^FORMS\.shop\.options\.channel:/);
    expect(errorOf({ shop: { ...valid, options: { ...valid.options, environment: 'live' } } })).toMatch(/^FORMS\.shop\.options\.environment:/);
    expect(errorOf({ 'bad id!': valid })).toMatch(/^FORMS\.bad id!: Form ids are/);
    expect(errorOf('{not json')).toBe('FORMS: is a string but not valid JSON');
    expect(errorOf({ shop: { ...valid, options: { ...valid.options, chanel: 'typo' } } })).toBe('FORMS.shop.options.chanel: Unknown option: see docs/providers/anarock.md');
    // A required option left out is missing, not unknown.
    expect(errorOf({ shop: { ...valid, options: { environment: 'production', campaignId: 'c-1' } } })).toBe('FORMS.shop.options.channel: Missing: this setting is required');
    const { provider: _provider, ...withoutProvider } = valid;
    expect(errorOf({ shop: withoutProvider })).toBe('FORMS.shop.provider: Missing: this setting is required');
    expect(errorOf({ shop: { ...valid, origins: 'https://example.com' } })).toBe('FORMS.shop.origins: Must be a list of origins, e.g. ["https://www.example.com"]');
    expect(errorOf({ shop: { ...valid, origins: ['https://*.com'] } })).toMatch(/^FORMS\.shop\.origins\.0: Must be an origin .*never \*\.com/);
  });

  it('reports every problem of every form, and keeps the good forms usable', () => {
    const result = parseForms({
      good: valid,
      bad: { ...valid, origins: ['nope'], secrets: {}, options: { environment: 'live', campaignId: '' } },
    });
    expect([...result.forms.keys()]).toEqual(['good']);
    expect(result.problems.map(describeProblem)).toEqual([
      'FORMS.bad.origins.0: Must be an origin such as https://example.com or https://*.example.com (a pattern only below a domain, never *.com)',
    ]);
    const optionsOnly = parseForms({ bad: { ...valid, secrets: {}, options: { environment: 'live', campaignId: '' } } });
    expect(optionsOnly.problems.map((problem) => problem.path)).toEqual([
      'FORMS.bad.options.environment',
      'FORMS.bad.options.channel',
      'FORMS.bad.options.campaignId',
      'FORMS.bad.secrets.key',
    ]);
  });
});

describe('resolveSecrets', () => {
  const form = parseForms({ shop: valid }).forms.get('shop')!;

  it('reads each secret value from the env by its configured name', () => {
    expect(resolveSecrets(form, { ANAROCK_KEY: 's3cret' })).toEqual({ ok: true, secrets: { key: 's3cret' } });
  });

  it('says which secret is missing, by name only', () => {
    expect(resolveSecrets(form, {})).toEqual({ ok: false, missing: 'FORMS.shop.secrets.key names ANAROCK_KEY, which is not set (wrangler secret put ANAROCK_KEY)' });
  });

  it('takes a thankYouUrl on https or on one of the form’s origins, nothing else', () => {
    const thanks = (thankYouUrl: string, origins = valid.origins) => parseForms({ shop: { ...valid, origins, thankYouUrl } });
    expect(thanks('https://elsewhere.example.net/thanks').forms.get('shop')?.thankYouUrl).toBe('https://elsewhere.example.net/thanks');
    expect(thanks('http://127.0.0.1:8787/thanks.html', ['http://127.0.0.1:8787']).forms.get('shop')?.thankYouUrl).toBe('http://127.0.0.1:8787/thanks.html');
    expect(parseForms({ shop: valid }).forms.get('shop')?.thankYouUrl).toBeUndefined();
    for (const bad of ['http://example.com/thanks', 'javascript:alert(1)', 'data:text/html,hi']) {
      expect(thanks(bad).problems.map(describeProblem)).toEqual(["FORMS.shop.thankYouUrl: Must be an https URL, or a page on one of the form's origins"]);
    }
    expect(errorOf({ shop: { ...valid, thankYouUrl: '/thanks' } })).toBe('FORMS.shop.thankYouUrl: Must be an absolute URL such as https://example.com/thanks');
  });
});
