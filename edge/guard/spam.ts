import type { FormConfig } from '../config/forms.ts';

/** What a submission tells about who sent it. */
export interface SpamSignals {
  honeypot?: string | undefined;
  elapsedMs?: number | undefined;
  turnstileToken?: string | undefined;
}

/** Checks a Turnstile token; injected so tests and the Worker choose where siteverify lives. */
export type TurnstileCheck = (token: string, secret: string) => Promise<{ ok: true } | { ok: false; reason: string }>;

/**
 * Why this lead looks like a bot's, or undefined: the honeypot filled in, sent faster than a
 * person types, or (on forms that require it) no valid Turnstile token.
 */
export async function spamReason(signals: SpamSignals, form: FormConfig, env: Readonly<Record<string, unknown>>, checkTurnstile: TurnstileCheck): Promise<string | undefined> {
  if (signals.honeypot) return 'the honeypot field was filled in';
  if (signals.elapsedMs !== undefined && signals.elapsedMs < form.guard.minSubmitMs) {
    return `sent ${signals.elapsedMs} ms after the form appeared (minimum ${form.guard.minSubmitMs} ms)`;
  }
  if (!form.guard.turnstileSecret) return undefined;
  const secret = env[form.guard.turnstileSecret];
  // Never reached from the lead route, which refuses such a form (missingSecrets): not blamed on the visitor.
  if (typeof secret !== 'string' || secret === '') return undefined;
  if (!signals.turnstileToken) return 'no Turnstile token';
  const verdict = await checkTurnstile(signals.turnstileToken, secret);
  return verdict.ok ? undefined : verdict.reason;
}
