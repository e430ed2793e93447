// A lead's attribution, merged with the touches the Worker kept in its cookie (same-site cookie
// mode): what the browser's storage lost, the cookie still has.
import type { Attribution } from '../../shared/lead.ts';
import { openTouches, touchCookieOf, type KeptTouches } from './cookie.ts';
import { mergeTouches } from './merge.ts';
import { isSameSite, touchCookieSettings } from './settings.ts';

/** Touches read from the cookie, and the oldest time a touch may have to still count (retention). */
export interface KeptInCookie {
  touches: KeptTouches;
  oldest: number;
}

/** The verified touches of the request's cookie, when the mode is on and the page is of this site. */
export async function keptTouchesOf(request: Request, env: Readonly<Record<string, unknown>>, now: number): Promise<KeptInCookie | undefined> {
  const settings = touchCookieSettings(env);
  const stored = touchCookieOf(request);
  if (!settings || stored === undefined || !isSameSite(request)) return undefined;
  const touches = await openTouches(stored, settings.secret);
  return touches ? { touches, oldest: now - settings.maxAgeSeconds * 1000 } : undefined;
}

/** The submitted attribution with first and last touch merged from the kept ones. */
export function withKeptTouches(attribution: Attribution, kept: KeptInCookie | undefined): Attribution {
  if (!kept) return attribution;
  const { first, last, ...rest } = attribution;
  return { ...rest, ...mergeTouches({ first, last }, kept.touches, kept.oldest) };
}
