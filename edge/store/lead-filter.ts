// The one filter behind the lead list, the CSV export, and bulk replay: what an operator picked
// becomes a WHERE clause with bound values only, so they always agree on which leads they mean.
import type { LeadStatus } from '../../shared/api.ts';
import { searchPrefix } from './search-terms.ts';

export interface LeadFilter {
  formId?: string | undefined;
  /** Any of these (empty or absent: any status). */
  statuses?: readonly LeadStatus[] | undefined;
  provider?: string | undefined;
  /** The channel of the lead's last touch, as the edge classified it. */
  channel?: string | undefined;
  /** Received at or after, epoch ms. */
  from?: number | undefined;
  /** Received before, epoch ms. */
  to?: number | undefined;
  /** A prefix of the name (or a later word of it), the email, or the phone number. */
  search?: string | undefined;
}

/** A WHERE clause over `leads` and the values to bind, in order. */
export interface FilterSql {
  where: string;
  params: unknown[];
}

/**
 * The filter as SQL. A search reads the lead_search index by range (`term >= prefix AND term <
 * prefix || U+10FFFF`), never the submissions; a channel reads lead_channels by primary key.
 */
export function filterSql(filter: LeadFilter): FilterSql {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause.replace(/\?/g, () => `?${params.push(values.shift())}`));
  };
  const prefix = filter.search === undefined ? undefined : searchPrefix(filter.search);
  // With a search, the matching terms are few: the unary + keeps SQLite from walking a whole form
  // or time range by another index and checking each row against them.
  const column = (name: string) => (prefix ? `+${name}` : name);
  if (prefix) add('id IN (SELECT lead_id FROM lead_search WHERE term >= ? AND term < ? || char(1114111))', prefix, prefix);
  if (filter.formId) add(`${column('form_id')} = ?`, filter.formId);
  if (filter.statuses?.length) add(`${column('status')} IN (${filter.statuses.map(() => '?').join(', ')})`, ...filter.statuses);
  if (filter.provider) add('provider = ?', filter.provider);
  if (filter.from !== undefined) add(`${column('received_at')} >= ?`, filter.from);
  if (filter.to !== undefined) add(`${column('received_at')} < ?`, filter.to);
  if (filter.channel) add("EXISTS (SELECT 1 FROM lead_channels c WHERE c.lead_id = leads.id AND c.touch = 'last' AND c.channel = ?)", filter.channel);
  return { where: clauses.length ? clauses.join(' AND ') : '1 = 1', params };
}
