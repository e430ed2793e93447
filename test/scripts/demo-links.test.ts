// The demo page's link to the stand-ins' inspector: a `?standins=` URL becomes a link only when it is http(s).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DEMO_JS = readFileSync(new URL('../../demo/site/demo.js', import.meta.url), 'utf8');

/** Runs demo.js on a page at `href` and returns what the inspector link points to. */
function inspectorHref(href: string): string {
  const link = { href: '' };
  const page = { getElementById: (id: string) => (id === 'inspector-link' ? link : null), addEventListener: () => {}, querySelector: () => null };
  const window = { addEventListener: () => {} } as Record<string, unknown>;
  new Function('window', 'document', 'location', 'localStorage', DEMO_JS)(window, page, new URL(href), { getItem: () => null });
  return link.href;
}

describe('demo.js', () => {
  it.each(['javascript:alert(7)//', 'JavaScript:alert(7)', 'data:text/html,<script>alert(7)</script>', 'vbscript:x', '//evil.example', 'not a url'])('never links to ?standins=%s', (standins) => {
    expect(inspectorHref(`http://127.0.0.1:8787/?standins=${encodeURIComponent(standins)}`)).toBe('http://127.0.0.1:8790/');
  });

  it('links to an http(s) stand-in URL it is given, by its origin', () => {
    expect(inspectorHref('http://127.0.0.1:8787/?standins=http://127.0.0.1:41234')).toBe('http://127.0.0.1:41234/');
    expect(inspectorHref('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8790/');
  });
});
