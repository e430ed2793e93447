// `npm run check-config [-- --env production] [--secrets-from FILE]...`: checks the forms of
// wrangler.toml before anything runs or deploys, and exits 1 on any problem.
//   Top level (the local demo): secrets are looked up where `npm start` reads them, demo/demo.env
//   then .dev.vars. With --env: in the files given with --secrets-from, which may be dotenv files,
//   wrangler's JSON secrets file, or the output of `wrangler secret list --env <name>`.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { experimental_readRawConfig } from 'wrangler';
import { checkForms, formatReport, reportIsClean, type SecretSource } from './forms-report.ts';
import { DEMO_ENV_FILE, ROOT } from './local-stack.ts';
import { secretNamesIn } from './secret-names.ts';

const { values } = parseArgs({
  options: {
    env: { type: 'string' },
    config: { type: 'string', default: join(ROOT, 'wrangler.toml') },
    'secrets-from': { type: 'string', multiple: true },
  },
});
const env = values.env || undefined;
const configPath = values.config;

const { rawConfig } = experimental_readRawConfig({ config: configPath });
const section = env === undefined ? rawConfig : rawConfig.env?.[env];
if (!section) {
  console.error(`check-config: ${relative(process.cwd(), configPath)} has no [env.${env}]`);
  process.exit(2);
}

const files = values['secrets-from'] ?? (env === undefined ? [DEMO_ENV_FILE, join(ROOT, '.dev.vars')].filter((file) => existsSync(file)) : undefined);
let secretSources: SecretSource[] | undefined;
try {
  secretSources = files?.map((file) => ({ label: relative(process.cwd(), file) || file, names: secretNamesIn(file) }));
} catch (error) {
  console.error(`check-config: cannot read secret names: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const vars = (section.vars ?? {}) as Record<string, unknown>;
const report = checkForms(vars['FORMS'], { secretSources, env, requiredSecrets: section.secrets?.required ?? [] });

console.log(`check-config: ${relative(process.cwd(), configPath) || configPath}, ${env === undefined ? 'top level (the local demo that npm start runs)' : `[env.${env}]`}`);
console.log(secretSources
  ? `Secrets looked up in: ${secretSources.map((source) => source.label).join(', ') || '(no file)'}`
  : `Secrets not checked: they live in your Cloudflare account. npm run deploy checks them itself; by hand:\n  npx wrangler secret list --env ${env} > .tmp/secrets.json && npm run check-config -- --env ${env} --secrets-from .tmp/secrets.json`);
console.log(formatReport(report));
process.exitCode = reportIsClean(report) ? 0 : 1;
