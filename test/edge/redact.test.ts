import { describe, expect, it } from 'vitest';
import { MAX_REASON_CHARS, maskSecrets, redactAnswer } from '../../edge/redact.ts';
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
