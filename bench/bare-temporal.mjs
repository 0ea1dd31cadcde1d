// B4's same-run reference, "bare Temporal": recipeWorkflow started as the session service starts
// it (RunControl: the same options, search attributes and memo) on a task queue of its own, run by
// bare-temporal-worker.mjs (the product worker's options, activities that only return a product
// run's payloads). What this machine's Temporal dev server does with the product's workflow shape
// when nothing else is in the way.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PROFILE, ProfileSchema } from '@ai-chef/contracts';
import { RunControl, newSessionId } from '@ai-chef/session';
import { startProcess, waitFor } from '../scripts/infra/servers.mjs';
import { ROOT } from '../scripts/infra/paths.mjs';

const WORKER = fileURLToPath(new URL('./bare-temporal-worker.mjs', import.meta.url));
const TASK_QUEUE = 'ai-chef-bare-temporal';

/** Whether a worker polls `taskQueue` for workflow tasks. */
async function polled(client, taskQueue) {
  const { pollers } = await client.workflowService.describeTaskQueue({
    namespace: 'default',
    taskQueue: { name: taskQueue },
    taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
  });
  return (pollers?.length ?? 0) > 0;
}

/**
 * Starts the reference worker with `payloads` (activityResults() of a product run) and returns
 * `runOnce(profile)` in the shape run-driver's runs have, its `pid`, and `stop()`.
 */
export async function startBareTemporal(stack, payloads) {
  const payloadsFile = join(stack.dir, 'bare-temporal-payloads.json');
  writeFileSync(payloadsFile, JSON.stringify(payloads));
  const logFile = join(stack.logs, 'bare-temporal-worker.log');
  const worker = startProcess('bare-temporal-worker', process.execPath, [WORKER], {
    env: {
      PATH: process.env.PATH ?? '',
      TEMPORAL_ADDRESS: stack.temporalAddress,
      BARE_TASK_QUEUE: TASK_QUEUE,
      BARE_PAYLOADS_FILE: payloadsFile,
    },
    logFile,
    cwd: ROOT,
  });
  let runs;
  try {
    runs = await RunControl.connect({
      connection: { address: stack.temporalAddress },
      namespace: 'default',
      taskQueue: TASK_QUEUE,
    });
    await waitFor(
      async () => {
        if (worker.exited) throw new Error(`the bare-Temporal worker exited; see ${logFile}`);
        return polled(stack.temporalClient, TASK_QUEUE);
      },
      { what: 'the bare-Temporal worker', timeoutMs: 60_000 },
    );
  } catch (err) {
    // The worker is a process of its own: it must not outlive a reference that could not start.
    await runs?.close();
    await worker.stop();
    throw err;
  }
  return {
    pid: worker.child.pid,
    /** One run from start to its end, as runOnce reports it (the end is when its result arrived). */
    async runOnce(profile) {
      const sessionId = newSessionId();
      const sentAt = Date.now();
      const { runId } = await runs.start(sessionId, ProfileSchema.parse({ ...DEFAULT_PROFILE, ...profile }));
      let status = 'completed';
      let error;
      try {
        await stack.temporalClient.workflow.getHandle(sessionId, runId).result();
      } catch (err) {
        status = 'failed';
        error = err instanceof Error ? err.message : String(err);
      }
      const endedAt = Date.now();
      return { sessionId, runId, status, error, sentAt, endedAt, endToEndMs: endedAt - sentAt };
    },
    async stop() {
      await runs.close();
      await worker.stop(30_000);
    },
  };
}
