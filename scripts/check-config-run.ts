// The whole of `npm run check-config` as a function: the CLI (scripts/check-config.ts) only prints
// and exits, and the tests call this in-process instead of paying a Node start-up per case.
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { experimental_readRawConfig } from 'wrangler';
import { alertProblems } from '../edge/alerts/config.ts';
import { parseChannelRules } from '../edge/attribution/rules-config.ts';
import { checkForms, formatReport, reportIsClean, type SecretSource } from './forms-report.ts';
import { DEMO_ENV, DEMO_ENV_FILE, ROOT } from './local-stack.ts';
import { secretNamesIn } from './secret-names.ts';
import { TOUCH_COOKIE_SECRET } from '../edge/touch/settings.ts';

export interface CheckConfigResult {
  /** 0 clean, 1 a problem in the config, 2 the command could not check (bad arguments, unreadable file). */
  status: 0 | 1 | 2;
  output: string;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** wrangler's TOML ParseError as one line, `wrangler.toml:3:5: Invalid TOML document: ...`; anything else by its message. */
function unreadable(error: unknown, file: string): string {
  const location = (error as { location?: { line?: number; column?: number } } | null)?.location;
  const where = location?.line === undefined ? file : `${file}:${location.line}:${location.column ?? 0}`;
  return `${where}: ${message(error).split('\n')[0]}`;
}

/** Runs check-config with CLI arguments; paths in them and in the output are relative to cwd. */
export function checkConfig(args: readonly string[], cwd: string): CheckConfigResult {
  let values: { env?: string; config?: string; 'secrets-from'?: string[] };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { env: { type: 'string' }, config: { type: 'string' }, 'secrets-from': { type: 'string', multiple: true } },
    }));
  } catch (error) {
    return { status: 2, output: `check-config: ${message(error)}` };
  }
  const env = values.env || undefined;
  const configPath = values.config ? resolve(cwd, values.config) : join(ROOT, 'wrangler.toml');
  const shown = (path: string): string => relative(cwd, path) || path;

  let rawConfig: ReturnType<typeof experimental_readRawConfig>['rawConfig'];
  try {
    ({ rawConfig } = experimental_readRawConfig({ config: configPath }));
  } catch (error) {
    return { status: 2, output: `check-config: ${unreadable(error, shown(configPath))}` };
  }
  const section = env === undefined ? rawConfig : rawConfig.env?.[env];
  if (!section) return { status: 2, output: `check-config: ${shown(configPath)} has no [env.${env}]` };

  const local = env === DEMO_ENV;
  const files = values['secrets-from']?.map((file) => resolve(cwd, file)) ?? (local ? [DEMO_ENV_FILE, join(ROOT, '.dev.vars')].filter((file) => existsSync(file)) : undefined);
  let secretSources: SecretSource[] | undefined;
  try {
    secretSources = files?.map((file) => ({ label: shown(file), names: secretNamesIn(file) }));
  } catch (error) {
    return { status: 2, output: `check-config: cannot read secret names: ${message(error)}` };
  }
  const vars = (section.vars ?? {}) as Record<string, unknown>;
  const report = checkForms(vars['FORMS'], {
    secretSources,
    env,
    local,
    requiredSecrets: section.secrets?.required ?? [],
    optionalSecrets: { [TOUCH_COOKIE_SECRET]: 'same-site cookie mode' },
  });
  // Secrets are only known where they were looked up; elsewhere a missing signing key is not a finding.
  const alerts = alertProblems(vars, (name) => (secretSources ? secretSources.some((source) => source.names.has(name)) : undefined));
  // The Worker would log these and classify by GA4's rules alone: a deploy should not get that far.
  const channelRules = parseChannelRules(vars['CHANNEL_RULES']);
  const channelProblems = channelRules.ok ? [] : channelRules.problems;
  const envFlag = env === undefined ? '' : ` --env ${env}`;
  const lines = [
    `check-config: ${shown(configPath)}, ${env === undefined ? 'top level (production)' : local ? `[env.${env}] (the local demo that npm start runs)` : `[env.${env}]`}`,
    secretSources
      ? `Secrets looked up in: ${secretSources.map((source) => source.label).join(', ') || '(no file)'}`
      : `Secrets not checked: they live in your Cloudflare account. npm run deploy checks them itself; by hand:\n  npx wrangler secret list${envFlag} > .tmp/secrets.json && npm run check-config --${envFlag} --secrets-from .tmp/secrets.json`,
    formatReport(report),
    alerts.length ? `Alerts: ${alerts.length} problem(s):\n${alerts.map((problem) => `  - ${problem}`).join('\n')}` : 'Alerts: ok',
    channelProblems.length ? `Channel rules: ${channelProblems.length} problem(s):\n${channelProblems.map((problem) => `  - ${problem}`).join('\n')}` : 'Channel rules: ok',
  ];
  return { status: reportIsClean(report) && alerts.length === 0 && channelProblems.length === 0 ? 0 : 1, output: lines.join('\n') };
}
