import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REASON_CHARS, maskSecrets, maskValues, redactAnswer, wireForms } from '../../edge/redact.ts';
import type { ProviderLead } from '../../edge/providers/types.ts';
import { phoneOf } from '../support/phone.ts';

const lead: ProviderLead = {
  id: '0b6c7a52-3f1d-4c59-9a7e-2f8f1d6e5a10',
  fields: { name: 'Priya Sharma', email: 'priya.s@example.com', phone: '+91 98765 43210', city: 'Pune' },
  phone: phoneOf('+919876543210'),
  attribution: {},
  receivedAt: 0,
};

describe('redactAnswer', () => {
  it('masks the lead’s values in the shapes providers echo them', () => {
    const echo = 'dup: Priya / SHARMA? Sharma, priya.s@example.com (priya.s%40example.com), 00919876543210, 09876543210, 919876543210, city Pune';
    const masked = redactAnswer(echo, {}, [lead]);
    for (const value of ['Priya', 'Sharma', 'priya.s', '9876543210', 'Pune']) expect(masked).not.toContain(value);
    expect(masked).toContain('[email]');
    expect(masked).toContain('[phone]');
  });

  it('masks a group of the typed phone where it stands alone, never inside a longer number such as the provider’s id', () => {
    const uae: ProviderLead = { ...lead, fields: { name: 'Priya Sharma', phone: '+971 50 100 1234' }, phone: phoneOf('+971501001234') };
    expect(redactAnswer('Sakneen leadId 1001 (duplicate of 100 1234, ref 21234)', {}, [uae])).toBe('Sakneen leadId 1001 (duplicate of [phone] [phone], ref 21234)');
  });

  it('masks a group of the typed phone only within a number written in groups, never a status code or a count standing alone', () => {
    const portland: ProviderLead = { ...lead, fields: { name: 'Dana Reyes', phone: '+1 503 404 1234' }, phone: phoneOf('+15034041234') };
    expect(redactAnswer('503 Service Unavailable', {}, [portland])).toBe('503 Service Unavailable');
    expect(redactAnswer('404 Not Found: no route /leads', {}, [portland])).toBe('404 Not Found: no route /leads');
    expect(redactAnswer('queue 503, retry in 1234 s', {}, [portland])).toBe('queue 503, retry in 1234 s');
    // The provider wrote the number its own way: each group a separator from the next is masked.
    for (const echo of ['(503) 404-1234', '503.404.1234', '503 / 404 / 1234', '404 1234']) expect(redactAnswer(`exists: ${echo}`, {}, [portland]), echo).not.toMatch(/503|404|1234/);
  });

  it('cuts a long answer to what an operator needs', () => {
    expect(redactAnswer('x'.repeat(5000), {}, [lead]).length).toBeLessThanOrEqual(MAX_REASON_CHARS + 10);
  });
});

describe('maskSecrets', () => {
  const key = 'k~(e)!y "q" \\ 1/2';
  it('masks lowercase hex, JSON with escaped slashes and Basic credentials of two secrets', () => {
    const user = 'user-NOT-REAL';
    const texts = [
      encodeURIComponent(key).toLowerCase(),
      new URLSearchParams({ k: key }).toString().slice(2).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
      JSON.stringify(key).slice(1, -1).replaceAll('/', '\\/'),
      btoa(`${user}:${key}`),
    ];
    for (const text of texts) expect(maskSecrets(`sent ${text}!`, { username: user, password: key })).not.toMatch(/k~|k%7e|k%7E|dXNlci1O/);
  });
});

describe('maskValues', () => {
  // Every value's every form, longest first: what masking did before values absent from the text were skipped.
  const everyForm = (text: string, marks: Array<readonly [string, string]>, minLength: number) =>
    marks
      .filter(([value]) => value.length >= minLength)
      .flatMap(([value, mark]) => wireForms(value).map((form) => [form, mark] as const))
      .sort((a, b) => b[0].length - a[0].length)
      .reduce((masked, [form, mark]) => masked.replaceAll(form, mark), text);
  const value = fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^[A-Za-z0-9 %/~@.+:[\]-]{0,12}$/), fc.constantFrom('phone', 'email', 'secret', '%4A', 'a/b', 'Zoë Ng'));

  it('masks what masking every form of every value masks, when most values are not in the text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.constantFrom('[phone]', '[email]', '[secret]', '[secret:key]', '[first_name]')), { maxLength: 6 }), fc.array(fc.nat(40)), fc.string(), (marks, picks, noise) => {
        // The text holds some forms of some values and noise; a value may be in a mark only (`phone` in `[phone]`).
        const forms = marks.flatMap(([text]) => wireForms(text));
        const text = [noise, ...picks.map((pick) => forms[pick % Math.max(forms.length, 1)] ?? '')].join(' ');
        expect(maskValues(text, marks, 3)).toBe(everyForm(text, marks, 3));
      }),
      { numRuns: 2000 },
    );
  });
});
