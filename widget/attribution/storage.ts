/**
 * Somewhere to keep a string between page views; never throws. `set(key, null)` deletes;
 * `maxAgeSeconds` is for stores whose entries expire on their own (a cookie).
 */
export interface KeyValueStore {
  /** The parent domain the store is shared on (a subdomain cookie's): a host of the site itself. */
  domain?: string;
  /** Written to but never read back (the Worker's HttpOnly cookie): sent only what changed since the page loaded. */
  writeOnly?: boolean;
  get(key: string): string | null;
  set(key: string, value: string | null, maxAgeSeconds?: number): void;
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
