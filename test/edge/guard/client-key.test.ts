import { describe, expect, it } from 'vitest';
import { clientKey } from '../../../edge/guard/client-key.ts';

describe('clientKey', () => {
  it('keys every spelling of one /64 alike', () => {
    const spellings = ['2001:db8:a:b::1', '2001:0DB8:000A:000B:ffff:ffff:ffff:ffff', '2001:db8:a:b:1:2:3:4', '2001:db8:a:b::', 'fe80::1%eth0'.replace('fe80', '2001:db8:a:b')];
    expect(new Set(spellings.map(clientKey))).toEqual(new Set(['2001:db8:a:b::/64']));
  });

  it('keeps other /64s, IPv4 addresses and IPv4-mapped addresses apart', () => {
    expect(clientKey('2001:db8:a:c::1')).toBe('2001:db8:a:c::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('203.0.113.8')).toBe('203.0.113.8');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:cb00:7108')).toBe('203.0.113.8');
  });

  it('leaves what is not an address as it is', () => {
    for (const text of ['unknown', '1:2:3', '1::2::3', 'g::1', '1:2:3:4:5:6:7:8:9']) expect(clientKey(text)).toBe(text);
  });
});
