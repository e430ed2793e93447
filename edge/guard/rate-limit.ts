import { clientKey } from './client-key.ts';
import type { FormConfig } from '../config/forms.ts';
import { apiError } from '../http/responses.ts';

/** The rate-limit bindings of wrangler.toml, by a form's `rateLimit` setting; each counts per minute. */
const BINDINGS = { default: 'LEAD_RATE_LIMIT', strict: 'LEAD_RATE_LIMIT_STRICT', relaxed: 'LEAD_RATE_LIMIT_RELAXED' } as const;
const PERIOD_SECONDS = 60;

/** A 429 with Retry-After when this client (an IPv4 address, an IPv6 /64) has posted too often to this form, else undefined. */
export async function rateLimited(request: Request, form: FormConfig, env: Readonly<Record<string, unknown>>): Promise<Response | undefined> {
  if (form.guard.rateLimit === 'off') return undefined;
  const binding = env[BINDINGS[form.guard.rateLimit]] as RateLimit | undefined;
  if (!binding) return undefined; // not bound in this deployment: the config checker reports it
  const ip = request.headers.get('cf-connecting-ip') ?? 'unknown';
  const { success } = await binding.limit({ key: `${form.id}:${clientKey(ip)}` });
  if (success) return undefined;
  const response = apiError(429, 'rate_limited', 'Too many submissions from this connection; try again in a minute');
  response.headers.set('retry-after', String(PERIOD_SECONDS));
  return response;
}
