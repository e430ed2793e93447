import type { FormConfig } from '../config/forms.ts';
import { missingSecrets } from '../config/secrets.ts';
import { mayPost } from '../guard/origin.ts';
import { rateLimited } from '../guard/rate-limit.ts';
import { crashAnswer } from '../http/crash.ts';
import { preflight, withCors } from '../http/cors.ts';
import { isOriginAllowed } from '../http/origins.ts';
import { apiError, phoneDataUnavailable } from '../http/responses.ts';
import { log } from '../log.ts';
import { asPage, backLink, thankYouPageUrl, type PageContext } from '../pages/answers.ts';
import { pageLocale } from '../pages/messages.ts';
import { envRecord, firstAttemptWaitMs, pipelineDeps, turnstileChecker } from '../runtime.ts';
import { acceptLead, acceptSubmission, type AcceptContext } from './accept.ts';
import { answersWithPage, leadBodyKind, unsupportedLeadBody } from './body-kind.ts';
import { readFormPost } from './form-post.ts';
import { keptTouchesOf } from '../touch/kept.ts';

/**
 * The lead route's target: the form, or why there is none (`misconfigured`: a config problem
 * names it; `unavailable`: without the phone metadata no form can be read).
 */
export type LeadTarget = { id: string; form: FormConfig | undefined; problem: 'misconfigured' | 'unavailable' | undefined };

// Made once per isolate, not as a closure per request.
const newLeadId = (): string => crypto.randomUUID();

const misconfigured = () => apiError(503, 'form_misconfigured', 'This form is not set up correctly; the site owner can see why in the Worker logs and on the operator page');

/** The `Referer`, when it is a page of one of the form's origins (the page the form was on). */
function formPage(request: Request, origins: readonly string[]): string | undefined {
  const referer = request.headers.get('referer');
  if (!referer) return undefined;
  try {
    return isOriginAllowed(new URL(referer).origin, origins) ? referer : undefined;
  } catch {
    return undefined;
  }
}

function pageContext(request: Request, target: LeadTarget, requestedLocale: string | undefined): PageContext {
  const locale = pageLocale(requestedLocale, request.headers.get('accept-language'));
  const back = backLink(request.headers.get('referer'), target.form?.origins ?? []);
  return { locale, back, thankYou: target.form?.thankYouUrl ?? thankYouPageUrl(request.url, target.id, locale, back) };
}

/**
 * A plain HTML form's post: read into the body the widget would send, then through the same
 * checks, and answered as a page (303 to the thank-you page, or the refusal with its status).
 */
async function acceptFormPost(request: Request, target: LeadTarget & { form: FormConfig }, context: AcceptContext): Promise<Response> {
  const post = await readFormPost(request, {
    formId: target.form.id,
    clientIp: request.headers.get('cf-connecting-ip') ?? 'unknown',
    pageUrl: formPage(request, target.form.origins),
    now: context.deps.now(),
  });
  const answer = post.ok ? await acceptSubmission(post.submission, target.form, context, null) : post.response;
  return asPage(answer, pageContext(request, target, post.ok ? post.locale : undefined));
}

/** Every check of the lead route, in order; answers are JSON except a form post's (pages). */
async function answerLead(request: Request, env: Env, ctx: ExecutionContext, target: LeadTarget): Promise<Response> {
  const origin = request.headers.get('origin');
  // Any origin's preflight is answered, so a refused one can read the POST's refusal; the POST itself is checked below.
  if (request.method === 'OPTIONS' && origin) return preflight(origin);
  const { form } = target;
  if (target.problem === 'unavailable') return phoneDataUnavailable();
  if (!form) return target.problem === 'misconfigured' ? misconfigured() : apiError(404, 'unknown_form', `No form with id "${target.id.slice(0, 64)}"`);
  // A form naming a secret the Worker lacks would run unchecked (no Turnstile, no server token): it takes nothing.
  const missing = missingSecrets(form, envRecord(env));
  if (missing.length > 0) {
    log({ event: 'config.invalid', formId: form.id, error: missing.join('; ') });
    return misconfigured();
  }
  if (!(await mayPost(request, form, envRecord(env)))) {
    return apiError(403, 'forbidden_origin', origin ? 'This site may not post to this form' : 'A request without an Origin needs this form\'s server token');
  }
  if (request.method !== 'POST') return apiError(405, 'method_not_allowed', 'Use POST');
  const limited = await rateLimited(request, form, envRecord(env));
  if (limited) return limited;
  const deps = pipelineDeps(env);
  const kind = leadBodyKind(request);
  if (!kind) return unsupportedLeadBody();
  const context: AcceptContext = {
    deps,
    newId: newLeadId,
    waitUntil: ctx.waitUntil.bind(ctx),
    env: envRecord(env),
    checkTurnstile: turnstileChecker(env, deps.send, request.headers.get('cf-connecting-ip')),
    requestCountry: typeof request.cf?.country === 'string' ? request.cf.country : undefined,
    firstAttemptWaitMs: firstAttemptWaitMs(env),
    keptTouches: await keptTouchesOf(request, envRecord(env), deps.now()),
  };
  return kind === 'form' ? acceptFormPost(request, { ...target, form }, context) : acceptLead(request, form, context);
}

/**
 * `/v1/forms/{formId}/leads`. Every answer, refusals and crashes included, carries CORS headers
 * for the requesting origin, so the page can read what went wrong; reading a refusal grants
 * nothing, as the origin check above still refuses the lead. A browser tab (a form post, a
 * navigation) gets a page instead of JSON.
 */
export async function handleLeadRoute(request: Request, env: Env, ctx: ExecutionContext, target: LeadTarget): Promise<Response> {
  let answer: Response;
  try {
    answer = await answerLead(request, env, ctx, target);
  } catch (error) {
    answer = crashAnswer(error);
  }
  const isJson = answer.headers.get('content-type')?.startsWith('application/json') ?? false;
  if (isJson && answersWithPage(request)) answer = await asPage(answer, pageContext(request, target, undefined));
  return withCors(answer, request.headers.get('origin'));
}
