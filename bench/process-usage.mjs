// Resident memory and CPU time of a process, from Linux's /proc (B6's RSS; B4's CPU per run).
import { readFileSync } from 'node:fs';
import { capture } from '../scripts/infra/run-command.mjs';
import { processStat, processTable } from '../scripts/infra/process-tree.mjs';

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
  const stat = processStat(pid);
  return stat === undefined ? undefined : stat.ownTicks / TICKS_PER_SECOND;
}

/**
 * CPU seconds of each named pid, e.g. `{worker: 12.3, ...}`, each with the processes below it
 * that are not named themselves: PostgreSQL's backends count to `postgres`, while the services the
 * bench started count to themselves, not to `bench`. Children that ended count through their
 * parent's reaped-children time.
 */
export function cpuSnapshot(pids) {
  const table = processTable();
  const named = new Set(Object.values(pids));
  const treeTicks = (pid) => {
    const stat = table.get(pid);
    if (stat === undefined) return undefined;
    let ticks = stat.ownTicks + stat.reapedChildTicks;
    for (const child of table.values()) {
      if (child.ppid === pid && !named.has(child.pid)) ticks += treeTicks(child.pid) ?? 0;
    }
    return ticks;
  };
  return Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => {
      const ticks = treeTicks(pid);
      return [name, ticks === undefined ? undefined : ticks / TICKS_PER_SECOND];
    }),
  );
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
