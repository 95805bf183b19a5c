/**
 * CPU and peak memory of this process's live descendants, read from /proc (Linux). `/usr/bin/time`
 * only counts children the process waited for; a long-lived helper such as esbuild's service process
 * is never waited for, so its share is read here before it is stopped.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process CPU times in clock ticks of 1/100 s (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_SECOND = 100;

interface ProcInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly cpuSeconds: number;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND };
  } catch {
    return undefined; // exited meanwhile
  }
}

function peakRssKb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Summed CPU seconds and summed peak RSS (KB) of every live descendant of this process. */
export function childProcessUsage(): { cpuSeconds: number; peakRssKb: number } {
  const procs = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is ProcInfo => p !== undefined);
  const descendants = new Set<number>([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!descendants.has(p.pid) && descendants.has(p.ppid)) {
        descendants.add(p.pid);
        grew = true;
      }
    }
  }
  descendants.delete(process.pid);
  let cpuSeconds = 0;
  let peak = 0;
  for (const p of procs.filter((q) => descendants.has(q.pid))) {
    cpuSeconds += p.cpuSeconds;
    peak += peakRssKb(p.pid);
  }
  return { cpuSeconds, peakRssKb: peak };
}
