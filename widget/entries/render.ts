// render.js: loaded by widget.js only on pages with a <div data-lead-form="FORM_ID"
// data-fields="name*, phone*, email">; renders each form, then hands it to widget.js.
import { GLOBAL_NAME, RENDER_GLOBAL } from '../constants.ts';
import { rowsOf } from '../../shared/form-fields.ts';
import { renderForm } from '../render/dom-form.ts';
import { parseFieldList } from '../render/fields.ts';
import { ARABIC_LABELS } from '../i18n/ar.ts';
import { labelsByLanguage } from '../i18n/catalogue.ts';

type Command = (name: string, ...args: unknown[]) => void;

/** Renders one `<div data-lead-form>` and hands its form to widget.js. */
function renderHost(host: HTMLElement): void {
  const fields = parseFieldList(host.dataset['fields'] ?? 'name*, phone*, email');
  const { rows } = host.dataset;
  // A wrong count keeps the wrong space, and the page moves when the form arrives: say so to the site owner.
  if (rows !== undefined && Number(rows) !== rowsOf(fields)) {
    console.warn(`[leadrelay] form "${host.dataset['leadForm'] ?? ''}": data-rows="${rows}", but its fields take ${rowsOf(fields)} rows (one per field shown, two for a message box)`);
  }
  const form = renderForm(host, {
    formId: host.dataset['leadForm'] ?? '',
    fields,
    locale: host.dataset['locale'] || host.closest<HTMLElement>('[lang]')?.lang || 'en',
    labels: JSON.parse(host.dataset['labels'] ?? '{}') as Record<string, string>,
  });
  ((window as unknown as Record<string, Command>)[GLOBAL_NAME])?.('enhance', form);
}

/**
 * Renders every `<div data-lead-form>` not rendered yet. A div it cannot read (a typo in
 * data-fields or data-labels) stays as it is, named in the console; the others still render.
 */
function renderAll(): void {
  for (const host of document.querySelectorAll<HTMLElement>('div[data-lead-form]:not([data-rendered])')) {
    host.dataset['rendered'] = '';
    try {
      renderHost(host);
    } catch (error) {
      console.error(`[leadrelay] form "${host.dataset['leadForm'] ?? ''}":`, error instanceof Error ? error.message : error);
    }
  }
}

try {
  labelsByLanguage.ar = ARABIC_LABELS;
  (window as unknown as Record<string, () => void>)[RENDER_GLOBAL] = renderAll;
  renderAll();
} catch (error) {
  console.error('[leadrelay]', error);
}
