/** Somewhere to keep a string between page views; never throws. `set(key, null)` deletes. */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string | null): void;
}

/**
 * localStorage when the browser lets us use it, else memory for this page: private modes,
 * sandboxed iframes and blocked storage throw on access, and must never break the form.
 */
export function browserStore(area: 'localStorage' | 'sessionStorage' = 'localStorage'): KeyValueStore {
  const memory = new Map<string, string | null>();
  // Every access can throw (SecurityError), not only the first: each one is guarded.
  const local = <T>(use: (storage: Storage) => T): T | undefined => {
    try {
      return use(window[area]);
    } catch {
      return undefined;
    }
  };
  return {
    get: (key) => local((storage) => storage.getItem(key)) ?? memory.get(key) ?? null,
    set(key, value) {
      memory.set(key, value);
      local((storage) => (value === null ? storage.removeItem(key) : storage.setItem(key, value)));
    },
  };
}

/** A first-party cookie on `domain` (e.g. `.example.com`), so every subdomain reads the same value. */
export function cookieStore(domain: string, maxAgeSeconds: number): KeyValueStore {
  return {
    get(key) {
      try {
        const match = document.cookie.split('; ').find((pair) => pair.startsWith(`${key}=`));
        return match ? decodeURIComponent(match.slice(key.length + 1)) : null;
      } catch {
        return null; // cookies blocked: the other stores still work
      }
    },
    set(key, value) {
      try {
        const secure = location.protocol === 'https:' ? ';Secure' : '';
        document.cookie = `${key}=${encodeURIComponent(value ?? '')};domain=${domain};path=/;max-age=${value === null ? 0 : maxAgeSeconds};SameSite=Lax${secure}`;
      } catch {
        // cookies blocked: the other stores still work
      }
    },
  };
}
