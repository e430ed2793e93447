// What a visitor does in the browser tests, and what the Anarock stand-in then received.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { standInRequests } from './standin-client.ts';

/** Fills name and phone with the keyboard alone and submits with Enter (implicit submission from a text field). */
export async function submitByKeyboard(page: Page, name: string): Promise<void> {
  await page.getByLabel('Full name').focus();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type('+91 98765 43210');
  await page.keyboard.press('Enter');
}

/**
 * The Anarock requests since `before` for the visitor `name`: other leads may reach the stand-in
 * meanwhile on a slow machine (an earlier test's page keeps a lead answered 429 and sends it
 * again after its Retry-After), so a count of all requests is no test of this visitor's.
 */
export async function anarockLeadsFor(standInUrl: string, before: number, name: string): Promise<Awaited<ReturnType<typeof standInRequests>>> {
  return (await standInRequests(standInUrl, 'anarock')).slice(before).filter((request) => (request.parsed as { name?: unknown } | undefined)?.name === name);
}

/** The body of the only Anarock request for `name` since `before`, after the page showed success; it must carry a valid signature. */
export async function nextAnarockLead(page: Page, standInUrl: string, before: number, name: string): Promise<Record<string, unknown>> {
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Thank you! We have received your details.');
  const received = await anarockLeadsFor(standInUrl, before, name);
  expect(received).toHaveLength(1);
  expect(received[0]?.authenticated).toBe(true);
  return received[0]?.parsed as Record<string, unknown>;
}
