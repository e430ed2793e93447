// Same-site cookie mode is on when the Worker has TOUCH_COOKIE_SECRET. It only ever takes part in
// a request the browser itself calls same-site (Sec-Fetch-Site, decided by the browser's own
// public-suffix list): a Worker on workers.dev or any other site than the page never sets or reads
// the cookie, and answers as before.

/** How the cookie is kept. */
export interface TouchCookieSettings {
  secret: string;
  /** TOUCH_COOKIE_DAYS (default 90, the widget's default retention) in seconds: the cookie's lifetime. */
  maxAgeSeconds: number;
  /** The cookie's Path: the Worker's own path prefix (BASE_PATH) on a shared host, else `/`. */
  path: string;
}

/** Name of the Worker secret that turns the mode on and signs the cookie. */
export const TOUCH_COOKIE_SECRET = 'TOUCH_COOKIE_SECRET';

const DEFAULT_DAYS = 90;

/** The mode's settings, or undefined when it is off (no secret). */
export function touchCookieSettings(env: Readonly<Record<string, unknown>>): TouchCookieSettings | undefined {
  const secret = env[TOUCH_COOKIE_SECRET];
  if (typeof secret !== 'string' || secret === '') return undefined;
  const days = Number(env['TOUCH_COOKIE_DAYS']);
  const base = env['BASE_PATH'];
  return {
    secret,
    maxAgeSeconds: Math.round((Number.isFinite(days) && days > 0 ? days : DEFAULT_DAYS) * 86_400),
    path: typeof base === 'string' && base !== '' ? base : '/',
  };
}

/** Whether the browser says the request comes from a page of the Worker's own site. */
export function isSameSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  return site === 'same-origin' || site === 'same-site';
}
