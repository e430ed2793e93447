// The channel report: leads by channel, source and campaign over a date range, as a table whose
// bars are plain elements sized in percent (no chart library).
import { api } from './api.ts';
import { byId, element, fillTable } from './dom.ts';

interface Counted { name: string; count: number }
interface Report { from: number; to: number; total: number; truncated: boolean; channels: Array<Counted & { sources: Array<Counted & { campaigns: Counted[] }> }> }

/** A bar as wide as this row's share of all leads in the report. */
function bar(count: number, total: number): HTMLElement {
  const share = total ? (count / total) * 100 : 0;
  const track = element('span', '', 'bar');
  const fill = element('span', '', 'bar-fill');
  fill.style.width = `${share.toFixed(1)}%`;
  track.append(fill);
  track.title = `${share.toFixed(1)}%`;
  return track;
}

/** A name cell indented by its level: channel, source, campaign. */
const nameCell = (name: string, level: 0 | 1 | 2) => element('span', name, `level-${level}`);

export async function showReport(): Promise<void> {
  const query = new URLSearchParams({ touch: byId<HTMLSelectElement>('report-touch').value });
  for (const [name, id] of [['from', 'report-from'], ['to', 'report-to'], ['form', 'filter-form']] as const) {
    const value = byId<HTMLInputElement>(id).value;
    if (value) query.set(name, value);
  }
  const report = await api<Report>(`/report/channels?${query}`);
  const rows = report.channels.flatMap((channel) => [
    [nameCell(channel.name, 0), channel.count, bar(channel.count, report.total)],
    ...channel.sources.flatMap((source) => [
      [nameCell(source.name, 1), source.count, bar(source.count, report.total)],
      ...source.campaigns.map((campaign) => [nameCell(campaign.name, 2), campaign.count, bar(campaign.count, report.total)]),
    ]),
  ]);
  fillTable(byId('report'), ['channel / source / campaign', 'leads', 'share'], rows);
  const range = `${new Date(report.from).toLocaleDateString()} – ${new Date(report.to - 1).toLocaleDateString()}`;
  byId('report-total').textContent = `${report.total} lead(s), ${range}${report.truncated ? '; only the largest groups are shown' : ''}.`;
}

export function wireReport(): void {
  byId('report-form').addEventListener('submit', (event) => {
    event.preventDefault();
    showReport().catch((error: unknown) => (byId('report-total').textContent = (error as Error).message));
  });
}
