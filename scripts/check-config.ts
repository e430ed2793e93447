// `npm run check-config [-- --env demo] [--config FILE] [--secrets-from FILE]...`: checks the
// forms of wrangler.toml (top level: production) before anything runs or deploys; exits 1 on any
// problem, 2 when it could not check. Secrets: in the files given with --secrets-from, which may
// be dotenv files, wrangler's JSON secrets file, or the output of `wrangler secret list`; for the
// local demo ([env.demo]) by default where `npm start` reads them, demo/demo.env then .dev.vars.
// The logic is scripts/check-config-run.ts.
import { checkConfig } from './check-config-run.ts';

const { status, output } = checkConfig(process.argv.slice(2), process.cwd());
(status === 2 ? console.error : console.log)(output);
process.exitCode = status;
