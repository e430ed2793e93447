// `npm run deploy` (after `npm run build`): the production Worker, the top level of wrangler.toml.
//   1. check the production forms against the secrets the account really has (wrangler secret list)
//   2. apply new D1 migrations to the remote database, so the new code finds its tables
//   3. freeze this widget version (widget/releases/<version>/, commit it): what sites pin never changes
//   4. wrangler deploy (extra arguments go to it: npm run deploy -- --message "...")
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './local-stack.ts';

const RELEASE_WIDGET = join(ROOT, 'scripts', 'release-widget.ts');
const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');
const NODE = process.execPath;
// The top level, said explicitly: wrangler warns when a config has environments and none is named.
const TOP_LEVEL = '--env=';

function run(command: string, args: string[]): number {
  const shown = command === NODE ? ['node', ...args.map((arg) => arg.replace(`${ROOT}/`, ''))] : ['wrangler', ...args];
  console.log(`\n> ${shown.join(' ')}`);
  return spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' }).status ?? 1;
}

// Names only: wrangler never shows a secret's value once it is stored.
const list = spawnSync(WRANGLER, ['secret', 'list', TOP_LEVEL, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
if (list.status !== 0) {
  console.error(`${list.stdout}${list.stderr}\ndeploy: could not list the secrets of the production Worker.`);
  console.error('  Logged in? npx wrangler login. First deploy? Put each secret first (npx wrangler secret put NAME): that creates the Worker.');
  process.exit(1);
}
const secretsFile = join(ROOT, '.tmp', 'production-secret-names.json');
mkdirSync(join(ROOT, '.tmp'), { recursive: true });
writeFileSync(secretsFile, list.stdout);

if (run(NODE, [join(ROOT, 'scripts', 'check-config.ts'), '--secrets-from', secretsFile]) !== 0) {
  console.error('\ndeploy: nothing was deployed; fix the problems above first.');
  process.exit(1);
}
if (run(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--remote', TOP_LEVEL]) !== 0) process.exit(1);
if (run(NODE, [RELEASE_WIDGET]) !== 0) process.exit(1);
process.exit(run(WRANGLER, ['deploy', TOP_LEVEL, ...process.argv.slice(2)]));
