// render.js: loaded by widget.js only on pages with a <div data-lead-form="FORM_ID"
// data-fields="name*, phone*, email">; renders the form with Preact, then hands it to widget.js.
import { h, render } from 'preact';
import { GLOBAL_NAME, RENDER_GLOBAL } from '../constants.ts';
import { parseFieldList } from '../render/fields.ts';
import { FormView } from '../render/form-view.tsx';

type Command = (name: string, ...args: unknown[]) => void;

/** Renders every `<div data-lead-form>` not rendered yet and hands each form to widget.js. */
function renderAll(): void {
  for (const host of document.querySelectorAll<HTMLElement>('div[data-lead-form]:not([data-rendered])')) {
    host.dataset['rendered'] = '';
    const labels = JSON.parse(host.dataset['labels'] ?? '{}') as Record<string, string>;
    const locale = host.dataset['locale'] || host.closest<HTMLElement>('[lang]')?.lang || 'en';
    render(h(FormView, { formId: host.dataset['leadForm'] ?? '', fields: parseFieldList(host.dataset['fields'] ?? 'name*, phone*, email'), locale, labels }), host);
    const form = host.querySelector('form');
    if (form) ((window as unknown as Record<string, Command>)[GLOBAL_NAME])?.('enhance', form);
  }
}

try {
  (window as unknown as Record<string, () => void>)[RENDER_GLOBAL] = renderAll;
  renderAll();
} catch (error) {
  console.error('[leadrelay]', error);
}
