// What a site owner pastes: the pinned script tag (with its SRI hash) and the form markup. One
// function so the README, the operator page and any tool print the same text for the same form.

/** One script-tag file of one widget version, as `npm run build` describes it in dist/manifest.json. */
export interface WidgetFile {
  /** Pinned path, served with a one-year immutable cache: `/v/0.1.0/widget.js`. */
  path: string;
  /** Moving path of the newest build, served with a short cache: `/widget.js`. */
  latest: string;
  bytes: number;
  /** Subresource Integrity of the pinned file: `sha384-<base64>`. */
  integrity: string;
}

/** dist/manifest.json: the widget version this build pins, and every version served under /v/. */
export interface WidgetManifest {
  version: string;
  files: Readonly<Record<string, WidgetFile>>;
  versions: readonly string[];
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);

/**
 * `<script>` tag of one pinned widget file. `integrity` makes the browser refuse bytes other than
 * the ones the site owner checked, and it needs a CORS request, hence `crossorigin="anonymous"`
 * (the Worker serves these files with `Access-Control-Allow-Origin: *`, see demo/site/_headers).
 */
export function widgetScriptTag(workerOrigin: string, manifest: WidgetManifest, file = 'widget.js'): string {
  const entry = manifest.files[file];
  if (!entry) throw new Error(`[snippet] the manifest has no ${file}`);
  const src = new URL(entry.path, new URL(workerOrigin).origin).href;
  return `<script src="${escapeHtml(src)}" integrity="${escapeHtml(entry.integrity)}" crossorigin="anonymous" async></script>`;
}

/** The exact snippet for one form: the pinned widget script and a form the widget enhances. */
export function leadFormSnippet(workerOrigin: string, formId: string, manifest: WidgetManifest): string {
  const id = escapeHtml(formId);
  // Input ids carry the form id so two forms on one page never share a label target.
  return [
    widgetScriptTag(workerOrigin, manifest),
    '',
    `<form data-lead-form="${id}">`,
    `  <label for="${id}-name">Full name</label> <input id="${id}-name" name="name" autocomplete="name" required>`,
    `  <label for="${id}-phone">Phone</label>    <input id="${id}-phone" name="phone" type="tel" autocomplete="tel" required>`,
    `  <label for="${id}-email">Email</label>    <input id="${id}-email" name="email" type="email" autocomplete="email">`,
    '  <button type="submit">Send</button>',
    '</form>',
  ].join('\n');
}
