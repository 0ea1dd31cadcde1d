import { readFile } from 'node:fs/promises';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { WORKFLOW_BUNDLE_PATH } from './workflow-bundle.js';

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
  await Worker.runReplayHistory({ workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH }, replayName: 'ai-chef-replay' }, history, workflowId);
}
