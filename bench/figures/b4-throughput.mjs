// B4: 20 runs in flight for a fixed window with zero-latency fakes: completed runs per second, and
// every run accounted for (completed, failed, or lost: accepted but not finished in time). The
// reference, in the same run: the same workflow on bare Temporal (bare-temporal.mjs), 20 in flight
// for the same window.
import os from 'node:os';
import { RUN_PROFILES, activityResults, keepRunsInFlight, runOnce } from '../run-driver.mjs';
import { startBareTemporal } from '../bare-temporal.mjs';
import { cpuSnapshot } from '../process-usage.mjs';
import { commandsPer, databaseCommandCounts } from '../database-commands.mjs';
import { round, summarize } from '../latency-stats.mjs';

const IN_FLIGHT = 20;

/** Runs per second completed within the window, what failed or was lost, and CPU ms per run by process. */
async function measure(stack, { seconds, pids, runOne }) {
  const cpuBefore = cpuSnapshot(pids);
  const started = Date.now();
  const deadline = started + seconds * 1000;
  const runs = await keepRunsInFlight(stack, {
    inFlight: IN_FLIGHT,
    until: () => Date.now() >= deadline,
    runOne,
  });
  const drained = Date.now();
  const cpuAfter = cpuSnapshot(pids);
  const completed = runs.filter((run) => run.status === 'completed');
  const failed = runs.filter(
    (run) => run.status === 'failed' || run.status === 'cancelled' || run.status === 'error',
  );
  const lost = runs.filter((run) => run.status === 'processing' || run.status === 'idle');
  // Where the CPU went: milliseconds of CPU per completed run, per process. Their sum against the
  // cores' capacity bounds the throughput whatever the concurrency.
  const cpuMsPerRun = Object.fromEntries(
    Object.keys(cpuAfter).map((name) => [
      name,
      round(((cpuAfter[name] - cpuBefore[name]) * 1000) / Math.max(1, completed.length), 1),
    ]),
  );
  const cpuMsPerRunTotal = round(
    Object.values(cpuMsPerRun).reduce((sum, ms) => sum + ms, 0),
    1,
  );
  return {
    seconds,
    runsPerSecond: round(completed.filter((run) => run.endedAt <= deadline).length / seconds, 1),
    completedInWindow: completed.filter((run) => run.endedAt <= deadline).length,
    started: runs.length,
    completed: completed.length,
    failed: failed.map((run) => ({ status: run.status, error: run.error })),
    lost: lost.length,
    drainSeconds: round((drained - deadline) / 1000),
    endToEndMs: summarize(completed.map((run) => run.endToEndMs)),
    cpuMsPerRun,
    cpuMsPerRunTotal,
    cpuBoundRunsPerSecond: round((os.cpus().length * 1000) / cpuMsPerRunTotal, 1),
  };
}

export const figure = {
  id: 'B4',
  title: 'throughput, 20 runs in flight, zero-latency fakes, beside bare Temporal',
  needs: 'stack',
  async run({ stack, quick, log }) {
    const seconds = quick ? 15 : 60;
    stack.fakes.model.configure({ latencyMs: 0 });
    stack.fakes.shop.configure({ latencyMs: 0 });
    // One run per profile first: the worker's price cache then holds every ingredient, as in a
    // warmed-up service. Cold, the lookups would queue behind NAVER_CALLS_PER_SECOND (10/s).
    log(`B4: warm-up (one run per profile), then ${IN_FLIGHT} runs in flight for ${seconds} s`);
    const warmup = await Promise.all(RUN_PROFILES.map((profile) => runOnce(stack, profile)));
    const commandsBefore = await databaseCommandCounts(stack.databaseMetricsUrl);
    const product = await measure(stack, { seconds, pids: stack.allPids });
    const commandsAfter = await databaseCommandCounts(stack.databaseMetricsUrl);
    // Database commands per completed run (FerretDB's counters; the bench's own status reads included).
    product.databaseCommandsPerRun = commandsPer(commandsBefore, commandsAfter, product.completed);

    const payloadsFrom = warmup.find((run) => run.status === 'completed');
    if (!payloadsFrom)
      throw new Error('no warm-up run completed: nothing to take the reference payloads from');
    log(`B4: the reference, the same workflow on bare Temporal, ${IN_FLIGHT} in flight for ${seconds} s`);
    const bare = await startBareTemporal(stack, await activityResults(stack, payloadsFrom));
    let reference;
    try {
      await Promise.all(RUN_PROFILES.map((profile) => bare.runOnce(profile)));
      reference = await measure(stack, {
        seconds,
        pids: {
          'bare-temporal-worker': bare.pid,
          temporal: stack.allPids.temporal,
          bench: stack.allPids.bench,
        },
        runOne: (profile) => bare.runOnce(profile),
      });
    } finally {
      await bare.stop();
    }

    const ratio = round(product.runsPerSecond / reference.runsPerSecond, 2);
    const lostOrFailed = product.failed.length + product.lost;
    const cpu = product.cpuMsPerRun;
    return {
      value: `${product.runsPerSecond} runs/s (${product.completedInWindow} completed in ${seconds} s; ${product.started} started, ${product.failed.length} failed, ${product.lost} lost); CPU ${product.cpuMsPerRunTotal} ms per run (database ${round((cpu.ferretdb ?? cpu.database ?? 0) + (cpu.postgres ?? 0), 1)})`,
      reference: `bare Temporal ${reference.runsPerSecond} runs/s (CPU ${reference.cpuMsPerRunTotal} ms per run)`,
      ratio: `${ratio} × bare (goal ≥ 0.5), none lost`,
      met: ratio >= 0.5 && lostOrFailed === 0,
      data: {
        inFlight: IN_FLIGHT,
        ...product,
        ratioToBare: ratio,
        bareTemporal: reference,
      },
    };
  },
};
