import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { TEST_SECRETS, testForms } from './test/support/forms.ts';

export default defineConfig({
  test: {
    // Worker logs (one JSON line per delivery) only for failing tests.
    silent: 'passed-only',
    // expect.poll waits for what a page or a queue does next; its default second is a busy machine's hiccup.
    expect: { poll: { timeout: 30_000 } },
    projects: [
      // isolate: false reuses a worker across files where no file keeps module state (widget does: it stays isolated).
      { test: { name: 'shared', isolate: false, include: ['test/shared/**/*.test.ts'], environment: 'node' } },
      // Waits poll for 30 s (a chunk import or a retry on a loaded machine); the test around them may take as long.
      { test: { name: 'widget', testTimeout: 60_000, include: ['test/widget/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
      { test: { name: 'scripts', isolate: false, include: ['test/scripts/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'bench', isolate: false, include: ['test/bench/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [
          cloudflareTest(async ({ inject }) => {
            const standInUrl: string = inject('standInUrl');
            return {
            wrangler: { configPath: './wrangler.toml', environment: 'demo' },
            miniflare: {
              // The optional retention archive (edge/retention.ts), so its NDJSON can be read back.
              r2Buckets: ['RETENTION_ARCHIVE'],
              bindings: {
                ...TEST_SECRETS,
                FORMS: testForms(standInUrl),
                // A second attempt an hour later: no retry fires while a test reads a lead's state.
                // The pipeline tests pass their own compressed schedule and clock.
                RETRY_SCHEDULE: '0,3600',
                // Room for a busy machine: tests read a fast stand-in's outcome in the answer; the
                // bounded-wait test uses a stand-in slower than this.
                FIRST_ATTEMPT_WAIT_MS: '5000',
                TURNSTILE_VERIFY_URL: `${standInUrl}/turnstile/siteverify`,
                TEST_MIGRATIONS: await readD1Migrations('./migrations'),
              },
            },
            };
          }),
        ],
        test: {
          name: 'edge',
          // One Miniflare for every file instead of one per file (about 20 s of the suite); the
          // files share one D1, so a test that seeds many rows removes them (test/edge/retention.test.ts).
          isolate: false,
          // The property-based fuzz and the 100,000-lead sweep run in-process; 5 s is not enough on a loaded machine.
          testTimeout: 60_000,
          include: ['test/edge/**/*.test.ts'],
          globalSetup: ['test/edge/global-setup.ts'],
          setupFiles: ['test/edge/apply-migrations.ts', 'test/edge/load-phone-metadata.ts'],
        },
      },
      {
        test: {
          // The local runtime killed and restarted (test/crash/): its own wrangler dev and stand-ins, after `npm run build`.
          name: 'crash',
          include: ['test/crash/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/global-setup.ts'],
          // One wrangler dev serves every file, one file after another. Its queue may send an earlier
          // file's pending lead again meanwhile: tests find theirs at the stand-ins by what they typed.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
