/**
 * Loads the widget's other files (render.js, turnstile.js, submit.js, site.js, touch.js) with a script tag
 * from `base`, the folder widget.js (or attribution.js) itself came from: the page is usually on
 * another origin, and a pinned /v/<version>/widget.js must get the files of its own version. Each file registers one
 * global; the promise resolves with it. A file is fetched once, and again after a failure.
 */
export function scriptLoader(base: string): <T>(name: string, global: string) => Promise<T> {
  const loading: Record<string, Promise<unknown>> = {};
  return <T>(name: string, global: string) =>
    (loading[name] ??= new Promise((resolve, reject) => {
      const element = Object.assign(document.createElement('script'), { src: `${base}${name}.js`, async: true });
      element.addEventListener('load', () => resolve((window as unknown as Record<string, unknown>)[global]));
      element.addEventListener('error', () => reject(new Error(`${name}.js could not be loaded`)));
      document.head.append(element);
    }).catch((error: unknown) => {
      delete loading[name];
      throw error;
    })) as Promise<T>;
}

/** The folder `script` came from (the page's root for an inline script): where its other files are. */
export const scriptFolder = (script: HTMLScriptElement | null): string => (script?.src ? new URL('.', script.src).href : new URL('/', location.href).href);
