import type { TestProject } from 'vitest/node';
import { standInSecretsFrom } from '../../standins/registry.ts';
import { startStandIns } from '../../standins/server.ts';
import { TEST_SECRETS } from '../support/forms.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    standInUrl: string;
  }
}

/** Starts the provider stand-ins once for the workerd tests, on a free port of 127.0.0.1. */
export default async function setup(project: TestProject) {
  const standIns = await startStandIns(standInSecretsFrom(TEST_SECRETS, 'TEST'));
  project.provide('standInUrl', standIns.url);
  return () => standIns.close();
}
