// CI proof that the Worker deploys (`npm test` runs it after the build): `wrangler deploy --dry-run`
// bundles the top level of wrangler.toml (production) exactly as `npm run deploy` would, without
// an account, and the bundle is held to a size budget like the widget's. First: the demo
// environment has not drifted from it (scripts/env-drift.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { envDrift } from './env-drift.ts';
import { DEMO_ENV, ROOT } from './local-stack.ts';
import { missingPhoneAssets } from './production-assets.ts';
import { bundleSize, dryRunDeploy, WORKER_GZIP_BUDGET } from './worker-bundle.ts';

const OUT_DIR = join(ROOT, '.tmp', 'deploy');

const drift = envDrift(ROOT, join(ROOT, 'wrangler.toml'), DEMO_ENV);
if (drift.length > 0) {
  for (const line of drift) console.error(`deploy: ${line}`);
  process.exit(1);
}

const dryRun = dryRunDeploy(undefined, OUT_DIR);
// A config warning here is a production deploy missing something wrangler noticed.
if (!dryRun.ok || dryRun.warned) {
  console.error(dryRun.output);
  console.error(`deploy: wrangler deploy --dry-run ${!dryRun.ok ? `failed (exit ${dryRun.status})` : 'printed a warning'}${readdirSync(ROOT).includes('dist') ? '' : '; run npm run build first'}`);
  process.exit(1);
}

const missing = missingPhoneAssets(ROOT);
if (missing.length > 0) {
  console.error(`deploy: missing ${missing.join(' and ')}, the Worker's phone files; run npm run build first`);
  process.exit(1);
}

const { modules, raw, gzip } = bundleSize(OUT_DIR);
const verdict = gzip <= WORKER_GZIP_BUDGET ? 'ok' : 'OVER BUDGET';
console.log(`deploy: wrangler deploy --dry-run ok (${modules.join(', ')} in ${OUT_DIR.slice(ROOT.length + 1)})`);
console.log(`size: Worker bundle (every uploaded module): ${raw} B raw, ${gzip} B gzip (budget ${WORKER_GZIP_BUDGET} B gzip) ${verdict}`);
if (verdict !== 'ok') console.error(`size: the Worker bundle is ${gzip - WORKER_GZIP_BUDGET} B gzip over issue 21's budget; to see what grew, LEADRELAY_SKIP_DEPLOY_GUARD=1 npx wrangler deploy --dry-run --outdir .tmp/meta --metafile writes esbuild's metafile`);
process.exitCode = verdict === 'ok' ? 0 : 1;
