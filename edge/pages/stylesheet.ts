/** The stylesheet of the Worker's pages: readable on a phone, right-to-left aware (logical properties). */
const PAGE_CSS = `:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Arabic",sans-serif;line-height:1.5}
body{margin:0;padding:2rem 1rem;display:flex;justify-content:center}
main{max-inline-size:32rem;inline-size:100%}
h1{font-size:1.5rem;margin-block:0 1rem}
ul{padding-inline-start:1.25rem}
a{color:LinkText}`;

/** `GET /v1/pages.css`. */
export function pageStylesheet(): Response {
  return new Response(PAGE_CSS, {
    headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' },
  });
}
