// `npm run bench`: measures the figures of issues 7 and 17 (throughput, latency, memory, data growth), each beside a
// reference measured in the same run, prints a table and writes bench/results/<date>.json.
// Like `npm start`, it needs nothing but Node on a fresh clone: it installs the npm packages and
// the servers first, then builds, and only then loads the modules that import the built packages.
import os from 'node:os';
import { ROOT } from '../scripts/infra/paths.mjs';
import { ensureInfrastructure, ensureNodeModules } from '../scripts/infra/install.mjs';
import { run } from '../scripts/infra/run-command.mjs';
import { parseBenchOptions } from './bench-options.mjs';

const FIGURE_MODULES = {
  B1: './figures/b1-session-start.mjs',
  B2: './figures/b2-events.mjs',
  B3: './figures/b3-end-to-end.mjs',
  B4: './figures/b4-throughput.mjs',
  B5: './figures/b5-realistic-latency.mjs',
  B6: './figures/b6-memory.mjs',
  B7: './figures/b7-engine-solver.mjs',
  B8: './figures/b8-data-growth.mjs',
  B9: './figures/b9-meal-plan.mjs',
};
// B7 runs first, on a quiet machine; B8 next, as it needs the fresh database (and leaves 10,000
// sessions and 1,000 results, so the figures after it run on a database that has data). B4 and
// B6 count the runs of B3 and B5; B1 and B2, which leave thousands of sessions and visitor
// sessions, come last. B9 (meal plans) follows B5, before the load of B4 and B6.
const ORDER = ['B7', 'B8', 'B3', 'B5', 'B9', 'B4', 'B6', 'B1', 'B2'];

const began = Date.now();
const log = (message) => console.log(`[bench ${((Date.now() - began) / 1000).toFixed(1)}s] ${message}`);

let stack;
let stopping = false;
async function stopStack(keep) {
  if (stopping || !stack) return;
  stopping = true;
  log('stopping the stack');
  await stack.stop({ keep });
  if (keep) log(`kept ${stack.dir} (logs${stack.cpuProf ? ', CPU profiles in profiles/' : ''})`);
}

async function main() {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options.help) {
    console.log(options.help);
    return;
  }
  const startedAt = new Date();
  await ensureNodeModules();
  if (options.build) {
    log('building (npm run build)');
    await run('npm', ['run', 'build', '--silent'], { cwd: ROOT });
  }
  const { machineInfo } = await import('./machine-info.mjs');
  const { startBenchStack } = await import('./bench-stack.mjs');
  const { formatMarkdown, formatTable, writeResults } = await import('./results-report.mjs');
  const figures = [];
  for (const id of ORDER.filter((id) => options.only.includes(id)))
    figures.push((await import(FIGURE_MODULES[id])).figure);

  const ownStack = options.url === undefined && figures.some((figure) => figure.needs !== 'none');
  const infra = ownStack ? await ensureInfrastructure() : undefined;
  const loadAtStart = os.loadavg();
  const rows = [];
  const results = {};
  for (const figure of figures) {
    const row = { id: figure.id, title: figure.title };
    if (figure.needs === 'stack' && options.url !== undefined) {
      Object.assign(row, {
        value: 'skipped with --url',
        reference: '—',
        ratio: "needs the bench's own stack: fakes, worker, process control",
        met: undefined,
      });
      rows.push(row);
      continue;
    }
    if (figure.needs !== 'none' && ownStack && !stack) {
      stack = await startBenchStack({ infra, cpuProf: options.cpuProf, log });
      stack.cpuProf = options.cpuProf;
      log(
        `stack up: gateway ${stack.gatewayUrl}, Temporal ${stack.temporalAddress}, database ${stack.mongoUrl}`,
      );
    }
    const crashed = stack?.crashed() ?? [];
    if (figure.needs !== 'none' && crashed.length > 0) {
      Object.assign(row, {
        value: `not run: ${crashed.join(', ')} exited`,
        reference: '—',
        ratio: `see ${stack.logs}`,
        met: false,
      });
      rows.push(row);
      continue;
    }
    const context = {
      quick: options.quick,
      log,
      stack,
      gatewayUrl: stack?.gatewayUrl ?? options.url,
      mongoUrl: stack?.mongoUrl ?? options.mongoUrl,
    };
    const t = Date.now();
    try {
      const { data, ...shown } = await figure.run(context);
      Object.assign(row, shown);
      results[figure.id] = { ...row, seconds: Math.round((Date.now() - t) / 100) / 10, data };
    } catch (err) {
      Object.assign(row, { value: `error: ${err.message}`, reference: '—', ratio: '—', met: false });
      results[figure.id] = { ...row, error: err.stack };
    }
    rows.push(row);
    log(
      `${row.id}: ${row.value} | ${row.reference} | ${row.ratio} | ${row.met === undefined ? '—' : row.met ? 'met' : 'NOT met'}`,
    );
  }
  const stackInfo = stack && {
    temporalAddress: stack.temporalAddress,
    database: infra.database.kind,
    logs: options.keep ? stack.logs : undefined,
    completedRuns: stack.completedRuns,
    modelFakeCalls: stack.fakes.model.calls,
    shopFakeCalls: stack.fakes.shop.calls,
  };
  await stopStack(options.keep);

  const order = (row) => Number(row.id.slice(1));
  rows.sort((a, b) => order(a) - order(b));
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - began) / 1000),
    command: `npm run bench --${process.argv
      .slice(2)
      .map((arg) => ` ${arg}`)
      .join('')}`,
    quick: options.quick,
    target: options.url ?? 'own stack',
    machine: await machineInfo(infra),
    loadAverage: { start: loadAtStart, end: os.loadavg() },
    stack: stackInfo,
    figures: results,
    table: formatMarkdown(rows),
  };
  const file = writeResults(report, startedAt);
  console.log(`\n${formatTable(rows)}\n`);
  console.log(
    `${report.machine.cores} cores, ${report.machine.os}, node ${report.machine.versions.node}; load average ${loadAtStart.map((x) => x.toFixed(2)).join(' ')} → ${report.loadAverage.end.map((x) => x.toFixed(2)).join(' ')}`,
  );
  log(`wrote ${file}`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    void stopStack(false).finally(() => process.exit(130));
  });
}

main()
  .then(() => process.exit(0))
  .catch(async (err) => {
    console.error(`[bench] ${err.stack ?? err.message}`);
    await stopStack(true).catch(() => undefined);
    process.exit(1);
  });
