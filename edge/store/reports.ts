// The channel report: leads by channel, source and campaign over a time range, read from
// lead_channels (migrations/0006_operators.sql) by its (touch, received_at) index. Spam is not a
// lead anyone came from: it is left out (a replayed spam lead is pending, and counts again).

export interface ReportQuery {
  touch: 'first' | 'last';
  from: number;
  to: number;
  formId?: string | undefined;
}

interface Counted { name: string; count: number }
export interface CampaignRow extends Counted {}
export interface SourceRow extends Counted { campaigns: CampaignRow[] }
export interface ChannelRow extends Counted { sources: SourceRow[] }

/** Most channel × source × campaign groups one report holds (the largest); `truncated` says when there were more. */
const MAX_GROUPS = 2000;

/** Adds `count` under `name` in a list of rows, creating the row (via `make`) the first time. */
function tally<T extends Counted>(rows: T[], name: string, count: number, make: () => T): T {
  let row = rows.find((candidate) => candidate.name === name);
  if (!row) rows.push((row = make()));
  row.count += count;
  return row;
}

const byCount = <T extends Counted>(rows: T[]) => rows.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

/** Channels, each with its sources, each with its campaigns, largest first; and the total. */
export async function channelReport(db: D1Database, query: ReportQuery): Promise<{ total: number; channels: ChannelRow[]; truncated: boolean }> {
  const { results } = await db
    .prepare(
      `SELECT c.channel, c.source, c.campaign, COUNT(*) AS count FROM lead_channels c JOIN leads l ON l.id = c.lead_id
       WHERE c.touch = ?1 AND c.received_at >= ?2 AND c.received_at < ?3 AND (?4 IS NULL OR c.form_id = ?4) AND l.status != 'spam'
       GROUP BY c.channel, c.source, c.campaign ORDER BY count DESC LIMIT ?5`,
    )
    .bind(query.touch, query.from, query.to, query.formId ?? null, MAX_GROUPS + 1)
    .all<{ channel: string; source: string; campaign: string; count: number }>();
  const channels: ChannelRow[] = [];
  for (const row of results.slice(0, MAX_GROUPS)) {
    const channel = tally(channels, row.channel, row.count, () => ({ name: row.channel, count: 0, sources: [] }));
    const source = tally(channel.sources, row.source, row.count, () => ({ name: row.source, count: 0, campaigns: [] }));
    tally(source.campaigns, row.campaign, row.count, () => ({ name: row.campaign, count: 0 }));
  }
  for (const channel of byCount(channels)) for (const source of byCount(channel.sources)) byCount(source.campaigns);
  return { total: channels.reduce((sum, channel) => sum + channel.count, 0), channels, truncated: results.length > MAX_GROUPS };
}
