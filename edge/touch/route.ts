// `POST /v1/touch` (shared/api.ts's TOUCH_PATH): the widget in same-site cookie mode sends each
// changed attribution here, `null` when the visitor withdrew consent. The answer is 204 and a
// Set-Cookie; the cookie is only read back when a lead arrives (edge/touch/kept.ts).
import * as v from 'valibot';
import { TouchSchema } from '../../shared/lead.ts';
import { toFieldErrors } from '../../shared/field-errors.ts';
import type { FormsConfig } from '../config/forms.ts';
import { withCors } from '../http/cors.ts';
import { isOriginAllowed } from '../http/origins.ts';
import { readJsonBody } from '../http/read-json.ts';
import { apiError } from '../http/responses.ts';
import { openTouches, sealTouches, touchCookieOf, touchSetCookie } from './cookie.ts';
import { mergeTouches } from './merge.ts';
import { isSameSite, touchCookieSettings } from './settings.ts';

const TouchesSchema = v.object({ first: v.optional(TouchSchema), last: v.optional(TouchSchema) });

const noContent = (setCookie?: string) => new Response(null, { status: 204, headers: setCookie ? { 'set-cookie': setCookie, 'cache-control': 'no-store' } : { 'cache-control': 'no-store' } });

async function answerTouch(request: Request, env: Readonly<Record<string, unknown>>, forms: FormsConfig, now: number): Promise<Response> {
  const settings = touchCookieSettings(env);
  if (!settings) return apiError(404, 'not_found', 'Same-site cookie mode is off: the Worker has no TOUCH_COOKIE_SECRET');
  if (request.method !== 'POST') return apiError(405, 'method_not_allowed', 'Use POST');
  const origin = request.headers.get('origin');
  // A page of this site (the browser says so) that one of the forms lists: no other page can plant a campaign.
  const listed = origin !== null && [...forms.forms.values()].some((form) => isOriginAllowed(origin, form.origins));
  if (!listed || !isSameSite(request)) return apiError(403, 'forbidden_origin', 'Only a page of this site that a form lists may keep touches here');
  const body = await readJsonBody(request, true);
  if (!body.ok) return body.response;
  if (body.value === null) return noContent(touchSetCookie('', 0, settings.path));
  const parsed = v.safeParse(TouchesSchema, body.value);
  if (!parsed.success) return apiError(400, 'invalid_input', 'The touches need attention', toFieldErrors(parsed.issues));
  const stored = touchCookieOf(request);
  const kept = stored === undefined ? undefined : await openTouches(stored, settings.secret);
  const merged = mergeTouches(parsed.output, kept, now - settings.maxAgeSeconds * 1000);
  const sealed = await sealTouches(merged, settings.secret);
  return noContent(sealed === undefined ? undefined : touchSetCookie(sealed, settings.maxAgeSeconds, settings.path));
}

/** The touch route; every answer carries CORS headers for the requesting page. */
export async function handleTouchRoute(request: Request, env: Readonly<Record<string, unknown>>, forms: FormsConfig, now: number): Promise<Response> {
  return withCors(await answerTouch(request, env, forms, now), request.headers.get('origin'));
}
