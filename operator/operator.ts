// The operator page (/admin/): counts, failures, leads, replay and each form's snippet, all read
// from the admin API with the token the operator types (kept for this tab only). Data goes into
// the page through textContent only, so nothing a visitor typed can run here.
import { leadFormSnippet, type WidgetManifest } from '../shared/snippet.ts';
import { LEAD_STATUS_MEANINGS, LEAD_STATUSES, REPLAYABLE_STATUSES, type LeadStatus } from '../shared/statuses.ts';

const TOKEN_KEY = 'leadrelay_admin_token';
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`/v1/admin${path}`, { ...init, headers: { authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}`, ...init.headers } });
  const body = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok && !(response.status === 502 && path.includes('/operations/'))) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
  return body;
}

type Cell = string | number | null | Node;

/** Adds one row per item; a cell may be text or an element. */
function appendRows(table: HTMLTableElement, rows: Cell[][]): void {
  for (const row of rows) {
    const tr = table.insertRow();
    for (const cell of row) {
      const td = tr.insertCell();
      if (cell instanceof Node) td.append(cell);
      else td.textContent = cell === null ? '' : String(cell);
    }
  }
}

/** Replaces a table's content: a header row, then the rows. */
function fillTable(table: HTMLTableElement, headers: string[], rows: Cell[][]): void {
  table.replaceChildren();
  const head = table.insertRow();
  for (const header of headers) head.append(Object.assign(document.createElement('th'), { textContent: header }));
  appendRows(table, rows);
}

const time = (ms: number | null) => (ms ? new Date(ms).toLocaleString() : '');
const leadButton = (id: string) => {
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: id.slice(0, 8) });
  button.addEventListener('click', () => void showLead(id));
  return button;
};

interface Summary { counts: Array<{ formId: string; status: string; count: number }>; recentFailures: Array<{ leadId: string; formId: string; startedAt: number; httpStatus: number | null; result: string; reason: string | null }> }
interface LeadView { id: string; formId: string; status: LeadStatus; attempts: number; receivedAt: number; lastError: string | null; note: string | null; providerLeadId: string | null; possibleDuplicate: boolean; notForwarded: string[]; submission: unknown }

async function showSummary(): Promise<void> {
  const summary = await api<Summary>('/summary');
  const statuses = [...new Set(summary.counts.map((row) => row.status))].sort();
  const forms = [...new Set(summary.counts.map((row) => row.formId))].sort();
  const count = (formId: string, status: string) => summary.counts.find((row) => row.formId === formId && row.status === status)?.count ?? 0;
  fillTable(byId('counts'), ['form', ...statuses], forms.map((formId) => [formId, ...statuses.map((status) => count(formId, status))]));
  fillTable(byId('failures'), ['when', 'form', 'lead', 'result', 'HTTP', 'reason'], summary.recentFailures.map((row) => [time(row.startedAt), row.formId, leadButton(row.leadId), row.result, row.httpStatus, row.reason]));
}

let cursor: string | null = null;
async function showLeads(append = false): Promise<void> {
  const query = new URLSearchParams({ limit: '25' });
  if (byId<HTMLSelectElement>('filter-form').value) query.set('form', byId<HTMLSelectElement>('filter-form').value);
  if (byId<HTMLSelectElement>('filter-status').value) query.set('status', byId<HTMLSelectElement>('filter-status').value);
  if (append && cursor) query.set('cursor', cursor);
  const page = await api<{ leads: LeadView[]; nextCursor: string | null }>(`/leads?${query}`);
  const table = byId<HTMLTableElement>('leads');
  const rows = page.leads.map((lead) => [time(lead.receivedAt), lead.formId, leadButton(lead.id), lead.status, lead.attempts, lead.lastError ?? lead.note]);
  if (append) appendRows(table, rows);
  else fillTable(table, ['received', 'form', 'lead', 'status', 'attempts', 'last error or note'], rows);
  cursor = page.nextCursor;
  byId('more').hidden = !cursor;
}
async function showLead(id: string): Promise<void> {
  const { lead, attempts } = await api<{ lead: LeadView; attempts: Array<{ startedAt: number; durationMs: number; httpStatus: number | null; result: string; reason: string | null }> }>(`/leads/${encodeURIComponent(id)}`);
  byId('lead').hidden = false;
  byId('lead-id').textContent = lead.id;
  byId('lead-summary').textContent = `${lead.formId} · ${lead.status} · ${lead.attempts} attempt(s)${lead.providerLeadId ? ` · provider id ${lead.providerLeadId}` : ''}${lead.possibleDuplicate ? ' · possible duplicate at the provider' : ''}${lead.note ? ` · ${lead.note}` : ''}`;
  byId('lead-not-forwarded').textContent = lead.notForwarded.length > 0 ? `Not forwarded to the provider: ${lead.notForwarded.join(', ')}` : '';
  byId('lead-submission').textContent = JSON.stringify(lead.submission, null, 2);
  fillTable(byId('attempts'), ['when', 'ms', 'HTTP', 'result', 'reason'], attempts.map((attempt) => [time(attempt.startedAt), attempt.durationMs, attempt.httpStatus, attempt.result, attempt.reason]));
  const replay = byId<HTMLButtonElement>('replay');
  replay.hidden = !REPLAYABLE_STATUSES.includes(lead.status);
  replay.onclick = async () => {
    replay.disabled = true;
    try {
      await api(`/leads/${encodeURIComponent(lead.id)}/replay`, { method: 'POST' });
      byId('replay-result').textContent = 'Queued for delivery.';
      await Promise.all([showSummary(), showLeads()]);
    } catch (error) {
      byId('replay-result').textContent = (error as Error).message;
    } finally {
      replay.disabled = false;
    }
  };
}

async function showForms(): Promise<void> {
  const [{ forms, problems }, manifest] = await Promise.all([
    api<{ forms: FormView[]; problems: Array<{ formId?: string; problem: string }> }>('/forms'),
    fetch('/manifest.json').then((response) => (response.ok ? (response.json() as Promise<WidgetManifest>) : undefined)),
  ]);
  const select = byId<HTMLSelectElement>('filter-form');
  select.replaceChildren(new Option('all', ''), ...forms.map((form) => new Option(form.id, form.id)));
  const container = byId('forms');
  container.replaceChildren();
  for (const form of forms) {
    const title = Object.assign(document.createElement('h3'), { textContent: `${form.id} (${form.provider}) · origins: ${form.origins.join(', ')}` });
    const snippet = Object.assign(document.createElement('pre'), { textContent: manifest ? leadFormSnippet(location.origin, form, manifest) : 'dist/manifest.json is missing: run npm run build' });
    const note = form.note ? [Object.assign(document.createElement('p'), { className: 'form-note', textContent: form.note })] : [];
    container.append(title, ...(form.misconfigured ? [misconfiguredNote(form.misconfigured)] : []), ...note, snippet, consoleFor(form));
  }
  for (const problem of problems) container.append(Object.assign(document.createElement('p'), { className: 'status-dead', textContent: `Config problem: ${problem.problem}` }));
}

interface FormView {
  id: string;
  provider: string;
  origins: string[];
  testPath: string | null;
  fieldMap: Record<string, string>;
  fields: string[] | null;
  note: string | null;
  misconfigured: { heldLeads: number; lastHeldAt: number; reason: string | null } | null;
}

/** The misconfigured mark of a form whose provider refuses its credentials. */
function misconfiguredNote({ heldLeads, lastHeldAt, reason }: NonNullable<FormView['misconfigured']>): HTMLElement {
  const text = `Misconfigured: the provider refuses this form's credentials. ${heldLeads} lead(s) held (latest ${time(lastHeldAt)}): ${reason ?? 'no reason recorded'}`;
  return Object.assign(document.createElement('p'), { className: 'status-dead', textContent: text });
}

