// The operator page (/admin/): counts, failures, leads (search, filters, export, bulk replay), one
// lead with Replay, the channel report, and each form's snippet and console, all read from the
// admin API with the token the operator types (kept for this tab only).
import { leadFormSnippet, type WidgetManifest } from '../shared/snippet.ts';
import { api, TOKEN_KEY } from './api.ts';
import { consoleFor } from './console-view.ts';
import { byId, element, fillTable, statusLabel, time } from './dom.ts';
import { onReplay } from './lead-view.ts';
import { fillFilters, leadButton, showLeads, wireLeadList } from './leads.ts';
import { showReport, wireReport } from './report.ts';
import type { FormView } from './types.ts';

interface Summary { counts: Array<{ formId: string; status: string; count: number }>; recentFailures: Array<{ leadId: string; formId: string; startedAt: number; httpStatus: number | null; result: string; reason: string | null }> }

async function showSummary(): Promise<void> {
  const summary = await api<Summary>('/summary');
  const statuses = [...new Set(summary.counts.map((row) => row.status))].sort();
  const forms = [...new Set(summary.counts.map((row) => row.formId))].sort();
  const count = (formId: string, status: string) => summary.counts.find((row) => row.formId === formId && row.status === status)?.count ?? 0;
  fillTable(byId('counts'), ['form', ...statuses], forms.map((formId) => [formId, ...statuses.map((status) => count(formId, status))]));
  for (const [index, status] of statuses.entries()) byId<HTMLTableElement>('counts').rows[0]?.cells[index + 1]?.replaceChildren(statusLabel(status));
  fillTable(byId('failures'), ['when', 'form', 'lead', 'result', 'HTTP', 'reason'], summary.recentFailures.map((row) => [time(row.startedAt), row.formId, leadButton(row.leadId), statusLabel(row.result), row.httpStatus, row.reason]));
}

/** The misconfigured mark of a form whose provider refuses its credentials. */
function misconfiguredNote({ heldLeads, lastHeldAt, reason }: NonNullable<FormView['misconfigured']>): HTMLElement {
  return element('p', `Misconfigured: the provider refuses this form's credentials. ${heldLeads} lead(s) held (latest ${time(lastHeldAt)}): ${reason ?? 'no reason recorded'}`, 'status-dead');
}

async function showForms(): Promise<void> {
  const [{ forms, problems }, manifest] = await Promise.all([
    api<{ forms: FormView[]; problems: Array<{ formId?: string; problem: string }> }>('/forms'),
    fetch('/manifest.json').then((response) => (response.ok ? (response.json() as Promise<WidgetManifest>) : undefined)),
  ]);
  fillFilters(forms);
  const container = byId('forms');
  container.replaceChildren();
  for (const form of forms) {
    const title = element('h3', `${form.id} (${form.provider}) · origins: ${form.origins.join(', ')}`);
    const snippet = element('pre', manifest ? leadFormSnippet(location.origin, form, manifest) : 'dist/manifest.json is missing: run npm run build');
    // What the provider cannot carry (fidelity: Sakneen has no attribution field), where the operator looks.
    const note = form.note ? [element('p', form.note, 'form-note')] : [];
    container.append(title, ...(form.misconfigured ? [misconfiguredNote(form.misconfigured)] : []), ...note, snippet, consoleFor(form));
  }
  for (const problem of problems) container.append(element('p', `Config problem: ${problem.problem}`, 'status-dead'));
}

async function open(): Promise<void> {
  try {
    // The forms first: the lead filters' menus come from them.
    await Promise.all([showSummary(), showForms()]);
    await Promise.all([showLeads(), showReport()]);
    byId('login').hidden = true;
    byId('login-error').textContent = '';
    byId('console').hidden = false;
  } catch (error) {
    byId('login-error').textContent = (error as Error).message;
    byId('login').hidden = false;
    byId('console').hidden = true;
  }
}

byId('origin').textContent = location.origin;
byId('login').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, byId<HTMLInputElement>('token').value);
  void open();
});
byId('logout').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  location.reload();
});
byId('refresh').addEventListener('click', () => void open());
onReplay(() => Promise.all([showSummary(), showLeads()]).then(() => undefined));
wireLeadList();
wireReport();
if (sessionStorage.getItem(TOKEN_KEY)) void open();
