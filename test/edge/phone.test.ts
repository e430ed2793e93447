import { describe, expect, it } from 'vitest';
import { normalizePhone, normalizePhoneIn } from '../../edge/phone.ts';

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
