// Google Consent Mode v2: the page's consent tool calls gtag('consent', 'default' | 'update',
// { analytics_storage: 'granted' | 'denied', ad_storage: ... }), and gtag pushes each call onto
// window.dataLayer (developers.google.com/tag-platform/security/guides/consent). We read the calls
// already there, then every later push.

/** The consent states of Google's storage types, as the page last set them. */
type ConsentState = Record<string, string | undefined>;

/** One gtag call on the dataLayer: an `arguments` object or an array. */
type LayerEntry = { 0?: unknown; 1?: unknown; 2?: unknown } | null | undefined;

/**
 * Calls `onDecision(granted)` for each consent call that settles `storageTypes` (granted when every one
 * of them is 'granted'), for calls already on the dataLayer and every later one.
 */
export function followConsentMode(storageTypes: readonly string[], onDecision: (granted: boolean) => void): void {
  const host = window as unknown as { dataLayer?: unknown[] };
  // The gtag snippet keeps an existing dataLayer (`window.dataLayer = window.dataLayer || []`).
  const layer = (host.dataLayer ??= []);
  const state: ConsentState = {};
  const read = (entry: LayerEntry) => {
    if (entry?.[0] !== 'consent' || (entry[1] !== 'default' && entry[1] !== 'update') || typeof entry[2] !== 'object' || !entry[2]) return;
    Object.assign(state, entry[2]);
    if (storageTypes.every((type) => state[type] !== undefined)) onDecision(storageTypes.every((type) => state[type] === 'granted'));
  };
  for (const entry of layer) read(entry as LayerEntry);
  // gtag.js and Tag Manager replace dataLayer.push with their own when they load, which calls the
  // push they found (ours): a setter keeps whichever push is current, ours runs it and reads each
  // entry after, and a call back into ours from inside it only stores the entries.
  const store = layer.push;
  let current = store;
  let inside = false;
  const observed = function (this: unknown[], ...entries: unknown[]) {
    if (inside) return store.apply(this, entries);
    inside = true;
    let length: number;
    try {
      length = current.apply(this, entries);
    } finally {
      inside = false;
    }
    for (const entry of entries) read(entry as LayerEntry);
    return length;
  };
  Object.defineProperty(layer, 'push', {
    configurable: true,
    get: () => observed,
    set: (next: typeof store) => {
      current = next;
    },
  });
}
