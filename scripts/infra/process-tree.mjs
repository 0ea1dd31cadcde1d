// The processes below a process, from Linux's /proc: PostgreSQL runs one process per connection
// under its postmaster, and both a crash (kill) and CPU accounting must take them all in.
import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid, state and CPU ticks of `pid` from /proc/<pid>/stat, or undefined when it is gone or /proc is missing. */
export function processStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name (which may hold spaces): state is field 3,
    // ppid 4, utime 14, stime 15, cutime 16, cstime 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      pid,
      state: fields[0],
      ppid: Number(fields[1]),
      ownTicks: Number(fields[11]) + Number(fields[12]),
      reapedChildTicks: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return undefined;
  }
}

/** Every live process's stat, by pid (empty without /proc). */
export function processTable() {
  const table = new Map();
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return table;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = processStat(Number(entry));
    if (stat) table.set(stat.pid, stat);
  }
  return table;
}

/** The pids of every process below `pid` (children, their children, ...), from a table of processTable(). */
export function descendants(pid, table = processTable()) {
  const below = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const stat of table.values()) {
      if (stat.ppid === parent) {
        below.push(stat.pid);
        queue.push(stat.pid);
      }
    }
  }
  return below;
}

/** Whether `pid` has ended (gone, or a zombie no one has reaped yet). */
export function processEnded(pid) {
  const stat = processStat(pid);
  return stat === undefined || stat.state === 'Z';
}
