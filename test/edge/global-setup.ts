import type { TestProject } from 'vitest/node';
import { standInSecretsFrom } from '../../standins/registry.ts';
import { startStandIns } from '../../standins/server.ts';
import { startAlertReceiver } from '../../standins/alert-receiver.ts';
import { TEST_SECRETS } from '../support/forms.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    standInUrl: string;
    /** The local alert receiver (standins/alert-receiver.ts) and the signing key it verifies with. */
    alertReceiverUrl: string;
    alertSecret: string;
  }
}

/** Starts the provider stand-ins and the alert receiver once for the workerd tests, on free ports of 127.0.0.1. */
export default async function setup(project: TestProject) {
  const standIns = await startStandIns(standInSecretsFrom(TEST_SECRETS, 'TEST'));
  project.provide('standInUrl', standIns.url);
  const alertSecret = `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
  const receiver = await startAlertReceiver(alertSecret);
  project.provide('alertReceiverUrl', receiver.url);
  project.provide('alertSecret', alertSecret);
  return async () => {
    await Promise.all([standIns.close(), receiver.close()]);
  };
}
