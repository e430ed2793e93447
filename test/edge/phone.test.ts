import { describe, expect, it } from 'vitest';
import { normalizePhone, normalizePhoneIn } from '../../edge/phone.ts';
import { exampleMobile, PHONE_COUNTRIES } from '../support/phone-numbers.ts';

describe('normalizePhone', () => {
  it('reads an international number whatever the default country', () => {
    expect(normalizePhone('+44 7123 456789', 'IN')).toEqual({ e164: '+447123456789', national: '7123456789', country: 'GB', callingCode: '44' });
  });

  it('reads a national number in the default country, trunk prefix dropped', () => {
    expect(normalizePhone('098765 43210', 'IN')).toMatchObject({ e164: '+919876543210', national: '9876543210', country: 'IN' });
  });

  it('refuses numbers that are not valid', () => {
    expect(normalizePhone('12345', 'IN')).toBeUndefined();
    expect(normalizePhone('9876543210', undefined)).toBeUndefined();
    expect(normalizePhone('+91 12', 'IN')).toBeUndefined();
  });
});

describe('normalizePhoneIn', () => {
  it('reads a national number in the first country of the list that makes it valid', () => {
    expect(normalizePhoneIn('050 123 4567', ['AE', 'IN'])).toMatchObject({ e164: '+971501234567' });
    expect(normalizePhoneIn('98765 43210', ['AE', 'IN'])).toMatchObject({ e164: '+919876543210' });
    expect(normalizePhoneIn('98765 43210', [undefined, undefined])).toBeUndefined();
    expect(normalizePhoneIn('+44 7123 456789', [])).toMatchObject({ country: 'GB' });
  });
});

// The Worker carries libphonenumber-js's max metadata (bench/phone-metadata.ts weighs it against
// min and mobile on the same typed numbers): these are the verdicts a smaller set would change.
describe('the phone metadata the Worker carries', () => {
  it('accepts every real-format mobile number of the demo countries and thirty-five more', () => {
    const refused = PHONE_COUNTRIES.filter((country) => normalizePhone(exampleMobile(country), country) === undefined);
    expect(refused).toEqual([]);
  });

  it('refuses numbers with a prefix no operator uses, which min metadata would let through', () => {
    for (const [number, country] of [['0123456789', 'IN'], ['3123456789', 'IN'], ['511234567', 'AE'], ['901234567', 'AE']] as const) {
      expect(normalizePhone(number, country), `${country} ${number}`).toBeUndefined();
    }
  });

  it('accepts landlines, which mobile-only metadata would refuse', () => {
    expect(normalizePhone('011 2345 6789', 'IN')).toMatchObject({ e164: '+911123456789' });
    expect(normalizePhone('080 2345 6789', 'IN')).toMatchObject({ e164: '+918023456789' });
  });
});
