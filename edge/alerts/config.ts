// Where alerts go, per deployment (wrangler.toml [vars], the signing key a secret):
//   ALERT_WEBHOOK_URL     a URL that takes JSON (Slack and Teams incoming webhooks work as is)
//   ALERT_WEBHOOK_SECRET  secret: the Standard Webhooks signing key, `whsec_` + base64 (24+ bytes)
//   ALERT_EMAIL_TO/_FROM  addresses for email through the ALERT_EMAIL send_email binding, where bound
//   ALERT_WINDOW_MINUTES  one alert per form and reason within this window, then a digest (default 15)
//   ALERT_PERSONAL_DATA   "on" adds the lead's fields to an alert; by default only ids and reasons

/**
 * What sends one email: Cloudflare's send_email binding (Email Routing), given an EmailMessage of
 * `cloudflare:email` (typed loosely here: check-config reads this file outside the Worker's types).
 */
export interface EmailSender {
  send(message: unknown): Promise<unknown>;
}

export interface AlertConfig {
  webhook?: { url: string; secret: string } | undefined;
  email?: { sender: EmailSender; from: string; to: string } | undefined;
  windowMs: number;
  personalData: boolean;
}

const DEFAULT_WINDOW_MINUTES = 15;
const MIN_KEY_BYTES = 24;

const text = (env: Readonly<Record<string, unknown>>, name: string) => {
  const value = env[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** Bytes of a `whsec_` signing key, or undefined when it is not one. */
function keyBytes(secret: string): number | undefined {
  if (!secret.startsWith('whsec_')) return undefined;
  try {
    return atob(secret.slice('whsec_'.length)).length;
  } catch {
    return undefined;
  }
}

/** What is wrong with a deployment's alert settings; empty when they are usable (or alerts are off). */
export function alertProblems(env: Readonly<Record<string, unknown>>, secretIsSet: (name: string) => boolean | undefined): string[] {
  const problems: string[] = [];
  const url = text(env, 'ALERT_WEBHOOK_URL');
  if (url) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`ALERT_WEBHOOK_URL "${url}" is not a URL`);
    }
    if (parsed && parsed.protocol !== 'https:' && !['127.0.0.1', 'localhost'].includes(parsed.hostname)) problems.push('ALERT_WEBHOOK_URL must be https:// (alerts carry lead ids and reasons)');
    if (secretIsSet('ALERT_WEBHOOK_SECRET') === false) problems.push('ALERT_WEBHOOK_URL is set but the ALERT_WEBHOOK_SECRET secret is not: npx wrangler secret put ALERT_WEBHOOK_SECRET (a whsec_ key)');
  }
  const secret = text(env, 'ALERT_WEBHOOK_SECRET');
  if (secret && (keyBytes(secret) ?? 0) < MIN_KEY_BYTES) problems.push(`ALERT_WEBHOOK_SECRET must be whsec_ followed by base64 of at least ${MIN_KEY_BYTES} random bytes`);
  const to = text(env, 'ALERT_EMAIL_TO');
  const from = text(env, 'ALERT_EMAIL_FROM');
  if (Boolean(to) !== Boolean(from)) problems.push('ALERT_EMAIL_TO and ALERT_EMAIL_FROM go together: set both or neither');
  for (const [name, value] of [['ALERT_EMAIL_TO', to], ['ALERT_EMAIL_FROM', from]] as const) if (value && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) problems.push(`${name} "${value}" is not an email address`);
  const minutes = text(env, 'ALERT_WINDOW_MINUTES');
  if (minutes && !(Number(minutes) >= 1 && Number(minutes) <= 1440)) problems.push('ALERT_WINDOW_MINUTES must be a number of minutes from 1 to 1440');
  const personal = text(env, 'ALERT_PERSONAL_DATA');
  if (personal && !['on', 'off'].includes(personal)) problems.push('ALERT_PERSONAL_DATA must be "on" or "off"');
  return problems;
}

/** The alert channels this Worker has; a channel whose settings are wrong is left out (check-config names why). */
export function alertConfig(env: Readonly<Record<string, unknown>>): AlertConfig {
  const url = text(env, 'ALERT_WEBHOOK_URL');
  const secret = text(env, 'ALERT_WEBHOOK_SECRET');
  const sender = env['ALERT_EMAIL'] as EmailSender | undefined;
  const to = text(env, 'ALERT_EMAIL_TO');
  const from = text(env, 'ALERT_EMAIL_FROM');
  const minutes = Number(text(env, 'ALERT_WINDOW_MINUTES'));
  return {
    webhook: url && (keyBytes(secret) ?? 0) >= MIN_KEY_BYTES ? { url, secret } : undefined,
    email: sender && typeof sender.send === 'function' && to && from ? { sender, to, from } : undefined,
    windowMs: (minutes >= 1 && minutes <= 1440 ? minutes : DEFAULT_WINDOW_MINUTES) * 60_000,
    personalData: text(env, 'ALERT_PERSONAL_DATA') === 'on',
  };
}

/** The channels an alert is written out for. */
export const channelsOf = (config: AlertConfig): Array<'webhook' | 'email'> => [...(config.webhook ? ['webhook' as const] : []), ...(config.email ? ['email' as const] : [])];
