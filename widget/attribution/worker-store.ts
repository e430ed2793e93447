import { TOUCH_PATH } from '../../shared/api.ts';
import { onThisSite } from './own-site.ts';
import type { KeyValueStore } from './storage.ts';

/**
 * The Worker's own first-party cookie as a store (same-site cookie mode): each changed attribution
 * goes to the Worker, which keeps first and last touch in an HttpOnly cookie that script-storage
 * loss (Safari's 7-day limit) cannot reach, and merges them into a lead that lost them.
 * `null` asks it to delete the cookie. Only for a Worker on the page's own site (`onThisSite`):
 * elsewhere the browser would not send the cookie back, so nothing is sent.
 */
export function workerStore(endpoint: string): KeyValueStore {
  return {
    // HttpOnly: only the Worker reads it, when a lead arrives.
    writeOnly: true,
    get: () => null,
    set(_key, value) {
      if (!onThisSite(endpoint)) return;
      // A text/plain body needs no CORS preflight; a lost request only loses this backup copy.
      fetch(endpoint.replace(/\/+$/, '') + TOUCH_PATH, { method: 'POST', body: value ?? 'null', credentials: 'include', keepalive: true }).catch(() => {});
    },
  };
}
