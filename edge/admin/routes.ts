import { REPLAYABLE_STATUSES } from '../../shared/statuses.ts';
import { formProblems } from '../config/problems.ts';
import { providers } from '../providers/index.ts';
import { sendRequest } from '../delivery/deliver.ts';
import { readJsonBody } from '../http/read-json.ts';
import { apiError, json } from '../http/responses.ts';
import { log } from '../log.ts';
import { envRecord, formsOf, pipelineDeps } from '../runtime.ts';
import { getLead, heldForms, replayLead, summary } from '../store/queries.ts';
import { bulkReplayRoute, channelReportRoute, exportRoute, listRoute, replayCountRoute } from './lead-routes.ts';
import { hasBearerToken } from '../http/bearer.ts';
import { decodeSegments } from '../guard/path.ts';
import { previewRequest, readConsoleInput, sendTestLead } from './console.ts';
import { loadPhoneExamples } from '../phone-metadata.ts';

/**
 * The forms as operators see them: provider, origins, operations, whether the provider refuses
 * the form's credentials (`misconfigured`: its leads are held until the secret is fixed), and
 * what is wrong with the others.
 */
async function formsView(env: Env) {
  const { forms } = formsOf(env);
  const held = new Map((await heldForms(env.DB)).map((form) => [form.formId, form]));
  return {
    forms: [...forms.values()].map((form) => ({
      id: form.id,
      provider: form.provider,
      origins: form.origins,
      operations: Object.keys(form.adapter.operations),
      testPath: form.test?.path ?? null,
      misconfigured: held.get(form.id) ?? null,
      // What the provider cannot carry (no attribution field), said where the operator looks at the form.
      note: providers[form.provider].formNote ?? null,
      // What the operator page's snippet needs to name the form's fields as the edge reads them.
      fieldMap: form.fieldMap,
      fields: form.guard.fields ?? null,
    })),
    problems: [
      ...formProblems(env),
      ...[...held.values()].map(({ formId, heldLeads, reason }) => ({
        formId,
        problem: `form "${formId}": ${heldLeads} lead(s) held, the provider refused its credentials: ${reason ?? 'no reason recorded'}`,
      })),
    ],
  };
}

/** Runs one of a form's provider operations (an integration check, an update, a cancel). */
async function runOperation(request: Request, env: Env, formId: string, name: string): Promise<Response> {
  const deps = pipelineDeps(env);
  const form = deps.forms.forms.get(formId);
  // Own properties only: `constructor` or `__proto__` are not operations.
  const operation = form && Object.hasOwn(form.adapter.operations, name) ? form.adapter.operations[name] : undefined;
  if (!form || !operation) return apiError(404, 'not_found', `No operation "${name}" on form "${formId}"`);
  const secrets = deps.secretsOf(form);
  if (typeof secrets === 'string') return apiError(409, 'form_misconfigured', secrets);
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const built = await operation.buildRequest(body.value, secrets, new Date());
  if (!built.ok) return apiError(400, 'invalid_input', 'Some input needs attention', built.fields);
  const answer = await sendRequest(built.request, deps.send);
  const result = answer.ok ? operation.classifyResponse(answer.status, answer.bodyText) : { ok: false as const, reason: answer.reason };
  log({ event: 'admin.operation', formId, operation: name, ok: result.ok });
  return json(result, result.ok ? 200 : 502);
}

/** The provider console: preview a form's request for a sample lead, or send it as a test. */
async function runConsole(request: Request, env: Env, formId: string, action: 'preview' | 'test-lead'): Promise<Response> {
  const deps = pipelineDeps(env);
  const form = deps.forms.forms.get(formId);
  if (!form) return apiError(404, 'not_found', `No form "${formId}"`);
  const secrets = deps.secretsOf(form);
  if (typeof secrets === 'string') return apiError(409, 'form_misconfigured', secrets);
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const input = readConsoleInput(body.value, action);
  if (!input.ok) return apiError(400, 'invalid_input', input.message);
  const examples = await loadPhoneExamples(env.ASSETS);
  if (!examples) return apiError(503, 'server_error', 'The example phone numbers could not be read; try again');
  if (action === 'preview') {
    const preview = await previewRequest(form, secrets, input.input, examples);
    return preview.ok ? json(preview) : apiError(400, 'invalid_input', 'The sample lead does not fit this form', preview.fields);
  }
  const sent = await sendTestLead(form, secrets, input.input, examples, deps.send);
  log({ event: 'admin.test_lead', formId, sent: sent.ok, ...(sent.ok ? { result: sent.result?.kind } : {}) });
  return sent.ok ? json(sent) : apiError(409, 'conflict', sent.reason);
}

/**
 * The admin API under /v1/admin/, for operators with the ADMIN_TOKEN secret (off, as 404, when it
 * is not set): lead lists (search, filters), CSV export, details, replay (one or in bulk), counts and
 * failures, the channel report, provider operations.
 */
export async function handleAdmin(request: Request, env: Env): Promise<Response> {
  // A secret (wrangler secret put ADMIN_TOKEN), so not among the typed vars of wrangler.toml.
  const secret = envRecord(env)['ADMIN_TOKEN'];
  const token = typeof secret === 'string' ? secret : '';
  if (!token) return apiError(404, 'not_found', 'The admin API is off: set the ADMIN_TOKEN secret to turn it on');
  if (!(await hasBearerToken(request, token))) return apiError(401, 'unauthorized', 'Send Authorization: Bearer <ADMIN_TOKEN>');
  const url = new URL(request.url);
  const path = decodeSegments(url.pathname.slice('/v1/admin'.length));
  if (!path) return apiError(400, 'invalid_input', 'The path is not valid percent-encoding');
  const [resource, id, action, name] = path;
  const method = request.method;

  if (method === 'GET' && resource === 'summary' && !id) return json(await summary(env.DB));
  if (method === 'GET' && resource === 'forms' && !id) return json(await formsView(env));
  if (method === 'POST' && resource === 'forms' && id && action === 'operations' && name) return runOperation(request, env, id, name);
  if (method === 'POST' && resource === 'forms' && id && (action === 'preview' || action === 'test-lead') && !name) return runConsole(request, env, id, action);
  if (method === 'GET' && resource === 'leads' && !id) return listRoute(url, env);
  if (method === 'GET' && resource === 'leads.csv' && !id) return exportRoute(url, env);
  if (method === 'GET' && resource === 'replay' && !id) return replayCountRoute(url, env);
  if (method === 'POST' && resource === 'replay' && !id) return bulkReplayRoute(request, env);
  if (method === 'GET' && resource === 'report' && id === 'channels' && !action) return channelReportRoute(url, env);
  if (method === 'GET' && resource === 'leads' && id && !action) {
    const found = await getLead(env.DB, id);
    return found ? json(found) : apiError(404, 'not_found', `No lead ${id}`);
  }
  if (method === 'POST' && resource === 'leads' && id && action === 'replay') {
    const replayed = await replayLead(env.DB, id, Date.now());
    if (!replayed) return apiError(409, 'conflict', `Only a lead that is ${REPLAYABLE_STATUSES.join(', ')} (not yet erased) can be replayed or released`);
    await pipelineDeps(env).enqueue({ leadId: id, formId: replayed.formId }, 0);
    log({ event: 'admin.replay', leadId: id, formId: replayed.formId });
    return json({ id, status: 'pending' }, 202);
  }
  return apiError(404, 'not_found', 'No such admin path');
}
