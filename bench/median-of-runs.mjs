// `npm run bench:median [-- <result.json> ...]`: the medians of several full bench runs (default: the
// three newest runs in bench/results/ that measured every figure), one row per figure's key numbers, each run's value beside
// the median, and whether the median meets the goal. Ratios are taken within each run first.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/infra/paths.mjs';

const RESULTS = join(ROOT, 'bench', 'results');

/** The numbers read from each figure's data, with the goal each must meet (if any). */
const METRICS = {
  B1: [
    ['requests/s', (d) => d.http.requestsPerSecond],
    ['p50 ms', (d) => d.http.latencyMs.p50],
    ['p99 ms', (d) => d.http.latencyMs.p99, (v) => v <= 50, '≤ 50'],
    ['raw insertOne docs/s', (d) => d.raw.docsPerSecond],
    ['raw insertOne p99 ms', (d) => d.raw.latencyMs.p99],
    ['× raw', (d) => d.ratio, (v) => v >= 0.4, '≥ 0.4'],
  ],
  B2: [
    ['batched events/s', (d) => d.batchedEventsPerSecond],
    ['batched p99 ms per 100', (d) => d.batched.latencyMs.p99],
    ['single events/s', (d) => d.singleEventsPerSecond],
    ['raw insertOne docs/s', (d) => d.rawInsertOne.docsPerSecond],
    ['batched × raw', (d) => d.ratio, (v) => v >= 0.5, '≥ 0.5'],
  ],
  B3: [
    ['end to end p50 ms', (d) => d.endToEndMs.p50],
    ['end to end p99 ms', (d) => d.endToEndMs.p99],
    ['activities p50 ms', (d) => d.activityMs.p50],
    ['overhead p50 ms', (d) => d.overheadMs.p50, (v) => v <= 150, '≤ 150'],
    ['overhead p99 ms', (d) => d.overheadMs.p99, (v) => v <= 400, '≤ 400'],
  ],
  B4: [
    ['runs/s', (d) => d.runsPerSecond],
    ['bare Temporal runs/s', (d) => d.bareTemporal.runsPerSecond],
    ['× bare Temporal', (d) => d.ratioToBare, (v) => v >= 0.5, '≥ 0.5'],
    ['lost', (d) => d.lost, (v) => v === 0, '0'],
    ['CPU ms per run, all processes', (d) => d.cpuMsPerRunTotal],
    ['CPU ms per run, FerretDB', (d) => d.cpuMsPerRun.ferretdb],
    ['CPU ms per run, PostgreSQL', (d) => d.cpuMsPerRun.postgres],
    ['CPU ms per run, worker', (d) => d.cpuMsPerRun.worker],
    ['CPU ms per run, session service', (d) => d.cpuMsPerRun.session],
    ['CPU ms per run, gateway', (d) => d.cpuMsPerRun.gateway],
    ['CPU ms per run, Temporal', (d) => d.cpuMsPerRun.temporal],
    [
      'CPU ms per run, bare Temporal (worker + server)',
      (d) => d.bareTemporal.cpuMsPerRun['bare-temporal-worker'] + d.bareTemporal.cpuMsPerRun.temporal,
    ],
    ['database commands per run', (d) => Object.values(d.databaseCommandsPerRun).reduce((a, b) => a + b, 0)],
  ],
  B5: [
    ['product p50 s', (d) => d.productMs.p50 / 1000],
    ['seed design p50 s', (d) => d.seedMs.p50 / 1000],
    ['ratio', (d) => d.ratio, (v) => v <= 0.5, '≤ 0.5'],
  ],
  B6: [
    ['runs (before the time cap)', (d) => d.runs, (v) => v >= 1000, '1,000'],
    ['worker growth MB', (d) => d.growthMb.worker, (v) => v <= 150, '≤ 150'],
    ['gateway growth MB', (d) => d.growthMb.gateway],
    ['session growth MB', (d) => d.growthMb.session],
  ],
  B8: [
    ['run p50 ms, fresh', (d) => d.before.runMs.p50],
    ['run p50 ms, after 10,000 sessions', (d) => d.after.runMs.p50],
    ['run after / fresh', (d) => d.runRatio, (v) => v <= 1.25, '≤ 1.25'],
    ['status p50 ms, fresh', (d) => d.before.statusMs.p50],
    ['status p50 ms, after 10,000 sessions', (d) => d.after.statusMs.p50],
    ['status after / fresh', (d) => d.statusRatio, (v) => v <= 1.25, '≤ 1.25'],
    [
      'table scans of sessions, results, price_cache meanwhile',
      (d) => Object.values(d.tableScansDuringAfter).reduce((sum, n) => sum + n.seq, 0),
    ],
  ],
  B7: [
    ['engine p50 ms', (d) => d.engineMs.p50],
    ['engine p99 ms', (d) => d.engineMs.p99, (v) => v <= 5, '≤ 5'],
    ['solver p50 ms', (d) => d.solverMs.p50],
    ['solver p99 ms', (d) => d.solverMs.p99, (v) => v <= 50, '≤ 50'],
    ['solver proven optimal %', (d) => (100 * d.solverProvenOptimal) / d.calls],
  ],
};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const show = (v) => (v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1));

function readRun(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return { file, report };
}

/** The newest runs that measured every figure (not --quick, not --only). */
function newestFullRuns(count) {
  return readdirSync(RESULTS)
    .filter((name) => /^\d{4}-.*Z\.json$/.test(name))
    .sort()
    .map((name) => join(RESULTS, name))
    .filter((file) => Object.keys(METRICS).every((id) => readRun(file).report.figures[id] !== undefined))
    .slice(-count);
}

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : newestFullRuns(3);
if (files.length === 0) {
  console.error('no bench results: run `npm run bench` first');
  process.exit(1);
}
const runs = files.map(readRun);
const header = ['id', 'number', ...runs.map((_, i) => `run ${i + 1}`), 'median', 'goal', 'met?'];
const rows = [];
for (const [id, metrics] of Object.entries(METRICS)) {
  for (const [label, read, meets, goal] of metrics) {
    const values = runs.map(({ report }) => {
      const data = report.figures[id]?.data;
      try {
        return data === undefined ? undefined : read(data);
      } catch {
        return undefined;
      }
    });
    const present = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
    if (present.length === 0) continue;
    const mid = median(present);
    rows.push([
      id,
      label,
      ...values.map(show),
      show(mid),
      goal ?? '',
      meets === undefined ? '' : meets(mid) ? 'yes' : 'NO',
    ]);
  }
}
console.log(
  `medians of ${runs.length} runs:\n${runs.map(({ file, report }, i) => `  run ${i + 1}: ${file} (load average ${report.loadAverage?.start?.[0] ?? '?'} at start)`).join('\n')}\n`,
);
console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
