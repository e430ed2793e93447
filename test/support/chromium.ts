import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ROOT } from '../../scripts/local-stack.ts';

/**
 * Launches the headless Chromium that ships inside @sparticuz/chromium. It unpacks into
 * $TMPDIR/chromium and reuses what it finds there, so it gets a folder of the project's own.
 */
export async function launchChromium(): Promise<Browser> {
  const tmp = join(ROOT, '.tmp', 'chromium');
  mkdirSync(tmp, { recursive: true });
  process.env['TMPDIR'] = tmp; // read when @sparticuz/chromium loads, so set before the import
  const { default: chromium } = await import('@sparticuz/chromium');
  const { chromium: playwright } = await import('playwright-core');
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args, '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    headless: true,
  });
}
