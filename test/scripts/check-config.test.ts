import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/local-stack.ts';
import { checkConfig } from '../../scripts/check-config-run.ts';
import { checkForms, formatReport, reportIsClean } from '../../scripts/forms-report.ts';
import { secretNamesIn } from '../../scripts/secret-names.ts';

mkdirSync(join(ROOT, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(ROOT, '.tmp', 'check-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

/** The CLI as a user runs it: a Node start-up and wrangler's import, seconds on a busy machine. */
function checkConfigCli(args: string[], cwd: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'check-config.ts'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
const BAD_CONFIG = `
name = "check-config-test"
main = "index.ts"
compatibility_date = "2026-11-09"

[env.production.vars.FORMS.shop]
provider = "anarock"
origins = ["https://shop.example.com", "shop.example.com"]
secrets = { key = "SHOP_ANAROCK_KEY" }

[env.production.vars.FORMS.shop.options]
environment = "staging"
channel = "web"
campaignId = "c-1"
chanel = "typo"

[env.production.vars.FORMS.batch]
provider = "hotwire"
origins = ["https://shop.example.com", "http://localhost:3000"]
secrets = { apiKey = "HOTWIRE_APIKEY" }

[env.production.vars.FORMS.batch.options]
environment = "production"
baseUrl = "http://127.0.0.1:8790/hotwire"

[env.production.vars.FORMS.leaky]
provider = "comunik8"
origins = ["https://shop.example.com"]
secrets = { key = "sk_live_do_not_print_me" }

[env.production.vars.FORMS.leaky.options]
host = "dialler.example.com"
type = "motor-trade"

[env.production.vars.FORMS.fine]
provider = "sakneen"
origins = ["https://*.example.com"]
secrets = { apiKey = "SAKNEEN_APIKEY" }

[env.production.vars.FORMS.fine.options]
domain = "crm.example.com"
`;

describe('npm run check-config', () => {
  // The one end-to-end run: the CLI's exit code and streams, with a timeout that holds on a loaded machine.
  it('runs as a command: the report on stdout, exit 1 on a problem, paths relative to where it ran', () => {
    file('cli.toml', BAD_CONFIG);
    const { status, output } = checkConfigCli(['--config', 'cli.toml', '--env', 'production'], dir);
    expect(status).toBe(1);
    expect(output).toContain('check-config: cli.toml, [env.production]');
    expect(output).toContain('4 form(s): 1 ok, 3 with problems.');
  }, 120_000);

  it('passes the demo of the repository wrangler.toml: every demo form, its environment and its secrets', () => {
    const { status, output } = checkConfig(['--env', 'demo'], ROOT);
    expect(status).toBe(0);
    expect(output).toContain('check-config: wrangler.toml, [env.demo] (the local demo that npm start runs)');
    for (const id of ['demo-anarock', 'demo-realgeeks', 'demo-comunik8', 'demo-sakneen', 'demo-hotwire']) expect(output).toContain(`${id} (`);
    expect(output).toContain('environment  staging [not production]');
    expect(output).toContain('environment  qa [not production]');
    expect(output).toContain('baseUrl      http://127.0.0.1:8790/anarock (a local stand-in)');
    expect(output).toMatch(/secret {7}key <- ANAROCK_DEMO_KEY: set in demo\/demo\.env/);
    expect(output).toContain('5 form(s): 5 ok, 0 with problems.');
    expect(output).toContain('TOUCH_COOKIE_SECRET: set in demo/demo.env (same-site cookie mode)');
  });

  it('refuses the top level of a fresh clone (production) until it has forms of its own', () => {
    const { status, output } = checkConfig([], ROOT);
    expect(status).toBe(1);
    expect(output).toContain('check-config: wrangler.toml, top level (production)');
    expect(output).toContain('PROBLEM FORMS: no form is configured: add [vars.FORMS.<form id>] tables to wrangler.toml');
    expect(output).not.toContain('demo-anarock');
  });

  it('reports every problem of every form of an environment and exits 1', () => {
    const config = file('bad.toml', BAD_CONFIG);
    const secrets = file('secrets.env', 'SAKNEEN_APIKEY=set\nHOTWIRE_APIKEY=\n');
    const { status, output } = checkConfig(['--config', config, '--env', 'production', '--secrets-from', secrets], dir);
    expect(status).toBe(1);
    const shop = output.slice(output.indexOf('shop (anarock)'), output.indexOf('batch (hotwire)'));
    // A bad origin stops parseForms before the options; the checker still finds the unknown option.
    expect(shop).toContain('PROBLEM      FORMS.shop.origins.1: Must be an origin');
    expect(shop).toContain('PROBLEM      FORMS.shop.options.chanel: Unknown option: see docs/providers/anarock.md');
    expect(shop).toContain('PROBLEM      FORMS.shop.secrets.key names SHOP_ANAROCK_KEY, which is not set (npx wrangler secret put SHOP_ANAROCK_KEY --env production)');
    expect(shop).toContain("warning      leads go to the provider's staging environment, not production");
    const batch = output.slice(output.indexOf('batch (hotwire)'), output.indexOf('leaky (comunik8)'));
    expect(batch).toContain('PROBLEM      FORMS.batch.secrets.secret: hotwire needs a secret named "secret"');
    expect(batch).toContain('FORMS.batch.secrets.apiKey names HOTWIRE_APIKEY, which is not set'); // empty in the file
    expect(batch).toContain('FORMS.batch.options.baseUrl: http://127.0.0.1:8790/hotwire is a local stand-in, which the deployed Worker cannot reach');
    expect(batch).toContain('warning      origin http://localhost:3000 is a local address');
    expect(output).toContain('FORMS.leaky.secrets.key: Must be a secret NAME in capitals, not its value');
    expect(output).not.toContain('sk_live_do_not_print_me');
    expect(output.slice(output.indexOf('fine (sakneen)'))).toMatch(/secret {7}apiKey <- SAKNEEN_APIKEY: set in .*secrets\.env\n {2}ok/);
    expect(output).toContain('4 form(s): 1 ok, 3 with problems.');
  });

  it('takes the output of `wrangler secret list` as the production secrets', () => {
    const config = file('one.toml', BAD_CONFIG.slice(0, BAD_CONFIG.indexOf('[env.production.vars.FORMS.shop]')) + BAD_CONFIG.slice(BAD_CONFIG.indexOf('[env.production.vars.FORMS.fine]')));
    const listed = file('list.json', ' ⛅️ wrangler 4.164.0\n[{ "name": "SAKNEEN_APIKEY", "type": "secret_text" }]\n');
    expect(checkConfig(['--config', config, '--env', 'production', '--secrets-from', listed], dir)).toMatchObject({ status: 0 });
    const unchecked = checkConfig(['--config', config, '--env', 'production'], dir);
    expect(unchecked.status).toBe(0);
    expect(unchecked.output).toContain('Secrets not checked');
    expect(unchecked.output).toContain('apiKey <- SAKNEEN_APIKEY: not checked');
  });

  it('checks the alert settings: the webhook URL, its signing key among the secrets, email addresses, window and personal data', () => {
    const fine = BAD_CONFIG.slice(0, BAD_CONFIG.indexOf('[env.production.vars.FORMS.shop]')) + BAD_CONFIG.slice(BAD_CONFIG.indexOf('[env.production.vars.FORMS.fine]'));
    const alerts = (vars: string) => file('alerts.toml', fine.replace('[env.production.vars.FORMS.fine]', `[env.production.vars]\n${vars}\n\n[env.production.vars.FORMS.fine]`));
    const listed = (names: string[]) => file('alert-secrets.json', JSON.stringify(names.map((name) => ({ name, type: 'secret_text' }))));
    const bad = checkConfig(['--config', alerts('ALERT_WEBHOOK_URL = "http://hooks.example.com/x"\nALERT_EMAIL_TO = "ops"\nALERT_WINDOW_MINUTES = "0"'), '--env', 'production', '--secrets-from', listed(['SAKNEEN_APIKEY'])], dir);
    expect(bad.status).toBe(1);
    expect(bad.output).toContain('Alerts: 5 problem(s):');
    expect(bad.output).toContain('ALERT_WEBHOOK_URL is set but the ALERT_WEBHOOK_SECRET secret is not');
    expect(bad.output).toContain('ALERT_EMAIL_TO "ops" is not an email address');
    const good = checkConfig(['--config', alerts('ALERT_WEBHOOK_URL = "https://hooks.slack.com/services/T/B/x"\nALERT_WINDOW_MINUTES = "30"'), '--env', 'production', '--secrets-from', listed(['SAKNEEN_APIKEY', 'ALERT_WEBHOOK_SECRET'])], dir);
    expect(good).toMatchObject({ status: 0 });
    expect(good.output).toContain('Alerts: ok');
  });

  it('checks CHANNEL_RULES as the Worker reads it, naming the setting at fault', () => {
    const fine = BAD_CONFIG.slice(0, BAD_CONFIG.indexOf('[env.production.vars.FORMS.shop]')) + BAD_CONFIG.slice(BAD_CONFIG.indexOf('[env.production.vars.FORMS.fine]'));
    const rules = (table: string) => file('rules.toml', fine.replace('[env.production.vars.FORMS.fine]', `[env.production.vars.CHANNEL_RULES]\n${table}\n\n[env.production.vars.FORMS.fine]`));
    const bad = checkConfig(['--config', rules('mediums = { newsletter = "Emial" }\nsearchh = { brave = ["search.brave.com"] }'), '--env', 'production'], dir);
    expect(bad.status).toBe(1);
    expect(bad.output).toContain('Channel rules: 2 problem(s):');
    expect(bad.output).toContain('CHANNEL_RULES.mediums.newsletter: Must be one of:');
    const good = checkConfig(['--config', rules('mediums = { newsletter = "Email" }\nsearch = { brave = ["search.brave.com"] }'), '--env', 'production'], dir);
    expect(good).toMatchObject({ status: 0 });
    expect(good.output).toContain('Channel rules: ok');
  });

  it('fails an environment without forms, and one the config does not have', () => {
    const empty = file('empty.toml', 'name = "x"\nmain = "index.ts"\ncompatibility_date = "2026-11-09"\n[env.production.vars]\nOTHER = "1"\n');
    const none = checkConfig(['--config', empty, '--env', 'production'], dir);
    expect(none.status).toBe(1);
    expect(none.output).toContain('PROBLEM FORMS: no form is configured in [env.production]');
    expect(checkConfig(['--config', empty, '--env', 'staging'], dir)).toMatchObject({ status: 2, output: expect.stringContaining('has no [env.staging]') });
  });
});

describe('what breaks at runtime, found before it runs', () => {
  const RUNTIME = `
name = "x"
main = "index.ts"
compatibility_date = "2026-11-09"

[vars.FORMS.stringy]
provider = "sakneen"
origins = "https://a.example.com"
secrets = { apiKey = "SAKNEEN_APIKEY" }
options = { domain = "crm.example.com" }

[vars.FORMS.wide]
provider = "sakneen"
origins = ["https://*.com", "https://*.co.uk", "https://*.github.io", "https://*.shop.example.co.uk"]
secrets = { apiKey = "SAKNEEN_APIKEY" }
options = { domain = "crm.example.com" }

[vars.FORMS.nochannel]
provider = "anarock"
origins = ["https://www.example.com"]
secrets = { key = "ANAROCK_KEY" }
options = { environment = "production", campaignId = "c-1" }

[vars.FORMS.guarded]
provider = "sakneen"
origins = ["https://www.example.com"]
secrets = { apiKey = "SAKNEEN_APIKEY" }
turnstileSecret = "GUARDED_TURNSTILE"
serverToken = "GUARDED_SERVER_TOKEN"
options = { domain = "crm.example.com" }
`;

  it('names the form and the field of each: a string for a list, wildcards over public suffixes, a missing option, missing guard secrets', () => {
    const config = file('runtime.toml', RUNTIME);
    const secrets = file('runtime.env', 'SAKNEEN_APIKEY=1\nANAROCK_KEY=1\nGUARDED_TURNSTILE=1\n');
    const { status, output } = checkConfig(['--config', config, '--secrets-from', secrets], dir);
    expect(status).toBe(1);
    const block = (id: string) => output.slice(output.indexOf(`${id} (`)).split('\n\n')[0]!;
    expect(block('stringy')).toContain('origins      https://a.example.com');
    expect(block('stringy')).toContain('PROBLEM      FORMS.stringy.origins: Must be a list of origins, e.g. ["https://www.example.com"]');
    const wide = block('wide');
    expect(wide).toMatch(/PROBLEM {6}FORMS\.wide\.origins\.0: Must be an origin .*never \*\.com/);
    expect(wide).toContain('PROBLEM      FORMS.wide.origins.1: https://*.co.uk admits every site under .co.uk, a public suffix');
    expect(wide).toContain('PROBLEM      FORMS.wide.origins.2: https://*.github.io admits every site under .github.io, a public suffix');
    expect(wide).not.toContain('origins.3');
    expect(block('nochannel')).toContain('PROBLEM      FORMS.nochannel.options.channel: Missing: this setting is required');
    expect(block('nochannel')).not.toContain('Unknown option');
    const guarded = block('guarded');
    expect(guarded).toMatch(/secret {7}turnstileSecret <- GUARDED_TURNSTILE: set in .*runtime\.env/);
    expect(guarded).toContain('PROBLEM      FORMS.guarded.serverToken names GUARDED_SERVER_TOKEN, which is not set (npx wrangler secret put GUARDED_SERVER_TOKEN)');
    expect(output).toContain('4 form(s): 0 ok, 4 with problems.');
  });

  it('prints a TOML syntax error as one line with the file, line and column', () => {
    file('syntax.toml', 'name = "x"\n\n[vars.FORMS.shop\nprovider = "anarock"\n');
    expect(checkConfig(['--config', 'syntax.toml'], dir)).toEqual({ status: 2, output: expect.stringMatching(/^check-config: syntax\.toml:3:\d+: Invalid TOML document: [^\n]+$/) });
  });
});

describe('checkForms', () => {
  const form = { provider: 'sakneen', origins: ['https://example.com'], secrets: { apiKey: 'KEY' }, options: { domain: 'crm.example.com' } };

  it('checks the secrets a config section requires besides the forms', () => {
    const report = checkForms({ f: form }, { env: 'production', secretSources: [{ label: 'list', names: new Set(['KEY']) }], requiredSecrets: ['ADMIN_TOKEN'] });
    expect(reportIsClean(report)).toBe(false);
    expect(report.problems).toEqual(['ADMIN_TOKEN (secrets.required) is not set (npx wrangler secret put ADMIN_TOKEN --env production)']);
    expect(formatReport(report)).toContain('ADMIN_TOKEN: MISSING');
  });

  it('reports an optional Worker secret as the feature it turns on, never as a problem', () => {
    const optionalSecrets = { TOUCH_COOKIE_SECRET: 'same-site cookie mode' };
    const missing = checkForms({ f: form }, { env: 'production', secretSources: [{ label: 'list', names: new Set(['KEY']) }], optionalSecrets });
    expect(reportIsClean(missing)).toBe(true);
    expect(formatReport(missing)).toContain('TOUCH_COOKIE_SECRET: not set: same-site cookie mode is off');
    const set = checkForms({ f: form }, { env: 'production', secretSources: [{ label: 'list', names: new Set(['KEY', 'TOUCH_COOKIE_SECRET']) }], optionalSecrets });
    expect(formatReport(set)).toContain('TOUCH_COOKIE_SECRET: set in list (same-site cookie mode)');
  });

  it('names the environment of each provider option style', () => {
    const environment = (options: Record<string, unknown>) => checkForms({ f: { ...form, options } }, { env: undefined, secretSources: undefined }).forms[0]?.environment;
    expect(environment({ environment: 'qa' })).toBe('qa');
    expect(environment({ test: true })).toMatch(/^test mode/);
    expect(environment({ domain: 'crm.example.com' })).toMatch(/^production/);
  });

  it('warns, per form, about listed fields its provider cannot carry, and about the older `values`', () => {
    const listed = { ...form, fields: ['name', 'phone', 'email', 'message', 'budget'], options: { domain: 'crm.example.com', values: { project: 'Tower' } } };
    const report = checkForms({ f: listed }, { env: undefined, secretSources: undefined });
    expect(reportIsClean(report)).toBe(true);
    expect(report.forms[0]?.warnings).toEqual([
      'fields message, budget: sakneen has no place for them, so they are not forwarded (each lead lists them as not forwarded on the operator page)',
      'options.values is read as options.defaults (used only when the visitor leaves the field empty); rename it to defaults, or to fixed for a value the visitor can never change',
    ]);
    // Anarock keeps extra fields in extra_details: only a field named like a control field is lost.
    const anarock = { provider: 'anarock', origins: ['https://example.com'], secrets: { key: 'KEY' }, fields: ['name', 'phone', 'message', 'budget', 'credit_value'], options: { environment: 'production', channel: 'web', campaignId: 'c' } };
    expect(checkForms({ a: anarock }, { env: undefined, secretSources: undefined }).forms[0]?.warnings).toEqual([
      'fields credit_value: anarock has no place for them, so they are not forwarded (each lead lists them as not forwarded on the operator page)',
    ]);
  });

  it('refuses a Hotwire form whose fields list has no consent box', () => {
    const hotwire = { provider: 'hotwire', origins: ['https://example.com'], secrets: { apiKey: 'A', secret: 'S' }, fields: ['name', 'email'], options: { environment: 'qa', fixed: { source: 'eBay' } } };
    const report = checkForms({ h: hotwire }, { env: undefined, secretSources: undefined });
    expect(report.forms[0]?.problems).toEqual(['FORMS.h.fields: hotwire needs the form field "consent": add it to the list (and to the form)']);
    expect(reportIsClean(checkForms({ h: { ...hotwire, fields: ['name', 'email', 'consent'] } }, { env: undefined, secretSources: undefined }))).toBe(true);
    const { fields: _fields, ...unlisted } = hotwire;
    expect(checkForms({ h: unlisted }, { env: undefined, secretSources: undefined }).forms[0]?.warnings).toContain('every lead needs the form field "consent" (the edge refuses one without it): make sure the form has it');
  });
});

describe('secretNamesIn', () => {
  it('reads NAMEs with a value from dotenv and JSON secrets files, never empty ones', () => {
    expect(secretNamesIn(file('a.env', '# comment\nA=1\nB=\nC=x=y\n'))).toEqual(new Set(['A', 'C']));
    expect(secretNamesIn(file('b.json', '{ "A": "1", "B": "" }'))).toEqual(new Set(['A']));
    expect(secretNamesIn(file('c.json', '[{ "name": "A", "type": "secret_text" }]'))).toEqual(new Set(['A']));
  });
});
