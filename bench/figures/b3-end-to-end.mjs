// B3: one run at a time, start → completed, with zero-latency fakes; the reference is the sum of the
// three activities' own times from each run's workflow history, so overhead = end to end − activities.
import { RUN_PROFILES, runOnce, runTimeline } from '../run-driver.mjs';
import { ms, summarize } from '../latency-stats.mjs';

export const figure = {
  id: 'B3',
  title: 'end-to-end run, zero-latency fakes',
  needs: 'stack',
  async run({ stack, quick, log }) {
    const count = quick ? 30 : 200;
    const warmup = quick ? 5 : 10;
    stack.fakes.model.configure({ latencyMs: 0 });
    stack.fakes.shop.configure({ latencyMs: 0 });
    log(`B3: ${warmup} warm-up runs, then ${count} runs one at a time`);
    for (let i = 0; i < warmup; i++) await runOnce(stack, RUN_PROFILES[i % RUN_PROFILES.length]);
    const rows = [];
    const failed = [];
    for (let i = 0; i < count; i++) {
      const run = await runOnce(stack, RUN_PROFILES[i % RUN_PROFILES.length]);
      if (run.status !== 'completed') {
        failed.push({ status: run.status, error: run.error });
        continue;
      }
      const timeline = await runTimeline(stack, run);
      rows.push({
        endToEndMs: run.endToEndMs,
        ...timeline,
        overheadMs: run.endToEndMs - timeline.activityMs,
      });
    }
    const pick = (key) => summarize(rows.map((row) => row[key]));
    const endToEnd = pick('endToEndMs');
    const activities = pick('activityMs');
    const overhead = pick('overheadMs');
    const byActivity = Object.fromEntries(
      ['generateRecipe', 'fetchPrices', 'combineResults'].map((name) => [
        name,
        summarize(rows.map((row) => row.byActivity[name] ?? 0)),
      ]),
    );
    return {
      value: `p50 ${ms(endToEnd.p50)} ms, p95 ${ms(endToEnd.p95)} ms, p99 ${ms(endToEnd.p99)} ms (${rows.length} runs${failed.length ? `, ${failed.length} failed` : ''})`,
      reference: `activities p50 ${ms(activities.p50)} ms, p99 ${ms(activities.p99)} ms`,
      ratio: `overhead p50 ${ms(overhead.p50)} ms (goal ≤ 150), p99 ${ms(overhead.p99)} ms (goal ≤ 400)`,
      met: failed.length === 0 && overhead.p50 <= 150 && overhead.p99 <= 400,
      data: {
        runs: rows.length,
        failed,
        endToEndMs: endToEnd,
        activityMs: activities,
        overheadMs: overhead,
        byActivityMs: byActivity,
        // Parts of the overhead: accept = send of POST /process → workflow started; queue = activities
        // waiting for the worker; workflow tasks = the workflow's own decisions between activities.
        acceptMs: pick('acceptMs'),
        activityQueueMs: pick('activityQueueMs'),
        workflowTaskMs: pick('workflowTaskMs'),
        workflowTasks: pick('workflowTasks'),
        resultToWorkflowClosedMs: pick('afterResultMs'),
      },
    };
  },
};
