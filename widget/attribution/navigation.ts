/**
 * Calls `onChange` after every URL change a single-page app makes through the History API
 * (pushState, replaceState, back/forward). The host page's calls behave exactly as before.
 */
export function watchNavigation(onChange: () => void): void {
  const notify = () => {
    try {
      onChange();
    } catch {
      // a widget failure must never break the host app's navigation
    }
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      notify();
      return result;
    };
  }
  addEventListener('popstate', notify);
}
