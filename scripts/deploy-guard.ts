// wrangler.toml's [build] command for the top level (production): a plain `npx wrangler deploy`
// from a fresh clone stops here, naming what to fill in, instead of deploying a Worker without
// forms, with a form that cannot work, or without the phone metadata among the assets it uploads.
// `npm run deploy` runs the full check (with the account's secrets) and the build before it gets
// here. wrangler runs [build] for every command that bundles, so what only bundles sets
// LEADRELAY_SKIP_DEPLOY_GUARD=1: the dry runs of check-deploy and bench (they prove the bundle,
// not the forms) and `wrangler types` (npm run typecheck, npm run types).
import { checkConfig } from './check-config-run.ts';
import { ROOT } from './local-stack.ts';
import { missingPhoneAssets } from './production-assets.ts';

if (process.env['LEADRELAY_SKIP_DEPLOY_GUARD'] !== '1') {
  const { status, output } = checkConfig([], ROOT);
  if (status !== 0) {
    console.error(`${output}\n\nNot deployed: fix the forms of wrangler.toml (top level, [vars.FORMS.<form id>]) first.`);
    console.error('The local demo is [env.demo]: npm start runs it; it is never deployed.');
    process.exitCode = 1;
  }
  const missing = missingPhoneAssets(ROOT);
  if (missing.length > 0) {
    console.error(`Not deployed: missing ${missing.join(' and ')}, which the Worker fetches (without the metadata it answers every lead 503): run npm run build first (npm run deploy does).`);
    process.exitCode = 1;
  }
}
