import { handleAdmin } from './admin/routes.ts';
import { consumeQueue, runMaintenance } from './background.ts';
import { mayPost } from './guard/origin.ts';
import { rateLimited } from './guard/rate-limit.ts';
import { preflight, withCors } from './http/cors.ts';
import { apiError } from './http/responses.ts';
import { acceptLead } from './leads/accept.ts';
import { log } from './log.ts';
import { envRecord, formsOf, pipelineDeps, turnstileChecker } from './runtime.ts';

// The route of shared/api.ts's leadEndpointPath().
const LEAD_PATH = /^\/v1\/forms\/([^/]+)\/leads$/;

const misconfigured = () => apiError(500, 'server_error', 'This form is not set up correctly; the site owner can see why in the Worker logs');

async function handleLeadRoute(request: Request, env: Env, ctx: ExecutionContext, formId: string): Promise<Response> {
  const { forms, problems } = formsOf(env);
  const id = decodeURIComponent(formId);
  const form = forms.get(id);
  if (!form) {
    const broken = problems.some((problem) => problem.formId === id || problem.formId === undefined);
    return broken ? misconfigured() : apiError(404, 'unknown_form', `No form with id "${id.slice(0, 64)}"`);
  }
  const origin = request.headers.get('origin');
  if (!(await mayPost(request, form, envRecord(env)))) {
    return apiError(403, 'forbidden_origin', origin ? 'This site may not post to this form' : 'A request without an Origin needs this form\'s server token');
  }
  if (request.method === 'OPTIONS' && origin) return preflight(origin);
  if (request.method !== 'POST') return withCors(apiError(405, 'method_not_allowed', 'Use POST'), origin);
  const limited = await rateLimited(request, form, envRecord(env));
  if (limited) return withCors(limited, origin);
  const deps = pipelineDeps(env);
  const secrets = deps.secretsOf(form);
  if (typeof secrets === 'string') {
    log({ event: 'config.invalid', formId: form.id, error: secrets });
    return withCors(misconfigured(), origin);
  }
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
