import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { WORKFLOW_BUNDLE_PATH } from './workflow-bundle.js';
import { workflowSinks } from './worker-interceptors.js';

type History = temporal.api.history.v1.IHistory;

/** A history file as `temporal workflow show --output json` writes it (or as the SDK's historyToJSON). */
export async function historyFromFile(path: string): Promise<History> {
  return historyFromJSON(JSON.parse(await readFile(path, 'utf8')));
}

export async function historyFromServer(options: {
  connection: ConnectionOptions;
  namespace: string;
  workflowId: string;
  runId?: string;
}): Promise<History> {
  const connection = await Connection.connect(options.connection);
  try {
    const client = new Client({ connection, namespace: options.namespace });
    return await client.workflow.getHandle(options.workflowId, options.runId).fetchHistory();
  } finally {
    await connection.close();
  }
}

/**
 * Replays a history against the workflow bundle production workers run; throws the
 * DeterminismViolationError (or another replay error) on a mismatch.
 */
export async function replay(history: History, workflowId = 'replay'): Promise<void> {
  await Worker.runReplayHistory(
    // The bundle's tracing interceptor hands spans to a sink; a replay sends them nowhere.
    { workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH }, replayName: 'ai-chef-replay', sinks: workflowSinks(undefined) },
    history,
    workflowId,
  );
}

/**
 * The build ids the workers that ran this history reported on each workflow task. Without Worker
 * Versioning the SDK's default is `@temporalio/worker@<sdk version>+<sha256 of the workflow bundle>`,
 * so it names the exact bundle a run was executed by (docs/worker-versioning.md).
 */
export function buildIdsOf(history: History): string[] {
  const ids = new Set<string>();
  for (const event of history.events ?? []) {
    const id = event.workflowTaskCompletedEventAttributes?.workerVersion?.buildId;
    if (id) ids.add(id);
  }
  return [...ids];
}

/** The build id a worker running the bundle at WORKFLOW_BUNDLE_PATH reports, computed as the SDK does. */
export async function bundleBuildId(): Promise<string> {
  const { version } = createRequire(import.meta.url)('@temporalio/worker/package.json') as { version: string };
  const code = await readFile(WORKFLOW_BUNDLE_PATH);
  return `@temporalio/worker@${version}+${createHash('sha256').update(code).digest('hex')}`;
}