/** The status filter, from the one list of statuses, each with its meaning as a tooltip. */
function fillStatusFilter(): void {
  const options = LEAD_STATUSES.map((status) => Object.assign(new Option(status, status), { title: LEAD_STATUS_MEANINGS[status] }));
  byId<HTMLSelectElement>('filter-status').replaceChildren(new Option('all', ''), ...options);
}

/** Preview and test-send buttons of one form, with the answer shown below them. */
function consoleFor(form: FormView): HTMLElement {
  const box = Object.assign(document.createElement('div'), { className: 'console' });
  const output = Object.assign(document.createElement('pre'), { hidden: true });
  output.dataset['consoleFor'] = form.id;
  const run = async (action: 'preview' | 'test-lead') => {
    output.hidden = false;
    output.textContent = '…';
    const confirmLive = action === 'test-lead' && !form.testPath;
    if (confirmLive && !confirm(`${form.provider} has no test mode: this creates a real lead there, marked as a test. Send it?`)) return (output.textContent = 'Not sent.');
    try {
      const result = await api(`/forms/${encodeURIComponent(form.id)}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ confirm: confirmLive }) });
      output.textContent = JSON.stringify(result, null, 2);
    } catch (error) {
      output.textContent = (error as Error).message;
    }
    return undefined;
  };
  const button = (label: string, action: 'preview' | 'test-lead') => {
    const element = Object.assign(document.createElement('button'), { type: 'button', textContent: label });
    element.addEventListener('click', () => void run(action));
    return element;
  };
  const note = Object.assign(document.createElement('span'), { textContent: ` Test path: ${form.testPath ?? 'none (a test lead is real at the provider, marked as a test)'}` });
  box.append(button('Preview request', 'preview'), ' ', button('Send test lead', 'test-lead'), note, output);
  return box;
}

async function open(): Promise<void> {
  try {
    await Promise.all([showSummary(), showLeads(), showForms()]);
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
fillStatusFilter();
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
byId('more').addEventListener('click', () => void showLeads(true));
for (const id of ['filter-form', 'filter-status']) byId(id).addEventListener('change', () => void showLeads());
if (sessionStorage.getItem(TOKEN_KEY)) void open();
