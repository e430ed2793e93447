// What a site owner pastes: the pinned stylesheet and script tag (with SRI hashes) and the form markup. One
// function so the README, the operator page and any tool print the same text for the same form.
import { HONEYPOT_FIELD } from './constants.ts';
import { ENGLISH_LABELS } from './field-labels.ts';
import { fieldControl, fieldLayout, type FieldControl } from './form-fields.ts';
import { formFieldsFor, type FieldsOfForm, type FormField } from './provider-fields.ts';

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

/** The optional stylesheet's file name, in dist/ and the manifest. */
export const STYLESHEET = 'leadrelay.css';

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

/** `<link>` tag of the pinned optional stylesheet, checked by Subresource Integrity like the script. */
export function stylesheetTag(workerOrigin: string, manifest: WidgetManifest): string {
  const entry = manifest.files[STYLESHEET];
  if (!entry) throw new Error(`[snippet] the manifest has no ${STYLESHEET}`);
  const href = new URL(entry.path, new URL(workerOrigin).origin).href;
  return `<link rel="stylesheet" href="${escapeHtml(href)}" integrity="${escapeHtml(entry.integrity)}" crossorigin="anonymous">`;
}

/** A field's control as HTML text (see fieldControl). */
function controlHtml({ tag, attributes, options }: FieldControl): string {
  const attributeText = Object.entries(attributes)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
    .join('');
  if (tag === 'input') return `<input${attributeText}>`;
  const choices = (options ?? []).map(([value, text]) => `<option value="${escapeHtml(value)}">${escapeHtml(text)}</option>`).join('');
  return `<${tag}${attributeText}>${choices}</${tag}>`;
}

/** One line of the form for one field, laid out as the widget renders it (see fieldLayout). */
function fieldHtml({ spec, labelOf }: FormField, idPrefix: string): string {
  const id = `${idPrefix}-${spec.name}`;
  const control = controlHtml(fieldControl(spec, id, ENGLISH_LABELS['choose'] ?? ''));
  const layout = fieldLayout(spec);
  if (layout === 'hidden') return control;
  const label = `<label for="${escapeHtml(id)}">${escapeHtml(ENGLISH_LABELS[labelOf] ?? labelOf)}</label>`;
  return layout === 'inline' ? `<p class="lead-field lead-check">${control} ${label}</p>` : `<p class="lead-field">${label} ${control}</p>`;
}

/** A form of the Worker's config, as the snippet needs it: its id, provider, and field settings. */
export interface SnippetForm extends FieldsOfForm {
  id: string;
}

/** Where a form posts: the lead route, which also takes a plain HTML form's post. */
export const leadUrl = (workerOrigin: string, formId: string): string => new URL(`/v1/forms/${encodeURIComponent(formId)}/leads`, new URL(workerOrigin).origin).href;

/**
 * The exact snippet for one form: the pinned stylesheet and widget script, and a form with the
 * fields its provider needs (named as its fieldMap says, limited to its `fields` setting).
 * `method="post"` and `action` make the form work without JavaScript (blocked script, CSP,
 * network): the browser posts it to the lead route, which answers with a thank-you page, and
 * nothing typed ends up in a URL. The widget takes the form over when it runs.
 */
export function leadFormSnippet(workerOrigin: string, form: SnippetForm, manifest: WidgetManifest): string {
  const id = escapeHtml(form.id);
  // Input ids carry the form id so two forms on one page never share a label target.
  return [
    stylesheetTag(workerOrigin, manifest),
    widgetScriptTag(workerOrigin, manifest),
    '',
    `<form class="lead-form" data-lead-form="${id}" method="post" action="${escapeHtml(leadUrl(workerOrigin, form.id))}">`,
    ...formFieldsFor(form).map((field) => `  ${fieldHtml(field, form.id)}`),
    // The honeypot, for posts without JavaScript: hidden by the attribute, so it needs no stylesheet; people never fill it.
    `  <p hidden><label>Leave this empty <input name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></label></p>`,
    `  <button type="submit">${escapeHtml(ENGLISH_LABELS['submit'] ?? 'Send')}</button>`,
    '</form>',
  ].join('\n');
}
