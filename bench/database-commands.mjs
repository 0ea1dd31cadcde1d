// How many commands the database served, by command name, from FerretDB's own Prometheus counters
// (ferretdb_client_requests_total on its --debug-addr): B4 reports them per run.
import { readFileSync } from 'node:fs';

/** The metrics URL of the FerretDB process `pid`, read from its command line; undefined for other servers. */
export function ferretDbMetricsUrl(pid) {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const addr = args.find((arg) => arg.startsWith('--debug-addr='))?.slice('--debug-addr='.length);
    return addr ? `http://${addr}/debug/metrics` : undefined;
  } catch {
    return undefined;
  }
}

/** Requests served so far by command (`find`, `update`, `insert`, ...); empty when unreadable. */
export async function databaseCommandCounts(metricsUrl) {
  if (!metricsUrl) return {};
  try {
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) });
    const text = await response.text();
    const counts = {};
    for (const match of text.matchAll(
      /^ferretdb_client_requests_total\{[^}]*command="([^"]+)"[^}]*\}\s+(\d+(?:\.\d+)?(?:e[+-]?\d+)?)$/gm,
    )) {
      counts[match[1]] = (counts[match[1]] ?? 0) + Number(match[2]);
    }
    return counts;
  } catch {
    return {};
  }
}

/** Commands per unit of work between two readings, busiest first, leaving out those under 0.05 per unit. */
export function commandsPer(before, after, units) {
  const per = Object.entries(after)
    .map(([command, n]) => [
      command,
      Math.round(((n - (before[command] ?? 0)) / Math.max(1, units)) * 10) / 10,
    ])
    .filter(([, n]) => n >= 0.05)
    .sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(per);
}
