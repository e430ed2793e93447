import { handleAdmin } from './admin/routes.ts';
import { consumeQueue, runCron } from './background.ts';
import { decodeSegment } from './guard/path.ts';
import { crashAnswer } from './http/crash.ts';
import { apiError, phoneDataUnavailable } from './http/responses.ts';
import { handleLeadRoute } from './leads/route.ts';
import { thankYouPage } from './pages/answers.ts';
import { PAGE_STYLESHEET_PATH } from './pages/page.ts';
import { pageStylesheet } from './pages/stylesheet.ts';
import { loadPhoneMetadata } from './phone-metadata.ts';
import { envRecord, formsOf } from './runtime.ts';
import { pathWithin } from './http/base-path.ts';
import { handleTouchRoute } from './touch/route.ts';
import { TOUCH_PATH } from '../shared/api.ts';

// The route of shared/api.ts's leadEndpointPath(), and the thank-you page of a no-JS post.
const FORM_PATH = /^\/v1\/forms\/([^/]+)\/(leads|thank-you)$/;

async function route(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const url = new URL(request.url);
  const pathname = pathWithin(url.pathname, envRecord(env)['BASE_PATH']);
  if (pathname === undefined) return apiError(404, 'not_found', 'Not a path of this Worker');
  if (pathname === PAGE_STYLESHEET_PATH) return pageStylesheet();
  if (!pathname.startsWith('/v1/')) {
    if (pathname === url.pathname) return env.ASSETS.fetch(request);
    return env.ASSETS.fetch(new Request(new URL(pathname + url.search, url), request));
  }
  // Every API route reads the forms config, whose countries need the phone metadata, as a lead's phone does.
  const phonesReady = await loadPhoneMetadata(env.ASSETS);
  const match = FORM_PATH.exec(pathname);
  if (match?.[1]) {
    const id = decodeSegment(match[1]);
    if (id === undefined) return apiError(400, 'invalid_input', 'The form id in the path is not valid percent-encoding');
    if (!phonesReady) {
      // No form can be read: the thank-you page still thanks (without its link back), a lead gets a 503 its sender retries.
      return match[2] === 'thank-you' ? thankYouPage(request, []) : handleLeadRoute(request, env, ctx, { id, form: undefined, problem: 'unavailable' });
    }
    const { forms, problems } = formsOf(env);
    const form = forms.get(id);
    if (match[2] === 'thank-you') return thankYouPage(request, form?.origins ?? []);
    const misconfigured = !form && problems.some((problem) => problem.formId === id || problem.formId === undefined);
    return handleLeadRoute(request, env, ctx, { id, form, problem: misconfigured ? 'misconfigured' : undefined });
  }
  if (!phonesReady) return phoneDataUnavailable();
  if (pathname === TOUCH_PATH) return handleTouchRoute(request, envRecord(env), formsOf(env), Date.now());
  if (pathname.startsWith('/v1/admin/')) return handleAdmin(request, env);
  return apiError(404, 'not_found', 'No such API path');
}

export default {
  async fetch(request, env, ctx) {
    try {
      return await route(request, env, ctx);
    } catch (error) {
      return crashAnswer(error);
    }
  },
  async queue(batch, env) {
    await consumeQueue(batch, env);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(runCron(env));
  },
} satisfies ExportedHandler<Env>;
