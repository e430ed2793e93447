import { describeProblem, parseForms, type FormsConfig } from './config/forms.ts';
import { resolveSecrets } from './config/secrets.ts';
import { originPermitted, preflight, withCors } from './http/cors.ts';
import { apiError } from './http/responses.ts';
import { acceptLead } from './leads/accept.ts';
import { log } from './log.ts';

// The route of shared/api.ts's leadEndpointPath().
const LEAD_PATH = /^\/v1\/forms\/([^/]+)\/leads$/;

// FORMS only changes with a deploy, so each isolate parses it once per distinct value.
let parsedFor: unknown;
let parsed: FormsConfig | undefined;
function formsOf(env: Env): FormsConfig {
  if (!parsed || parsedFor !== env.FORMS) {
    parsedFor = env.FORMS;
    parsed = parseForms(env.FORMS);
    for (const problem of parsed.problems) log({ event: 'config.invalid', formId: problem.formId, error: describeProblem(problem) });
  }
  return parsed;
}

const misconfigured = () => apiError(500, 'server_error', 'This form is not set up correctly; the site owner can see why in the Worker logs');

async function handleLeadRoute(request: Request, env: Env, formId: string): Promise<Response> {
  const { forms, problems } = formsOf(env);
  const id = decodeURIComponent(formId);
  const form = forms.get(id);
  if (!form) {
    const broken = problems.some((problem) => problem.formId === id || problem.formId === undefined);
    return broken ? misconfigured() : apiError(404, 'unknown_form', `No form with id "${id.slice(0, 64)}"`);
  }
  const origin = request.headers.get('origin');
  if (!originPermitted(origin, form.origins)) return apiError(403, 'forbidden_origin', 'This site may not post to this form');
  if (request.method === 'OPTIONS' && origin) return preflight(origin);
  if (request.method !== 'POST') return withCors(apiError(405, 'method_not_allowed', 'Use POST'), origin);
  const secrets = resolveSecrets(form, env as unknown as Record<string, unknown>);
  if (!secrets.ok) {
    log({ event: 'config.invalid', error: secrets.missing });
    return withCors(misconfigured(), origin);
  }
  const response = await acceptLead(request, form, {
    db: env.DB,
    secrets: secrets.secrets,
    send: (outbound) => fetch(outbound),
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
  });
  return withCors(response, origin);
}

async function route(request: Request, env: Env): Promise<Response> {
  const { pathname } = new URL(request.url);
  const lead = LEAD_PATH.exec(pathname);
  if (lead?.[1]) return handleLeadRoute(request, env, lead[1]);
  if (pathname.startsWith('/v1/')) return apiError(404, 'not_found', 'No such API path');
  return env.ASSETS.fetch(request);
}

export default {
  async fetch(request, env) {
    try {
      return await route(request, env);
    } catch (error) {
      // A bug, not an input problem: log what failed, tell the client nothing internal.
      log({ event: 'request.crash', error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown' });
      return apiError(500, 'server_error', 'Something went wrong on our side; the lead was not lost if you were told it was accepted');
    }
  },
} satisfies ExportedHandler<Env>;
