// Operators' measures over a D1 that has run for a while (BENCHMARKS.md, "Operators"): search
// through the lead_search index against a full scan of the submissions, the CSV export of
// 100,000 leads, and the alerts an outage of 1,000 dead leads makes.
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { processAlertEvents } from '../../../edge/alerts/events.ts';
import { exportCsv } from '../../../edge/admin/export.ts';
import { filterSql } from '../../../edge/store/lead-filter.ts';

const FORM = 'operators-scale';
const OUTAGE_FORM = 'operators-outage';
const LEADS = 100_000;
const RUNS = 40;
const db = env.DB;

afterAll(async () => {
  // The edge project shares one D1 across files: leave nothing behind (the delete trigger takes the index rows).
  await db.batch([db.prepare('DELETE FROM leads WHERE form_id IN (?1, ?2)').bind(FORM, OUTAGE_FORM), db.prepare('DELETE FROM alerts WHERE dedupe_key LIKE ?1').bind(`%${OUTAGE_FORM}%`)]);
});

/** Leads n0 … n0+count-1 of `form`, in one statement, shaped like the Worker's (fields, phone, attribution). */
async function seed(form: string, n0: number, count: number, status: string): Promise<void> {
  await db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT CAST(?1 AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i < CAST(?1 + ?2 - 1 AS INTEGER))
       INSERT INTO leads (id, form_id, idempotency_key, provider, status, submission, attempts, received_at, updated_at, next_attempt_at)
       SELECT ?3 || '-' || i, ?3, 'key-' || i, 'anarock', ?4,
         json_object('fields', json_object('name', 'Person' || i || ' Sharma', 'email', 'person' || i || '@example.com', 'message', 'Interested in a villa'),
           'phone', json_object('e164', '+9198' || printf('%08d', i), 'national', '98' || printf('%08d', i)),
           'attribution', json_object('last', json_object('utm_source', 'google', 'utm_medium', 'cpc', 'utm_campaign', 'c' || (i % 50), 'channel', 'Paid Search', 'source', 'google', 'medium', 'cpc'))),
         1, 1700000000000 + i, 1700000000000 + i, 0
       FROM n`,
    )
    .bind(n0, count, form, status)
    .run();
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;

async function timed(run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

describe('operators at 100,000 leads', () => {
  it('finds a lead through the index far faster than a scan of the submissions, and exports all of them', async () => {
    for (let n0 = 0; n0 < LEADS; n0 += 25_000) await seed(FORM, n0, 25_000, 'delivered');
    let probe = 0;
    const { where, params } = filterSql({ formId: FORM, search: 'person7777' });
    const indexed = await timed(() => db.prepare(`SELECT * FROM leads WHERE ${where} ORDER BY received_at DESC LIMIT 50`).bind(...params).all());
    const found = await db.prepare(`SELECT COUNT(*) AS n FROM leads WHERE ${where}`).bind(...params).first<{ n: number }>();
    expect(found?.n).toBe(11); // person7777 and person77770 … person77779
    const scan = await timed(() =>
      db.prepare(`SELECT * FROM leads WHERE form_id = ?1 AND lower(json_extract(submission, '$.fields.email')) LIKE ?2 ORDER BY received_at DESC LIMIT 50`).bind(FORM, `person${7000 + (probe++ % 999)}%`).all(),
    );
    const started = performance.now();
    const csv = await exportCsv(db, { formId: FORM }, new Date()).text();
    const exportMs = performance.now() - started;
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(LEADS + 1);
    const line = (name: string, times: number[]) => `${name}: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`;
    console.log(`operators: ${LEADS} leads; ${line('search (index)', indexed)}; ${line('full scan', scan)}; CSV export ${(exportMs / 1000).toFixed(2)} s, ${csv.length} bytes`);
    // One line bench/operators.ts reads into bench/results.json.
    const times = (values: number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99) });
    console.log(`OPERATORS_MEASURE ${JSON.stringify({ leads: LEADS, runs: RUNS, search: times(indexed), scan: times(scan), exportMs, exportBytes: csv.length })}`);
    expect(percentile(indexed, 50) * 5).toBeLessThan(percentile(scan, 50));
  }, 300_000);

  it('an outage of 1,000 dead leads makes two alerts: the first, then one digest', async () => {
    await seed(OUTAGE_FORM, 0, 1000, 'sending');
    // As the pipeline records them: each attempt's lead goes dead with the same provider reason.
    await db.prepare("UPDATE leads SET status = 'dead', last_error = '503 upstream maintenance', updated_at = ?2 WHERE form_id = ?1").bind(OUTAGE_FORM, Date.now()).run();
    const config = { webhook: { url: 'http://127.0.0.1:9/unused', secret: `whsec_${btoa('x'.repeat(32))}` }, windowMs: 15 * 60_000, personalData: false };
    const now = Date.now();
    await processAlertEvents(db, config, now);
    await processAlertEvents(db, config, now + config.windowMs);
    const { results } = await db.prepare('SELECT payload FROM alerts WHERE dedupe_key LIKE ?1').bind(`%|${OUTAGE_FORM}|%`).all<{ payload: string }>();
    const sent = results.map((row) => JSON.parse(row.payload) as { type: string; data: { count?: number } });
    console.log(`operators: outage of 1000 dead leads -> ${sent.length} alert message(s): ${sent.map((alert) => `${alert.type}${alert.data.count ? ` (${alert.data.count})` : ''}`).join(', ')}`);
    console.log(`OPERATORS_MEASURE ${JSON.stringify({ outageLeads: 1000, alertMessages: sent.length })}`);
    expect(sent.map((alert) => alert.type)).toEqual(['lead.dead', 'lead.digest']);
    expect(sent[1]?.data.count).toBe(999);
  }, 120_000);
});
