// The processes this one started, as Linux /proc sees them: the CPU time the system charged them
// (to count what workerd spends per request from the outside, waiting excluded), and stopping them.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (100 almost everywhere). */
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

interface ProcessStat {
  pid: number;
  ppid: number;
  name: string;
  /** user + system CPU, milliseconds. */
  cpuMs: number;
}

function readStat(pid: string): ProcessStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (name) state ppid ..." where the name may hold spaces and parentheses.
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of proc(5))
    return { pid: Number(pid), ppid: Number(fields[1]), name: text.slice(text.indexOf('(') + 1, close), cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Whether /proc can be read here (Linux); elsewhere the CPU figures are n/a. */
export const canReadProcessCpu = (): boolean => readStat(String(process.pid)) !== undefined;

/** Every live process descending from this one (wrangler, its workerd, esbuild, Chromium). */
function descendants(): ProcessStat[] {
  if (!canReadProcessCpu()) return [];
  const stats = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(readStat).filter((stat): stat is ProcessStat => stat !== undefined);
  const parentOf = new Map(stats.map((stat) => [stat.pid, stat.ppid]));
  const descends = (pid: number): boolean => {
    for (let current = parentOf.get(pid), hops = 0; current !== undefined && hops < 64; current = parentOf.get(current), hops++) {
      if (current === process.pid) return true;
    }
    return false;
  };
  return stats.filter((stat) => descends(stat.pid));
}

/**
 * CPU milliseconds used so far by every live process named `name` among this process's
 * descendants (wrangler dev runs two workerd: its proxy and the Worker's runtime). Resolution:
 * one clock tick (10 ms), so callers measure hundreds of requests at once.
 */
export const descendantCpuMs = (name: string): number => descendants().filter((stat) => stat.name === name).reduce((total, stat) => total + stat.cpuMs, 0);

/** Sends SIGTERM to every process this one started, by pid: what a time-out leaves behind. */
export function stopDescendants(): number[] {
  const pids = descendants().map((stat) => stat.pid);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  return pids;
}
