// GET /v1/admin/leads.csv: the filtered leads as CSV, streamed page by page (keyset paging through
// the same query as the list), so an export of a year of leads never sits whole in memory.
import { csvLine } from './csv.ts';
import type { LeadFilter } from '../store/lead-filter.ts';
import { leadRows, toView, type LeadView } from '../store/queries.ts';
import type { ChannelAttribution, ChannelTouch } from '../attribution/channels.ts';

/** Rows read per D1 query. */
const PAGE = 500;

/** Fields most forms have get a column each; the rest go, as JSON, into `other_fields`. */
const NAMED_FIELDS = ['name', 'email', 'phone', 'message'] as const;
const TOUCH_COLUMNS = ['channel', 'source', 'medium', 'utm_campaign', 'utm_term', 'utm_content', 'gclid', 'fbclid', 'landing_page', 'referrer'] as const;

export const CSV_HEADER = [
  'id', 'received_at', 'form', 'provider', 'status', 'attempts', 'provider_lead_id', 'last_error', 'note',
  ...NAMED_FIELDS, 'phone_e164', 'other_fields',
  ...TOUCH_COLUMNS.map((column) => `last_${column}`), ...TOUCH_COLUMNS.map((column) => `first_${column}`),
  'page_url', 'erased',
];

interface Submission {
  fields?: Record<string, string>;
  phone?: { e164?: string };
  attribution?: ChannelAttribution;
}

function touchCells(touch: ChannelTouch | undefined): Array<string | undefined> {
  const values = (touch ?? {}) as Readonly<Record<string, unknown>>;
  return TOUCH_COLUMNS.map((column) => (typeof values[column] === 'string' ? (values[column] as string) : undefined));
}

/** One lead as a CSV line, in CSV_HEADER's order. */
export function leadLine(lead: LeadView): string {
  const submission = (lead.submission ?? {}) as Submission;
  const fields = submission.fields ?? {};
  const others = Object.fromEntries(Object.entries(fields).filter(([name]) => !(NAMED_FIELDS as readonly string[]).includes(name)));
  return csvLine([
    lead.id, new Date(lead.receivedAt).toISOString(), lead.formId, lead.provider, lead.status, lead.attemptsTotal, lead.providerLeadId, lead.lastError, lead.note,
    ...NAMED_FIELDS.map((name) => fields[name]), submission.phone?.e164, Object.keys(others).length ? JSON.stringify(others) : '',
    ...touchCells(submission.attribution?.last), ...touchCells(submission.attribution?.first),
    submission.attribution?.page?.url, lead.erasedAt !== null,
  ]);
}

/** The export as a streamed response; each pull reads the next page. */
export function exportCsv(db: D1Database, filter: LeadFilter, now: Date): Response {
  const encoder = new TextEncoder();
  let cursor: string | null | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte order mark: Excel reads the file as UTF-8 only with it.
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(CSV_HEADER)}`));
    },
    async pull(controller) {
      const page = await leadRows(db, { filter, limit: PAGE, cursor: cursor ?? undefined });
      if (page.rows.length) controller.enqueue(encoder.encode(page.rows.map((row) => leadLine(toView(row))).join('')));
      cursor = page.nextCursor;
      if (!cursor) controller.close();
    },
  });
  const name = `leads-${now.toISOString().slice(0, 19).replaceAll(':', '')}.csv`;
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
