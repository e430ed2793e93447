import { describe, expect, it } from 'vitest';
import { leadFormSnippet, widgetScriptTag, type WidgetManifest } from '../../shared/snippet.ts';

const manifest: WidgetManifest = {
  version: '1.2.3',
  versions: ['1.2.2', '1.2.3'],
  files: {
    'widget.js': { path: '/v/1.2.3/widget.js', latest: '/widget.js', bytes: 9000, integrity: 'sha384-AAAA' },
    'attribution.js': { path: '/v/1.2.3/attribution.js', latest: '/attribution.js', bytes: 3000, integrity: 'sha384-BBBB' },
  },
};

describe('leadFormSnippet', () => {
  it('pins the widget version with its SRI hash and binds the form to its id', () => {
    expect(leadFormSnippet('https://leads.example.com/', 'villa-enquiry', manifest)).toBe(
      [
        '<script src="https://leads.example.com/v/1.2.3/widget.js" integrity="sha384-AAAA" crossorigin="anonymous" async></script>',
        '',
        '<form data-lead-form="villa-enquiry">',
        '  <label for="villa-enquiry-name">Full name</label> <input id="villa-enquiry-name" name="name" autocomplete="name" required>',
        '  <label for="villa-enquiry-phone">Phone</label>    <input id="villa-enquiry-phone" name="phone" type="tel" autocomplete="tel" required>',
        '  <label for="villa-enquiry-email">Email</label>    <input id="villa-enquiry-email" name="email" type="email" autocomplete="email">',
        '  <button type="submit">Send</button>',
        '</form>',
      ].join('\n'),
    );
  });

  it('uses only the origin of the Worker URL and escapes what it puts in attributes', () => {
    const snippet = leadFormSnippet('https://leads.example.com/some/page?x=1', 'a"b<c', manifest);
    expect(snippet).toContain('src="https://leads.example.com/v/1.2.3/widget.js"');
    expect(snippet).toContain('data-lead-form="a&quot;b&lt;c"');
  });

  it('writes the tag of any pinned file, and refuses one the manifest lacks', () => {
    expect(widgetScriptTag('https://leads.example.com', manifest, 'attribution.js')).toBe(
      '<script src="https://leads.example.com/v/1.2.3/attribution.js" integrity="sha384-BBBB" crossorigin="anonymous" async></script>',
    );
    expect(() => widgetScriptTag('https://leads.example.com', manifest, 'render.js')).toThrow(/no render\.js/);
  });
});
