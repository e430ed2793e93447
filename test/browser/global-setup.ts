import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, startLocalStack } from '../../scripts/local-stack.ts';
import { freePort } from '../../scripts/ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    workerUrl: string;
    browserStandInUrl: string;
    /** Origin of the foreign site (another origin than the Worker's) that test files serve. */
    siteOrigin: string;
  }
}

/** Forms of the foreign site: Anarock and Hotwire at the stand-ins, like the demo's, but only that site may post. */
function siteForms(siteOrigin: string) {
  const anarock = {
    provider: 'anarock',
    origins: [siteOrigin],
    defaultCountry: 'IN',
    secrets: { key: 'ANAROCK_DEMO_KEY' },
    options: { environment: 'staging', baseUrl: 'http://127.0.0.1:8790/anarock', channel: 'demo-channel', campaignId: 'site-campaign' },
  };
  // Hotwire, for the snippet of a provider that needs first and last name, email and a consent box.
  const hotwire = {
    provider: 'hotwire',
    origins: [siteOrigin],
    rateLimit: 'off',
    secrets: { apiKey: 'HOTWIRE_DEMO_APIKEY', secret: 'HOTWIRE_DEMO_SECRET' },
    options: { environment: 'qa', baseUrl: 'http://127.0.0.1:8790/hotwire', values: { source: 'Foreign site' } },
  };
  // site-widget: for widget.js on the site, which a test fills faster than the 1.5 s a person takes at least.
  // site-outcomes-strict: widget.js meeting the rate limit (its own, so no other file's posts count against it).
  return {
    'site-anarock': { ...anarock, rateLimit: 'off' },
    'site-strict': { ...anarock, rateLimit: 'strict' },
    'site-widget': { ...anarock, rateLimit: 'off', minSubmitMs: 0 },
    'site-outcomes-strict': { ...anarock, rateLimit: 'strict', minSubmitMs: 0 },
    'site-hotwire': hotwire,
  };
}

/** One local stack (wrangler dev + stand-ins, on free ports, fresh D1) for every browser test file. */
export default async function setup(project: TestProject) {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const persistTo = mkdtempSync(join(ROOT, '.tmp', 'state-'));
  const siteOrigin = `http://127.0.0.1:${await freePort()}`;
  const stack = await startLocalStack({ workerPort: 'free', standInPort: 0, persistTo, stdio: 'ignore', retargetDemoForms: true, extraForms: siteForms(siteOrigin) });
  project.provide('workerUrl', stack.workerUrl);
  project.provide('browserStandInUrl', stack.standIns.url);
  project.provide('siteOrigin', siteOrigin);
  return async () => {
    await stack.stop();
    rmSync(persistTo, { recursive: true, force: true });
  };
}
