import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../../scripts/local-stack.ts';

/**
 * Launches the headless Chromium that ships inside @sparticuz/chromium. It unpacks into
 * $TMPDIR/chromium and reuses what it finds there, so it gets a folder of the project's own.
 * `extraArgs` go on its command line (the bench maps a host name with them).
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const tmp = join(ROOT, '.tmp', 'chromium');
  mkdirSync(tmp, { recursive: true });
  process.env['TMPDIR'] = tmp; // read when @sparticuz/chromium loads, so set before the import
  const { default: chromium } = await import('@sparticuz/chromium');
  const { chromium: playwright } = await import('playwright-core');
  // Its args are tuned for AWS Lambda; drop the ones that would make the tests lie: one process
  // shares storage between contexts, and disabled web security would hide CORS mistakes.
  const args = chromium.args.filter((arg) => !/^--(single-process|disable-web-security|allow-running-insecure-content|disable-site-isolation-trials|disable-features=)/.test(arg));
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [...args, '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', ...extraArgs],
    headless: true,
  });
}

/** One Chromium for the calling test file: launched before its tests, closed after them. */
export function chromiumForThisFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());
  return () => {
    if (!browser) throw new Error('Chromium is not running: call the getter inside a test');
    return browser;
  };
}

/** Collects uncaught page errors, so a test can assert the widget never threw into the page. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Where screenshots for people to look at go (git-ignored). */
export const SCREENSHOTS = join(ROOT, '.tmp', 'screenshots');
