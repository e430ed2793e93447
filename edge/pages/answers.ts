import type { ApiErrorBody, LeadAccepted } from '../../shared/api.ts';
import { isOriginAllowed } from '../http/origins.ts';
import { messagesFor, pageLocale, type PageLocale } from './messages.ts';
import { htmlPage } from './page.ts';

/** What turning a lead route's answer into a page needs to know. */
export interface PageContext {
  locale: PageLocale;
  /** The page to link back to (an allowed origin's page), if any. */
  back: string | undefined;
  /** Where an accepted post goes: the form's `thankYouUrl` or the built-in page. */
  thankYou: string;
}

/** The page a visitor came from, without query or fragment, when its origin may post to the form. */
export function backLink(pageUrl: string | null | undefined, origins: readonly string[]): string | undefined {
  if (!pageUrl) return undefined;
  try {
    const url = new URL(pageUrl);
    return isOriginAllowed(url.origin, origins) ? `${url.origin}${url.pathname}` : undefined;
  } catch {
    return undefined;
  }
}

/** The built-in thank-you page's URL for a form: only the language and the page to go back to travel in it. */
export function thankYouPageUrl(requestUrl: string, formId: string, locale: PageLocale, back: string | undefined): string {
  const url = new URL(`/v1/forms/${encodeURIComponent(formId)}/thank-you`, requestUrl);
  url.searchParams.set('lang', locale);
  if (back) url.searchParams.set('back', back);
  return url.toString();
}

/** `GET /v1/forms/{formId}/thank-you?lang=ar&back=…`: the page an accepted no-JS post lands on. */
export function thankYouPage(request: Request, origins: readonly string[]): Response {
  const query = new URL(request.url).searchParams;
  const locale = pageLocale(query.get('lang'), request.headers.get('accept-language'));
  const messages = messagesFor(locale);
  return htmlPage({ lang: locale, messages, title: messages.thanksTitle, paragraphs: [messages.thanksText], back: backLink(query.get('back'), origins) }, 200);
}

/**
 * The lead route's JSON answer as a browser tab should get it: an accepted lead becomes a
 * `303` to the thank-you page (a reload then cannot post again), a provider's refusal and every
 * error become a small page with the same status, field messages listed, Retry-After kept.
 */
export async function asPage(response: Response, context: PageContext): Promise<Response> {
  const messages = messagesFor(context.locale);
  const page = (title: string, paragraphs: string[], list?: string[]) =>
    htmlPage({ lang: context.locale, messages, title, paragraphs, ...(list ? { list } : {}), back: context.back }, response.status, retryAfterOf(response));
  if (response.status === 202) {
    const accepted = (await response.json()) as LeadAccepted;
    if (accepted.status === 'rejected') return page(messages.rejectedTitle, [messages.rejectedText]);
    return new Response(null, { status: 303, headers: { location: context.thankYou, 'cache-control': 'no-store' } });
  }
  if (response.status < 400) return response;
  const { error } = (await response.json()) as ApiErrorBody;
  const retryAfter = response.headers.get('retry-after');
  const paragraphs = [messages.refusals[error.code] ?? error.message, ...(retryAfter ? [messages.retryAfter(retryAfter)] : [])];
  const fields = error.fields ? Object.entries(error.fields).map(([name, message]) => `${name}: ${message}`) : undefined;
  return page(messages.refusedTitle, fields ? [...paragraphs, messages.fieldsIntro] : paragraphs, fields);
}

const retryAfterOf = (response: Response): Record<string, string> => {
  const value = response.headers.get('retry-after');
  return value ? { 'retry-after': value } : {};
};
