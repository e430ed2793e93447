import type { FormConfig } from '../config/forms.ts';
import { hasBearerToken } from '../http/bearer.ts';
import { isOriginAllowed } from '../http/origins.ts';

/**
 * Whether this request may post to the form: a browser's `Origin` must be one of the form's
 * origins; a request without one (a server, curl, a bot) needs the form's own server token.
 */
export async function mayPost(request: Request, form: FormConfig, env: Readonly<Record<string, unknown>>): Promise<boolean> {
  const origin = request.headers.get('origin');
  if (origin !== null) return isOriginAllowed(origin, form.origins);
  const token = form.guard.serverToken ? env[form.guard.serverToken] : undefined;
  return typeof token === 'string' && token !== '' && (await hasBearerToken(request, token));
}
