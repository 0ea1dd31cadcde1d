// B4: 20 runs in flight for a fixed window with zero-latency fakes: completed runs per second, and
// every run accounted for (completed, failed, or lost: accepted but not finished in time).
import os from 'node:os';
import { RUN_PROFILES, keepRunsInFlight, runOnce } from '../run-driver.mjs';
import { cpuSnapshot } from '../process-usage.mjs';
import { commandsPer, databaseCommandCounts } from '../database-commands.mjs';
import { round, summarize } from '../latency-stats.mjs';

const IN_FLIGHT = 20;

export const figure = {
  id: 'B4',
  title: 'throughput, 20 runs in flight, zero-latency fakes',
  needs: 'stack',
  async run({ stack, quick, log }) {
    const seconds = quick ? 15 : 60;
    stack.fakes.model.configure({ latencyMs: 0 });
    stack.fakes.shop.configure({ latencyMs: 0 });
    // One run per profile first: the worker's price cache then holds every ingredient, as in a
    // warmed-up service. Cold, the lookups would queue behind NAVER_CALLS_PER_SECOND (10/s).
    log(`B4: warm-up (one run per profile), then ${IN_FLIGHT} runs in flight for ${seconds} s`);
    await Promise.all(RUN_PROFILES.map((profile) => runOnce(stack, profile)));
    const cpuBefore = cpuSnapshot(stack.allPids);
    const commandsBefore = await databaseCommandCounts(stack.databaseMetricsUrl);
    const started = Date.now();
    const deadline = started + seconds * 1000;
    const runs = await keepRunsInFlight(stack, { inFlight: IN_FLIGHT, until: () => Date.now() >= deadline });
    const drained = Date.now();
    const cpuAfter = cpuSnapshot(stack.allPids);
    const commandsAfter = await databaseCommandCounts(stack.databaseMetricsUrl);
    const completed = runs.filter((run) => run.status === 'completed');
    const inWindow = completed.filter((run) => run.endedAt <= deadline).length;
    const failed = runs.filter(
      (run) => run.status === 'failed' || run.status === 'cancelled' || run.status === 'error',
    );
    const lost = runs.filter((run) => run.status === 'processing' || run.status === 'idle');
    const perSecond = round(inWindow / seconds, 1);
    // Where the CPU went: milliseconds of CPU per completed run, per process. Their sum against the
    // cores' capacity bounds the throughput whatever the concurrency.
    const cpuMsPerRun = Object.fromEntries(
      Object.keys(cpuAfter).map((name) => [
        name,
        round(((cpuAfter[name] - cpuBefore[name]) * 1000) / Math.max(1, completed.length), 1),
      ]),
    );
    const cpuMsTotal = round(
      Object.values(cpuMsPerRun).reduce((sum, ms) => sum + ms, 0),
      1,
    );
    return {
      value: `${perSecond} runs/s (${inWindow} completed in ${seconds} s; ${runs.length} started, ${failed.length} failed, ${lost.length} lost)`,
      reference: `CPU ${cpuMsTotal} ms per run, all processes: at most ${round((os.cpus().length * 1000) / cpuMsTotal, 1)} runs/s on ${os.cpus().length} cores`,
      ratio: 'goal ≥ 20 runs/s, none lost',
      met: perSecond >= 20 && failed.length === 0 && lost.length === 0,
      data: {
        seconds,
        inFlight: IN_FLIGHT,
        runsPerSecond: perSecond,
        completedInWindow: inWindow,
        started: runs.length,
        completed: completed.length,
        failed: failed.map((run) => ({ status: run.status, error: run.error })),
        lost: lost.length,
        drainSeconds: round((drained - deadline) / 1000),
        endToEndMs: summarize(completed.map((run) => run.endToEndMs)),
        cpuMsPerRun,
        cpuMsPerRunTotal: cpuMsTotal,
        // Database commands per completed run (FerretDB's counters; the bench's own status reads included).
        databaseCommandsPerRun: commandsPer(commandsBefore, commandsAfter, completed.length),
        cpuBoundRunsPerSecond: round((os.cpus().length * 1000) / cpuMsTotal, 1),
      },
    };
  },
};
