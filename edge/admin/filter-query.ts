// The lead filter as the admin API takes it, in a query string (list, export, replay count) or a
// JSON body (bulk replay): every part optional, each wrong part named in a field-level 400.
import { LEAD_STATUSES, type LeadStatus } from '../../shared/statuses.ts';
import { CHANNELS } from '../attribution/channel-rules.ts';
import { providers } from '../providers/index.ts';
import type { LeadFilter } from '../store/lead-filter.ts';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A time as epoch ms: a number of ms, an ISO date-time, or a date (UTC). A date as `to` means the
 * end of that day, so `from=2026-12-01&to=2026-12-01` is that whole day.
 */
function readTime(text: string, end: boolean): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const ms = Date.parse(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) return undefined;
  return end && DATE_ONLY.test(text) ? ms + DAY_MS : ms;
}

const isStatus = (value: string): value is LeadStatus => (LEAD_STATUSES as readonly string[]).includes(value);

/** Either the filter, or the message of each part that is wrong. */
export type ReadFilter = { ok: true; filter: LeadFilter } | { ok: false; fields: Record<string, string> };

/** Reads `form`, `status` (one or a comma list), `provider`, `channel`, `from`, `to` and `q`. */
export function readFilter(get: (name: string) => string | undefined): ReadFilter {
  const fields: Record<string, string> = {};
  const text = (name: string, max: number) => {
    const value = get(name)?.trim();
    if (value && value.length > max) fields[name] = `${name} is at most ${max} characters`;
    return value || undefined;
  };
  const statuses = text('status', 200)?.split(',').map((status) => status.trim()).filter(Boolean);
  const unknown = statuses?.find((status) => !isStatus(status));
  if (unknown !== undefined) fields['status'] = `status "${unknown}" is not one of ${LEAD_STATUSES.join(', ')}`;
  const provider = text('provider', 32);
  if (provider && !Object.hasOwn(providers, provider)) fields['provider'] = `provider must be one of ${Object.keys(providers).join(', ')}`;
  const channel = text('channel', 64);
  if (channel && !(CHANNELS as readonly string[]).includes(channel)) fields['channel'] = `channel must be one of ${CHANNELS.join(', ')}`;
  const time = (name: 'from' | 'to') => {
    const value = text(name, 40);
    if (value === undefined) return undefined;
    const ms = readTime(value, name === 'to');
    if (ms === undefined) fields[name] = `${name} must be a date (2026-12-01), an ISO date-time or epoch milliseconds`;
    return ms;
  };
  const from = time('from');
  const to = time('to');
  if (from !== undefined && to !== undefined && to <= from) fields['to'] = 'to must be after from';
  const filter: LeadFilter = { formId: text('form', 64), statuses: statuses?.filter(isStatus), provider, channel, from, to, search: text('q', 200) };
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, filter };
}

/** The filter of a query string. */
export const filterOfQuery = (params: URLSearchParams): ReadFilter => readFilter((name) => params.get(name) ?? undefined);
