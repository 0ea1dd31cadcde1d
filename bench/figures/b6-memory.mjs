// B6: resident memory (VmRSS) of the worker, the gateway and the session service when the stack had
// just started, and after 1,000 completed runs (those of B3 and B4 count; the rest run here, 20 in
// flight, zero-latency fakes). Bounded in time too: on a slow machine it stops at the cap and says
// how many runs it reached, without judging the goal.
import { keepRunsInFlight } from '../run-driver.mjs';
import { rssMegabytes } from '../process-usage.mjs';
import { round, signed } from '../latency-stats.mjs';

export const figure = {
  id: 'B6',
  title: 'memory (RSS) after 1,000 runs',
  needs: 'stack',
  async run({ stack, quick, log }) {
    const target = quick ? 200 : 1000;
    // On FerretDB every run slows as sessions pile up (README, Performance): 600 s reaches 1,000 on 2 cores.
    const capSeconds = quick ? 90 : 600;
    if (stack.rssAtStart.worker === undefined) throw new Error('no /proc: RSS cannot be read on this system');
    const missing = Math.max(0, target - stack.completedRuns);
    if (missing > 0) {
      log(`B6: ${stack.completedRuns} runs so far; ${missing} more, 20 in flight (at most ${capSeconds} s)`);
      stack.fakes.model.configure({ latencyMs: 0 });
      stack.fakes.shop.configure({ latencyMs: 0 });
      const deadline = Date.now() + capSeconds * 1000;
      const runs = await keepRunsInFlight(stack, {
        inFlight: 20,
        until: () => stack.completedRuns >= target || Date.now() >= deadline,
      });
      const bad = runs.filter((run) => run.status !== 'completed');
      if (bad.length > 0)
        log(`B6: ${bad.length} runs did not complete (${bad[0].status}: ${JSON.stringify(bad[0].error)})`);
    }
    const after = Object.fromEntries(
      Object.entries(stack.pids).map(([name, pid]) => [name, rssMegabytes(pid)]),
    );
    const growth = Object.fromEntries(
      Object.keys(after).map((name) => [name, round(after[name] - stack.rssAtStart[name], 1)]),
    );
    const reached = stack.completedRuns >= target;
    return {
      value: `${reached ? '' : `time cap (${capSeconds} s) reached; `}after ${stack.completedRuns} runs: ${['worker', 'gateway', 'session'].map((name) => `${name} ${after[name]} MB`).join(', ')}`,
      reference: `at start: ${['worker', 'gateway', 'session'].map((name) => `${name} ${stack.rssAtStart[name]} MB`).join(', ')}`,
      ratio: `worker ${signed(growth.worker)} MB (goal ≤ +150); gateway ${signed(growth.gateway)}, session ${signed(growth.session)}`,
      met: reached ? growth.worker <= 150 : undefined,
      data: {
        runs: stack.completedRuns,
        target,
        capSeconds,
        rssAtStartMb: stack.rssAtStart,
        rssAfterMb: after,
        growthMb: growth,
      },
    };
  },
};
