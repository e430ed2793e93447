// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/local-stack.ts';
import { leadFormSnippet, widgetScriptTag, type WidgetManifest } from '../../shared/snippet.ts';

const manifest: WidgetManifest = {
  version: '1.2.3',
  versions: ['1.2.2', '1.2.3'],
  files: {
    'widget.js': { path: '/v/1.2.3/widget.js', latest: '/widget.js', bytes: 9000, integrity: 'sha384-AAAA' },
    'attribution.js': { path: '/v/1.2.3/attribution.js', latest: '/attribution.js', bytes: 3000, integrity: 'sha384-BBBB' },
    'leadrelay.css': { path: '/v/1.2.3/leadrelay.css', latest: '/leadrelay.css', bytes: 2000, integrity: 'sha384-CCCC' },
  },
};

describe('leadFormSnippet', () => {
  it('pins the stylesheet and the widget with their SRI hashes, and posts to the lead route without JavaScript', () => {
    expect(leadFormSnippet('https://leads.example.com/', { id: 'villa-enquiry', provider: 'anarock' }, manifest)).toBe(
      [
        '<link rel="stylesheet" href="https://leads.example.com/v/1.2.3/leadrelay.css" integrity="sha384-CCCC" crossorigin="anonymous">',
        '<script src="https://leads.example.com/v/1.2.3/widget.js" integrity="sha384-AAAA" crossorigin="anonymous" async></script>',
        '',
        '<form class="lead-form" data-lead-form="villa-enquiry" method="post" action="https://leads.example.com/v1/forms/villa-enquiry/leads">',
        '  <p class="lead-field"><label for="villa-enquiry-name">Full name</label> <input id="villa-enquiry-name" name="name" autocomplete="name"></p>',
        '  <p class="lead-field"><label for="villa-enquiry-phone">Phone</label> <input id="villa-enquiry-phone" name="phone" required autocomplete="tel" type="tel"></p>',
        '  <p class="lead-field"><label for="villa-enquiry-email">Email</label> <input id="villa-enquiry-email" name="email" autocomplete="email" type="email"></p>',
        '  <p hidden><label>Leave this empty <input name="lr_website" tabindex="-1" autocomplete="off"></label></p>',
        '  <button type="submit">Send</button>',
        '</form>',
      ].join('\n'),
    );
  });

  it.each([
    ['hotwire', ['firstName*', 'lastName*', 'email*', 'consent*']],
    ['sakneen', ['name*', 'phone*', 'email']],
    ['comunik8', ['first_name*', 'surname*', 'email*', 'phone*']],
    ['realgeeks', ['first_name', 'last_name', 'email*', 'phone', 'message']],
    ['anarock', ['name', 'phone*', 'email']],
  ])('asks for what %s needs (a star: required)', (provider, expected) => {
    const snippet = leadFormSnippet('https://leads.example.com', { id: 'f', provider }, manifest);
    const form = new DOMParser().parseFromString(snippet.slice(snippet.indexOf('<form')), 'text/html').querySelector('form');
    const controls = [...(form?.querySelectorAll<HTMLInputElement>('[name]:not([name=lr_website])') ?? [])];
    expect(controls.map((control) => `${control.name}${control.required ? '*' : ''}`)).toEqual(expected);
    // Every control has its label, bound by an id no other form field shares.
    for (const control of controls) expect(form?.querySelector(`label[for="${control.id}"]`)?.textContent, control.name).toBeTruthy();
  });

  it('gives Hotwire forms a required consent box before its label, and a provider it does not know the default fields', () => {
    const hotwire = leadFormSnippet('https://leads.example.com', { id: 'f', provider: 'hotwire' }, manifest);
    expect(hotwire).toContain('<p class="lead-field lead-check"><input id="f-consent" name="consent" required type="checkbox" value="yes"> <label for="f-consent">I agree to be contacted about my enquiry</label></p>');
    expect(hotwire).toContain('<label for="f-firstName">First name</label> <input id="f-firstName" name="firstName" required autocomplete="given-name">');
    expect(leadFormSnippet('https://leads.example.com', { id: 'f', provider: 'constructor' }, manifest)).toContain('name="name" required');
  });

  it('names the fields as the form’s fieldMap says, and leaves out those its fields setting does not take', () => {
    const snippet = leadFormSnippet('https://leads.example.com', { id: 'f', provider: 'hotwire', fieldMap: { firstName: 'given', email: 'mail' }, fields: ['given', 'lastName', 'mail'] }, manifest);
    expect(snippet).toContain('<label for="f-given">First name</label> <input id="f-given" name="given" required>');
    expect(snippet).toContain('<label for="f-mail">Email</label> <input id="f-mail" name="mail" required type="email">');
    expect(snippet).toContain('name="lastName" required');
    expect(snippet).not.toContain('consent');
    // The phone keeps its name: the edge parses the phone field whatever the provider.
    expect(leadFormSnippet('https://leads.example.com', { id: 'f', provider: 'sakneen', fieldMap: { phone: 'mobile' } }, manifest)).toContain('name="phone"');
  });

  it('uses only the origin of the Worker URL and escapes what it puts in attributes', () => {
    const snippet = leadFormSnippet('https://leads.example.com/some/page?x=1', { id: 'a"b<c', provider: 'sakneen' }, manifest);
    expect(snippet).toContain('src="https://leads.example.com/v/1.2.3/widget.js"');
    expect(snippet).toContain('data-lead-form="a&quot;b&lt;c"');
    expect(snippet).toContain('action="https://leads.example.com/v1/forms/a%22b%3Cc/leads"');
    expect(snippet).toContain('<label for="a&quot;b&lt;c-name">');
  });

  it('writes the tag of any pinned file, and refuses one the manifest lacks', () => {
    expect(widgetScriptTag('https://leads.example.com', manifest, 'attribution.js')).toBe(
      '<script src="https://leads.example.com/v/1.2.3/attribution.js" integrity="sha384-BBBB" crossorigin="anonymous" async></script>',
    );
    expect(() => widgetScriptTag('https://leads.example.com', manifest, 'render.js')).toThrow(/no render\.js/);
  });
});

describe('the README', () => {
  it('shows the snippet as leadFormSnippet prints it, hashes left out', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const file = (name: string) => ({ path: `/v/${version}/${name}`, latest: `/${name}`, bytes: 0, integrity: 'sha384-…' });
    const placeholders: WidgetManifest = { version, versions: [version], files: { 'widget.js': file('widget.js'), 'leadrelay.css': file('leadrelay.css') } };
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`\`\`\`html\n${leadFormSnippet('https://your-worker.workers.dev', { id: 'villa-enquiry', provider: 'anarock' }, placeholders)}\n\`\`\``);
  });
});
