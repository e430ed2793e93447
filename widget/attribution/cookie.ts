import type { KeyValueStore } from './storage.ts';

/**
 * A first-party cookie on a parent domain (e.g. `.example.com`), so `www.` and `shop.` share
 * attribution: pass it as the `cookie` option. Its own export, so apps that do not share pay nothing
 * for it. It expires with the tracker's retention, which every write passes.
 */
export function subdomainCookie(domain: string): KeyValueStore {
  return {
    domain: domain.replace(/^\./, ''),
    get(key) {
      try {
        const match = document.cookie.split('; ').find((pair) => pair.startsWith(`${key}=`));
        return match ? decodeURIComponent(match.slice(key.length + 1)) : null;
      } catch {
        return null; // cookies blocked: the other stores still work
      }
    },
    set(key, value, maxAgeSeconds) {
      try {
        const secure = location.protocol === 'https:' ? ';Secure' : '';
        document.cookie = `${key}=${encodeURIComponent(value ?? '')};domain=${domain};path=/;max-age=${value === null ? 0 : maxAgeSeconds};SameSite=Lax${secure}`;
      } catch {
        // cookies blocked: the other stores still work
      }
    },
  };
}
