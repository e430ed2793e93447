// BENCHMARKS.md's crash phase: leads posted while the runtime was killed and restarted, and what
// each accepted lead became, by D1 and by its stand-in's own count.
import type { CrashResult } from './edge-crash.ts';
import type { BenchResults } from './results.ts';
import { markdownTable, round, withUnit } from './stats.ts';

const counted = (counts: Record<string, number>) => Object.entries(counts).map(([key, count]) => `${key}: ${count}`).join(', ') || 'none';

function verdict(check: CrashResult): string {
  if (check.ok) return `**Passed**: every lead the Worker accepted is in D1 and settled; ${check.deliveredOnce} are delivered exactly once by their stand-in's count${check.flaggedDuplicates ? `, ${check.flaggedDuplicates} delivered twice and flagged \`possible_duplicate\`` : ''}.`;
  const wrong = check.wrong.slice(0, 5).map((item) => `${item.id} (${item.provider}: ${item.status}, created ${item.created}×)`).join(', ');
  return `**FAILED** (\`npm run bench\` exits 1): ${check.missing} missing from D1, ${check.unsettled} still pending or sending, ${check.wrong.length} with a wrong outcome${wrong ? `: ${wrong}` : ''}.`;
}

/** The crash phase's table and verdict. */
export function crashSection(results: BenchResults): string[] {
  const check = results.edge.crash;
  const title = '## No lead lost or sent twice when the runtime is killed';
  if (!check) return [title, '', 'Not measured in this run (see below).'];
  const kills = check.kills.map((kill) => `at ${round(kill.atMs / 1000)} s, ${kill.heldAtProviders} provider requests in flight, back in ${withUnit(kill.restartMs, 'ms')}`).join('; ');
  const plan = results.plan.crash;
  return [
    title,
    '',
    ...(results.crashMeasuredAt ? [`Measured on ${results.crashMeasuredAt.slice(0, 10)} by \`npm run bench:crash\`, alone, after the run above.`, ''] : []),
    `Leads posted to the demo forms (all five providers) with ${plan?.concurrency ?? '?'} clients, each lead's first request held by its stand-in a random 0–${plan?.maxProviderDelayMs ?? '?'} ms, while \`wrangler dev\` and its workerd were killed with SIGKILL ${check.kills.length} times at random and restarted on the same local D1. Kills: ${kills || 'none'}. Posting took ${withUnit(check.postingMs / 1000, 's')}; then the cron sweep (triggered by hand every 5 s, as locally it never fires) re-queued what the kills left once their leases (60 s) had run out: every accepted lead had settled ${withUnit(check.settleMs / 1000, 's')} after the last post.`,
    '',
    markdownTable(
      ['posted', 'accepted (202)', 'not accepted, by status (0: runtime down)', 'in D1, by status', 'missing from D1', 'first attempt cut off (an `unknown` attempt)', 'delivered exactly once at the stand-in', 'wrong outcome'],
      [[String(check.posted), String(check.accepted), counted(check.refused), counted(check.stored), String(check.missing), String(check.unknownAttempts), String(check.deliveredOnce), String(check.wrong.length)]],
    ),
    '',
    verdict(check),
    '',
    'D1 per accepted lead: 2 round trips (the insert of the lead already claimed by its first attempt, with the attempt-started mark; then one batch with the attempt and the new status), where it was 3 (insert, claim, record); a retry from the queue takes 2 (claim, record). Counted through a wrapped D1 binding by `test/edge/delivery/crash.test.ts`, not timed.',
  ];
}

/** One sentence for the reading at the top. */
export function crashReading(results: BenchResults): string[] {
  const check = results.edge.crash;
  if (!check) return [];
  return [
    check.ok
      ? `- Killed ${check.kills.length} times during the load: all ${check.accepted} accepted leads settled, ${check.deliveredOnce} delivered exactly once by the stand-ins' count (${check.unknownAttempts} of them after an attempt the kill cut off), none lost or created twice.`
      : `- **Killed during the load, leads went wrong**: ${check.missing} missing, ${check.unsettled} unsettled, ${check.wrong.length} not delivered exactly once.`,
  ];
}
