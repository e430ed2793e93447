import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, startLocalStack } from '../../scripts/local-stack.ts';
import { freePort } from '../support/ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    workerUrl: string;
    browserStandInUrl: string;
  }
}

/** One local stack (wrangler dev + stand-ins, on free ports, fresh D1) for every browser test file. */
export default async function setup(project: TestProject) {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const persistTo = mkdtempSync(join(ROOT, '.tmp', 'state-'));
  const stack = await startLocalStack({ workerPort: await freePort(), standInPort: 0, persistTo, stdio: 'ignore', retargetDemoForms: true });
  project.provide('workerUrl', stack.workerUrl);
  project.provide('browserStandInUrl', stack.standIns.url);
  return async () => {
    await stack.stop();
    rmSync(persistTo, { recursive: true, force: true });
  };
}
