import { handleAdmin } from './admin/routes.ts';
import { consumeQueue, runMaintenance } from './background.ts';
import { mayPost } from './guard/origin.ts';
import { decodeSegment } from './guard/path.ts';
import { rateLimited } from './guard/rate-limit.ts';
import { preflight, withCors } from './http/cors.ts';
import { apiError } from './http/responses.ts';
import { acceptLead } from './leads/accept.ts';
import { log } from './log.ts';
import { missingSecrets } from './config/secrets.ts';
import { envRecord, formsOf, pipelineDeps, turnstileChecker } from './runtime.ts';

// The route of shared/api.ts's leadEndpointPath().
const LEAD_PATH = /^\/v1\/forms\/([^/]+)\/leads$/;

const misconfigured = () => apiError(503, 'form_misconfigured', 'This form is not set up correctly; the site owner can see why in the Worker logs and on the operator page');

async function handleLeadRoute(request: Request, env: Env, ctx: ExecutionContext, formId: string): Promise<Response> {
  const { forms, problems } = formsOf(env);
  const id = decodeSegment(formId);
  if (id === undefined) return apiError(400, 'invalid_input', 'The form id in the path is not valid percent-encoding');
  const form = forms.get(id);
  if (!form) {
    const broken = problems.some((problem) => problem.formId === id || problem.formId === undefined);
    return broken ? misconfigured() : apiError(404, 'unknown_form', `No form with id "${id.slice(0, 64)}"`);
  }
  const origin = request.headers.get('origin');
  const allowed = await mayPost(request, form, envRecord(env));
  if (request.method === 'OPTIONS' && origin && allowed) return preflight(origin);
  // A form naming a secret the Worker lacks would run unchecked (no Turnstile, no server token): it takes nothing.
  const missing = missingSecrets(form, envRecord(env));
  if (missing.length > 0) {
    log({ event: 'config.invalid', formId: form.id, error: missing.join('; ') });
    return allowed ? withCors(misconfigured(), origin) : misconfigured();
  }
  if (!allowed) {
    return apiError(403, 'forbidden_origin', origin ? 'This site may not post to this form' : 'A request without an Origin needs this form\'s server token');
  }
  if (request.method !== 'POST') return withCors(apiError(405, 'method_not_allowed', 'Use POST'), origin);
  const limited = await rateLimited(request, form, envRecord(env));
  if (limited) return withCors(limited, origin);
  const deps = pipelineDeps(env);
  const response = await acceptLead(request, form, {
    deps,
    newId: () => crypto.randomUUID(),
    waitUntil: (promise) => ctx.waitUntil(promise),
    env: envRecord(env),
    checkTurnstile: turnstileChecker(env, deps.send, request.headers.get('cf-connecting-ip')),
    requestCountry: typeof request.cf?.country === 'string' ? request.cf.country : undefined,
  });
  return withCors(response, origin);
}

async function route(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const { pathname } = new URL(request.url);
  const lead = LEAD_PATH.exec(pathname);
  if (lead?.[1]) return handleLeadRoute(request, env, ctx, lead[1]);
  if (pathname.startsWith('/v1/admin/')) return handleAdmin(request, env);
  if (pathname.startsWith('/v1/')) return apiError(404, 'not_found', 'No such API path');
  return env.ASSETS.fetch(request);
}

export default {
  async fetch(request, env, ctx) {
    try {
      return await route(request, env, ctx);
    } catch (error) {
      // A bug, not an input problem: log what failed, tell the client nothing internal.
      log({ event: 'request.crash', error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown' });
      return apiError(500, 'server_error', 'Something went wrong on our side; the lead was not lost if you were told it was accepted');
    }
  },
  async queue(batch, env) {
    await consumeQueue(batch, env);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(runMaintenance(env));
  },
} satisfies ExportedHandler<Env>;
