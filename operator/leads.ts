// The lead list: search and filters (the same for the list, the CSV export and bulk replay),
// paging, and bulk replay with its count shown before it runs and a report after.
import { LEAD_STATUS_MEANINGS, LEAD_STATUSES, type LeadStatus } from '../shared/statuses.ts';
import { CHANNELS } from '../edge/attribution/channel-rules.ts';
import { api, download, postJson } from './api.ts';
import { appendRows, byId, element, fillTable, statusLabel, time } from './dom.ts';
import { nextTry, showLead } from './lead-view.ts';
import type { FormView, LeadView } from './types.ts';

const FILTERS = { q: 'filter-q', form: 'filter-form', status: 'filter-status', provider: 'filter-provider', channel: 'filter-channel', from: 'filter-from', to: 'filter-to' } as const;

/** The filter as the page shows it, as the API's query parameters. */
function currentFilter(): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const [name, id] of Object.entries(FILTERS)) {
    const value = byId<HTMLInputElement | HTMLSelectElement>(id).value.trim();
    if (value) filter[name] = value;
  }
  return filter;
}

/** Fills the filter menus: statuses and channels from their shared lists, forms and providers from the config; a Refresh keeps what was picked. */
export function fillFilters(forms: readonly FormView[]): void {
  const menus: Array<[string, readonly string[]]> = [
    ['filter-status', LEAD_STATUSES],
    ['filter-channel', CHANNELS],
    ['filter-form', forms.map((form) => form.id)],
    ['filter-provider', [...new Set(forms.map((form) => form.provider))].sort()],
  ];
  for (const [id, values] of menus) {
    const select = byId<HTMLSelectElement>(id);
    const kept = select.value;
    // A status's meaning is its tooltip.
    const option = (value: string) => Object.assign(new Option(value, value), { title: id === 'filter-status' ? LEAD_STATUS_MEANINGS[value as LeadStatus] : '' });
    select.replaceChildren(new Option('all', ''), ...values.map(option));
    select.value = values.includes(kept) ? kept : '';
  }
}

export const leadButton = (id: string) => {
  const button = element('button', id.slice(0, 8));
  button.type = 'button';
  button.addEventListener('click', () => void showLead(id));
  return button;
};

/** Where a lead came from, as its last touch was classified: `google / cpc`, or the channel alone. */
function sourceOf(lead: LeadView): string {
  const touch = lead.submission.attribution?.last;
  if (!touch) return '';
  return [touch.source && touch.medium ? `${touch.source} / ${touch.medium}` : touch.source, touch.utm_campaign].filter(Boolean).join(' · ');
}

const LIST_HEADERS = ['received', 'lead', 'name', 'email', 'source', 'form', 'status', 'attempts', 'next try, last error or note'];

function listRow(lead: LeadView) {
  const fields = lead.submission.fields ?? {};
  return [time(lead.receivedAt), leadButton(lead.id), fields['name'], fields['email'], sourceOf(lead), lead.formId, statusLabel(lead.status), lead.attemptsTotal, nextTry(lead) || lead.lastError || lead.note];
}

let cursor: string | null = null;

/** Reads the first page (or, with `append`, the next one) of what the filter matches. */
export async function showLeads(append = false): Promise<void> {
  const query = new URLSearchParams({ ...currentFilter(), limit: '25' });
  if (append && cursor) query.set('cursor', cursor);
  const page = await api<{ leads: LeadView[]; nextCursor: string | null }>(`/leads?${query}`);
  const table = byId<HTMLTableElement>('leads');
  const rows = page.leads.map(listRow);
  if (append) appendRows(table, rows);
  else fillTable(table, LIST_HEADERS, rows);
  if (!append && page.leads.length === 0) appendRows(table, [['No lead matches.']]);
  cursor = page.nextCursor;
  byId('more').hidden = !cursor;
}

/** Shows what failed (an invalid filter, a lost connection) next to the list. */
const listMessage = (text: string) => (byId('list-message').textContent = text);
const guarded = (run: () => Promise<void>) => () => {
  listMessage('');
  run().catch((error: unknown) => listMessage((error as Error).message));
};

interface ReplayCount { count: number; byForm: Array<{ formId: string; count: number }>; statuses: string[]; limit: number }
interface ReplayReport { replayed: number; byForm: Array<{ formId: string; count: number }>; remaining: number }

const perForm = (rows: ReplayCount['byForm']) => rows.map((row) => `${row.formId}: ${row.count}`).join(', ');

/** Step one of a bulk replay: count what the filter would take, and offer to run it. */
async function countForReplay(): Promise<void> {
  const filter = currentFilter();
  const counted = await api<ReplayCount>(`/replay?${new URLSearchParams(filter)}`);
  const panel = byId('bulk');
  panel.hidden = false;
  byId('bulk-report').textContent = '';
  const run = byId<HTMLButtonElement>('bulk-run');
  byId('bulk-count').textContent = counted.count
    ? `${counted.count} ${counted.statuses.join(', ')} lead(s) match (${perForm(counted.byForm)}).${counted.count > counted.limit ? ` One run takes ${counted.limit}; run it again for the rest.` : ''}`
    : `No ${counted.statuses.join(', ')} lead matches this filter.`;
  run.hidden = counted.count === 0;
  run.textContent = `Replay ${Math.min(counted.count, counted.limit)} lead(s)`;
  run.onclick = guarded(async () => {
    run.disabled = true;
    try {
      const report = await postJson<ReplayReport>('/replay', { filter, expected: counted.count });
      run.hidden = true;
      byId('bulk-report').textContent = `Replayed ${report.replayed} lead(s)${report.byForm.length ? ` (${perForm(report.byForm)})` : ''}; ${report.remaining} still match.`;
      await showLeads();
    } finally {
      run.disabled = false;
    }
  });
}

/** Wires the filters, paging, export and bulk replay. */
export function wireLeadList(): void {
  byId('lead-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(() => showLeads())();
  });
  for (const id of [FILTERS.form, FILTERS.status, FILTERS.provider, FILTERS.channel, FILTERS.from, FILTERS.to]) byId(id).addEventListener('change', guarded(() => showLeads()));
  byId('more').addEventListener('click', guarded(() => showLeads(true)));
  byId('export').addEventListener('click', guarded(() => download(`/leads.csv?${new URLSearchParams(currentFilter())}`)));
  byId('bulk-replay').addEventListener('click', guarded(countForReplay));
  byId('bulk-cancel').addEventListener('click', () => (byId('bulk').hidden = true));
}
