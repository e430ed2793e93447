import { describe, expect, it } from 'vitest';
import { normalizePhone, phoneReadings } from '../../edge/phone.ts';
import { readVisitorPhone } from '../../edge/leads/phone-field.ts';
import { exampleMobile, PHONE_COUNTRIES, typedVariants } from '../support/phone-numbers.ts';
import { sampleLead } from './providers/fixtures/types.ts';

describe('normalizePhone', () => {
  it('reads an international number whatever the default country', () => {
    expect(normalizePhone('+44 7123 456789', 'IN')).toEqual({ e164: '+447123456789', national: '7123456789', country: 'GB', callingCode: '44', international: '+44 7123 456789', nationalDigits: '07123456789' });
  });

  it('reads the providers’ conformance lead’s phone as its fixture has it written out', () => {
    expect(normalizePhone('+971501234567', undefined)).toEqual(sampleLead().phone);
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

describe('phoneReadings', () => {
  it('reads a national number in each country, one entry per different number', () => {
    expect(phoneReadings('050 123 4567', ['AE', 'IN']).map((phone) => phone.e164)).toEqual(['+971501234567']);
    expect(phoneReadings('98765 43210', ['AE', 'IN']).map((phone) => phone.e164)).toEqual(['+919876543210']);
    expect(phoneReadings('07123 456789', ['IN', 'GB']).map((phone) => phone.e164)).toEqual(['+917123456789', '+447123456789']);
    expect(phoneReadings('98765 43210', [undefined, undefined])).toEqual([]);
    expect(phoneReadings('+44 7123 456789', ['IN', 'AE']).map((phone) => phone.country)).toEqual(['GB']);
  });

  it('reads a number with its + code as each candidate country would, typed right or with a slip', () => {
    for (const country of PHONE_COUNTRIES) {
      for (const typed of typedVariants(country)) {
        const international = normalizePhone(typed, country)?.international ?? `+${typed}`;
        const each = ['IN', 'GB', 'US'].map((candidate) => normalizePhone(international, candidate as 'IN'));
        expect(phoneReadings(international, ['IN', 'GB', 'US']), international).toEqual(each[0] ? [each[0]] : []);
        expect(each.every((reading) => JSON.stringify(reading) === JSON.stringify(each[0])), international).toBe(true);
      }
    }
  });
});

describe('readVisitorPhone', () => {
  const read = (fields: Record<string, string>, defaultCountry: 'IN' | undefined, requestCountry: string | undefined, locale?: string) =>
    readVisitorPhone(fields, { defaultCountry, requestCountry, locale });

  it('asks for the country code when the number is valid, and different, in two candidate countries (a UK visitor on an IN form)', () => {
    expect(read({ phone: '07123456789' }, 'IN', 'GB')).toEqual({ ok: false, fields: { phone: 'Which country is this number in? Add its country code: +91 (IN) or +44 (GB)' } });
  });

  it('asks in Arabic on an Arabic page', () => {
    expect(read({ phone: '07123456789' }, 'IN', 'GB', 'ar-EG')).toEqual({ ok: false, fields: { phone: 'في أي دولة هذا الرقم؟ أضف رمز الدولة: +91 (IN) أو +44 (GB)' } });
    expect(read({ phone: '12' }, 'IN', 'GB', 'ar')).toEqual({ ok: false, fields: { phone: 'أدخل رقم هاتف صحيحًا مع رمز الدولة' } });
  });

  it('reads the number when the form default and the visitor’s country agree, or only one country makes it valid', () => {
    expect(read({ phone: '07123456789' }, 'IN', 'IN')).toMatchObject({ ok: true, phone: { e164: '+917123456789' } });
    expect(read({ phone: '98765 43210' }, 'IN', 'AE')).toMatchObject({ ok: true, phone: { e164: '+919876543210' } });
    expect(read({ phone: '+44 7123 456789' }, 'IN', 'IN')).toMatchObject({ ok: true, phone: { country: 'GB' } });
  });

  it('lets the visitor’s phone_country decide, and counts a country field as a candidate', () => {
    expect(read({ phone: '07123456789', phone_country: 'gb' }, 'IN', 'IN')).toMatchObject({ ok: true, phone: { e164: '+447123456789' } });
    expect(read({ phone: '07123456789', country: 'GB' }, 'IN', 'IN')).toMatchObject({ ok: false });
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
