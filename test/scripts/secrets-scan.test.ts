// No secret value used anywhere in this repo may end up in what is built: the browser files, the
// demo site, the npm package's files or the Worker bundle that would be deployed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ENV_FILE, ROOT, readEnvFile } from '../../scripts/local-stack.ts';
import { TEST_SECRETS } from '../support/forms.ts';

const filesUnder = (dir: string): string[] =>
  !existsSync(dir) ? [] : readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

describe('built output', () => {
  const secrets = [...Object.values(TEST_SECRETS), ...Object.values(readEnvFile(DEMO_ENV_FILE))].filter((value) => value.length >= 8);

  it('contains no secret value of the tests or the demo', () => {
    // npm test builds dist/ and the dry-run deploy bundle (.tmp/deploy) before vitest runs.
    const files = [...filesUnder(join(ROOT, 'dist')), ...filesUnder(join(ROOT, '.tmp', 'deploy'))];
    expect(files.length).toBeGreaterThan(5);
    const leaks = files.flatMap((file) => {
      const text = readFileSync(file, 'latin1');
      return secrets.filter((secret) => text.includes(secret)).map((secret) => `${relative(ROOT, file)} contains ${secret.slice(0, 6)}…`);
    });
    expect(leaks).toEqual([]);
  });
});
