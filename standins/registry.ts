import { anarockStandIn } from './anarock.ts';
import { comunik8StandIn } from './comunik8.ts';
import { hotwireStandIn } from './hotwire.ts';
import { realgeeksStandIn } from './realgeeks.ts';
import { sakneenStandIn } from './sakneen.ts';
import { turnstileStandIn } from './turnstile.ts';
import type { StandInDefinition, StandInSecrets } from './types.ts';

/** Every stand-in (the five providers, and Cloudflare Turnstile's siteverify), by name. Each lives under `/<name>`. */
export const standInDefinitions: Readonly<Record<string, StandInDefinition>> = {
  anarock: { secretNames: ['key'], create: anarockStandIn },
  comunik8: { secretNames: ['key'], create: comunik8StandIn },
  hotwire: { secretNames: ['apiKey', 'secret'], create: hotwireStandIn },
  realgeeks: { secretNames: ['username', 'password'], create: realgeeksStandIn },
  sakneen: { secretNames: ['apiKey'], create: sakneenStandIn },
  turnstile: { secretNames: ['secret'], create: turnstileStandIn },
};

/**
 * Stand-in secrets read from env-style names `<PROVIDER>_<INFIX>_<SECRET>`, e.g.
 * `ANAROCK_DEMO_KEY` (demo/demo.env) or `ANAROCK_TEST_KEY` (test/support/forms.ts).
 */
export function standInSecretsFrom(env: Readonly<Record<string, string>>, infix: string): StandInSecrets {
  return Object.fromEntries(
    Object.entries(standInDefinitions).map(([name, definition]) => [
      name,
      Object.fromEntries(definition.secretNames.map((secret) => [secret, env[`${name}_${infix}_${secret}`.toUpperCase()] ?? ''])),
    ]),
  );
}
