// Resident memory and CPU time of a process, from Linux's /proc (B6's RSS; B4's CPU per run).
import { readFileSync } from 'node:fs';
import { capture } from '../scripts/infra/run-command.mjs';

const TICKS_PER_SECOND = Number(capture('getconf', ['CLK_TCK']) ?? 100) || 100;

/** VmRSS of `pid` in MB (MiB), or undefined where /proc is not available (not Linux, process gone). */
export function rssMegabytes(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Math.round((Number(kb) / 1024) * 10) / 10;
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds `pid` has used so far, or undefined without /proc. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name (which may hold spaces): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** CPU seconds of each named pid, e.g. `{worker: 12.3, ...}`. */
export function cpuSnapshot(pids) {
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
}

/** Runs `work()` and returns its result with the CPU milliseconds each pid spent meanwhile (none without pids). */
export async function withCpuAccounting(pids, work) {
  const before = pids ? cpuSnapshot(pids) : {};
  const result = await work();
  const after = pids ? cpuSnapshot(pids) : {};
  const cpuMs = Object.fromEntries(
    Object.keys(after).map((name) => [name, Math.round((after[name] - before[name]) * 1000)]),
  );
  return { result, cpuMs };
}

/** CPU microseconds per unit of work (request, event, run) of each process, and their sum. */
export function cpuPer(cpuMs, units) {
  const per = Object.fromEntries(
    Object.entries(cpuMs).map(([name, ms]) => [name, Math.round((ms * 1000) / Math.max(1, units))]),
  );
  return { ...per, total: Object.values(per).reduce((sum, us) => sum + us, 0) };
}
