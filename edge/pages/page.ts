import type { PageMessages } from './messages.ts';

/** Where the pages' stylesheet is served (edge/pages/stylesheet.ts). */
export const PAGE_STYLESHEET_PATH = '/v1/pages.css';

/** No script at all, styles only from the Worker's own stylesheet, never framed, posts nowhere. */
const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Text made safe to place in HTML content or a quoted attribute. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

/** What one of the Worker's small pages shows; every string is plain text, escaped here. */
export interface PageContent {
  lang: string;
  messages: PageMessages;
  title: string;
  paragraphs: readonly string[];
  /** Items listed under the paragraphs (field messages). */
  list?: readonly string[];
  /** A link back to the page the visitor came from. */
  back?: string | undefined;
}

/** Renders a page: small, self-contained HTML, under the strict CSP. */
export function htmlPage(content: PageContent, status: number, headers: HeadersInit = {}): Response {
  const { messages } = content;
  const list = content.list?.length ? `<ul>${content.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '';
  const back = content.back ? `<p><a href="${escapeHtml(content.back)}">${escapeHtml(messages.back)}</a></p>` : '';
  const body = [
    '<!doctype html>',
    `<html lang="${escapeHtml(content.lang)}" dir="${messages.dir}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.title)}</title><link rel="stylesheet" href="${PAGE_STYLESHEET_PATH}"></head>`,
    `<body><main><h1>${escapeHtml(content.title)}</h1>`,
    ...content.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`),
    `${list}${back}</main></body></html>`,
  ].join('\n');
  const response = new Response(body, { status, headers });
  response.headers.set('content-type', 'text/html; charset=utf-8');
  response.headers.set('cache-control', 'no-store');
  response.headers.set('content-security-policy', PAGE_CSP);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('x-frame-options', 'DENY');
  response.headers.set('referrer-policy', 'no-referrer');
  return response;
}
