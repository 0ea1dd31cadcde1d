// Percentiles of measured samples (nearest rank: the value below which p % of the samples lie).

/** The p-th percentile (0–100) of `samples`, nearest rank; NaN for no samples. */
export function percentile(samples, p) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** p50, p95, p99, mean, min, max and count of `samples`, in their unit. */
export function summarize(samples) {
  const n = samples.length;
  const mean = n === 0 ? Number.NaN : samples.reduce((sum, x) => sum + x, 0) / n;
  return {
    count: n,
    mean: round(mean),
    min: round(n === 0 ? Number.NaN : Math.min(...samples)),
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
    max: round(n === 0 ? Number.NaN : Math.max(...samples)),
  };
}

/** Three decimals: sub-millisecond figures stay readable, the JSON stays small. */
export function round(x, digits = 3) {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A duration for people: whole ms from 100 up, one decimal from 10, two below. */
export function ms(x) {
  if (!Number.isFinite(x)) return String(x);
  return x >= 100 ? String(Math.round(x)) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** A change with its sign: +12.5 or −3.1. */
export function signed(x) {
  return x < 0 ? `−${Math.abs(x)}` : `+${x}`;
}
