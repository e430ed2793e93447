import { describe, expect, it } from 'vitest';
import { isOriginAllowed, isOriginPattern } from '../../../edge/http/origins.ts';

describe('origins', () => {
  it('knows an origin or subdomain pattern from anything else', () => {
    expect(isOriginPattern('https://example.com')).toBe(true);
    expect(isOriginPattern('http://127.0.0.1:8787')).toBe(true);
    expect(isOriginPattern('https://*.example.com')).toBe(true);
    expect(isOriginPattern('https://example.com/')).toBe(false);
    expect(isOriginPattern('example.com')).toBe(false);
    expect(isOriginPattern('https://*.*.example.com')).toBe(false);
    expect(isOriginPattern('*')).toBe(false);
    // A pattern only below a domain: every site on .com is no one's origin list.
    expect(isOriginPattern('https://*.com')).toBe(false);
    expect(isOriginPattern('https://*.10.0.0')).toBe(false);
    expect(isOriginPattern('https://*.example.co.uk')).toBe(true);
  });

  it('admits exact origins and subdomains of a pattern, not the apex or look-alikes', () => {
    const allowed = ['https://shop.example.com', 'https://*.example.org'];
    expect(isOriginAllowed('https://shop.example.com', allowed)).toBe(true);
    expect(isOriginAllowed('https://a.b.example.org', allowed)).toBe(true);
    expect(isOriginAllowed('https://example.org', allowed)).toBe(false);
    expect(isOriginAllowed('https://badexample.org', allowed)).toBe(false);
    expect(isOriginAllowed('http://a.example.org', allowed)).toBe(false);
    expect(isOriginAllowed('https://shop.example.com.evil.net', allowed)).toBe(false);
  });
});
