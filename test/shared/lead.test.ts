import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '../../shared/field-errors.ts';
import { LeadSubmissionSchema } from '../../shared/lead.ts';

const parse = (input: unknown) => v.safeParse(LeadSubmissionSchema, input);
const errorsOf = (input: unknown) => {
  const result = parse(input);
  return result.success ? {} : toFieldErrors(result.issues);
};
const base = { fields: { name: 'Asha', phone: '+91 98765 43210' }, idempotencyKey: '6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b' };

describe('LeadSubmissionSchema', () => {
  it('accepts a lead, trims known fields and defaults attribution to empty', () => {
    const result = parse({ ...base, fields: { ...base.fields, email: '  asha@example.com ', project: 'Runwal' } });
    expect(result.success && result.output).toEqual({
      fields: { name: 'Asha', phone: '+91 98765 43210', email: 'asha@example.com', project: 'Runwal' },
      attribution: {},
      idempotencyKey: base.idempotencyKey,
    });
  });

  it('keeps first and last touch with their campaign keys and drops unknown touch keys', () => {
    const result = parse({ ...base, attribution: { first: { utm_source: 'google', gclid: 'x', evil: 'y' }, last: { utm_campaign: 'spring' } } });
    expect(result.success && result.output.attribution).toEqual({ first: { utm_source: 'google', gclid: 'x' }, last: { utm_campaign: 'spring' } });
  });

  it('names each bad field by its form name', () => {
    expect(errorsOf({ ...base, fields: { name: ' ', email: 'nope', phone: 'call me' } })).toEqual({
      name: 'Enter your name (at most 200 characters)',
      email: 'Enter a valid email address',
      phone: 'Enter a valid phone number',
    });
  });

  it('bounds field names, values and counts', () => {
    expect(Object.keys(errorsOf({ ...base, fields: { 'a b': 'x' } }))).toEqual(['a b']);
    expect(errorsOf({ ...base, fields: { note: 'x'.repeat(2001) } })).toEqual({ note: 'Use at most 2000 characters' });
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}`, 'x']));
    expect(errorsOf({ ...base, fields: many })).toEqual({ fields: 'Send at most 50 fields' });
  });

  it('requires an idempotency key of 16–64 safe characters', () => {
    expect(errorsOf({ ...base, idempotencyKey: 'abc' })).toEqual({ idempotencyKey: 'Must be 16–64 letters, digits, _ or -' });
    expect(errorsOf({ fields: base.fields })).toHaveProperty('idempotencyKey');
  });

  it('refuses values that are not text', () => {
    expect(errorsOf({ ...base, fields: { name: 5 } })).toHaveProperty('name');
    expect(errorsOf(null)).toEqual({ body: 'Invalid type: Expected Object but received null' });
  });
});
