// A session always tells the truth about its run (docs/contract.md, Sessions and runs): the
// session service SIGKILLed mid-run and between claim and start, the gateway SIGKILLed with streams
// and `process` calls open, a run terminated, a finished run reset, a worker started with a changed
// workflow bundle. In each, every session ends in a true state within 60 s and can process again.
// The reconciler's schedule runs every 2 s here (RECONCILE_INTERVAL_SECONDS), so nothing waits long.
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { ResultDocument, SessionStatusView, SessionView } from '@ai-chef/contracts';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { buildProfile } from '../support/factories.js';
import { call, eventually } from '../support/http.js';
import {
  loadInfra,
  startProcessStack,
  type Infra,
  type ManagedProcess,
  type ProcessStack,
} from '../support/process-stack.js';
import { requiredEnv } from '../support/stack.js';
import { newSession, pause, resultOf, settled, startRun, statusOf, withDatabase } from './run-watch.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** docs/contract.md, Sessions and runs: a run closed without a report shows it within a minute of its close. */
const TRUTH_WITHIN_MS = 60_000;
/** A model that takes this long to write, so a run is still in its first step when the fault comes. */
const SLOW_MODEL_MS = 4_000;

let infra: Infra;
let anthropic: AnthropicFake;
let stack: ProcessStack;
let temporal: ManagedProcess & { address: string };
let client: Client;
let dir: string;
let temporalPort: number;

function startOwnTemporal(): Promise<ManagedProcess & { address: string }> {
  return infra.startTemporal({
    bin: requiredEnv('TEST_TEMPORAL_BIN'),
    port: temporalPort,
    dbFile: join(dir, 'temporal.db'),
    headless: true,
    logFile: join(dir, 'temporal.log'),
  });
}

beforeAll(async () => {
  infra = await loadInfra();
  dir = mkdtempSync(join(tmpdir(), 'ai-chef-run-truth-'));
  temporalPort = await infra.freePort();
  temporal = await startOwnTemporal();
  anthropic = await startAnthropicFake({
    apiKey: 'sk-ant-faults',
    behaviour: () => ({ kind: 'recipe', streamMs: SLOW_MODEL_MS }),
  });
  stack = await startProcessStack({
    temporalAddress: temporal.address,
    env: { RECONCILE_INTERVAL_SECONDS: '2' },
    workerEnv: { ANTHROPIC_API_KEY: anthropic.apiKey, ANTHROPIC_BASE_URL: anthropic.url },
  });
  client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
}, 180_000);

afterAll(async () => {
  await client?.connection.close();
  await stack?.stop();
  await anthropic?.close();
  await temporal?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Waits until the session has left `processing` and `ok` holds; fails after 60 s. Returns the view and the wait. */
async function truthOf(
  sessionId: string,
  ok: (view: SessionView) => boolean = () => true,
): Promise<{ view: SessionView; waitedMs: number }> {
  const since = Date.now();
  const view = await eventually(
    async () => {
      const reply = await call<SessionView>(stack.gatewayUrl, 'GET', `/session/${sessionId}`);
      return reply.status === 200 && reply.body.status !== 'processing' && ok(reply.body)
        ? reply.body
        : undefined;
    },
    { timeoutMs: TRUTH_WITHIN_MS, intervalMs: 200, what: `session ${sessionId} to tell the truth` },
  );
  return { view, waitedMs: Date.now() - since };
}

/** The session takes a new run at once, and that run completes with its result. */
async function processesAgain(sessionId: string): Promise<void> {
  const reply = await call<{ runId: string }>(stack.gatewayUrl, 'POST', `/session/${sessionId}/process`, {
    profile: buildProfile(),
  });
  expect([sessionId, reply.status]).toEqual([sessionId, 202]);
  const final = await settled(stack.gatewayUrl, sessionId, 120_000);
  expect([sessionId, final.status]).toEqual([sessionId, 'completed']);
  expect((await resultOf(stack.gatewayUrl, sessionId)).runId).toBe(reply.body.runId);
}

/** Waits until the run's recipe step is asking the model (the claim alone shows progress 10 already). */
async function inFirstStep(sessionId: string, modelCallsBefore: number): Promise<void> {
  await eventually(async () => (anthropic.messageCount > modelCallsBefore ? true : undefined), {
    what: 'the model to be asked',
    intervalMs: 20,
  });
  expect((await statusOf(stack.gatewayUrl, sessionId)).progress).toBe(10);
}

describe('the session service SIGKILLed', () => {
  it('when it dies mid-run and comes back, then the run completes and the session shows it', async () => {
    const sessionId = await newSession(stack.gatewayUrl);
    const modelCalls = anthropic.messageCount;
    const runId = await startRun(stack.gatewayUrl, sessionId, buildProfile());
    await inFirstStep(sessionId, modelCalls);
    await stack.kill('session');
    await pause(2_000);
    await stack.restart('session');
    const { view } = await truthOf(sessionId);
    expect(view).toMatchObject({ status: 'completed', progress: 100, runId });
    expect((await resultOf(stack.gatewayUrl, sessionId)).runId).toBe(runId);
    await processesAgain(sessionId);
  }, 240_000);

  it('when it dies between claiming a session and starting its workflow, then the session returns to its status before', async () => {
    const sessionId = await newSession(stack.gatewayUrl);
    // Temporal down: the claim is made, the start waits for Temporal; the service dies in between.
    await temporal.stop();
    const pending = call(stack.gatewayUrl, 'POST', `/session/${sessionId}/process`, {
      profile: buildProfile(),
    }).catch(() => undefined);
    const claimedAt = await eventually(
      () =>
        withDatabase(stack.mongoUrl, stack.mongoDb, async (db) => {
          const doc = await db
            .db(stack.mongoDb)
            .collection('sessions')
            .findOne({ _id: sessionId as never });
          return doc?.status === 'processing' && doc.runId === null ? Date.now() : undefined;
        }),
      { intervalMs: 20, what: 'the claim' },
    );
    await stack.kill('session');
    await pending;
    temporal = await startOwnTemporal();
    await stack.restart('session');
    // No workflow was started: the claim is undone (after its grace, while a start could still land).
    const { view } = await truthOf(sessionId);
    expect(view).toMatchObject({ status: 'idle', progress: 0 });
    expect(view.runId).toBeUndefined();
    expect(Date.now() - claimedAt).toBeLessThan(TRUTH_WITHIN_MS);
    await processesAgain(sessionId);
  }, 240_000);
});

describe('the gateway SIGKILLed', () => {
  it('when it dies with streams and process calls open, then every session ends true and processes again', async () => {
    const running = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const sessionId = await newSession(stack.gatewayUrl);
        await startRun(stack.gatewayUrl, sessionId, buildProfile());
        return sessionId;
      }),
    );
    const streams = running.map((id) =>
      fetch(`${stack.gatewayUrl}/session/${id}/stream`)
        .then((r) => r.text())
        .catch(() => 'cut'),
    );
    const idle = await Promise.all(Array.from({ length: 3 }, () => newSession(stack.gatewayUrl)));
    const calls = idle.map((id) =>
      call(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile: buildProfile() }).catch(
        () => undefined,
      ),
    );
    await pause(30);
    await stack.kill('gateway');
    await Promise.all([...streams, ...calls]);
    await stack.restart('gateway');

    for (const sessionId of [...running, ...idle]) {
      const { view } = await truthOf(sessionId);
      // A process call the gateway died in either started its run (which completed) or never claimed / was released.
      if (view.runId) {
        expect([sessionId, view.status]).toEqual([sessionId, 'completed']);
        expect((await resultOf(stack.gatewayUrl, sessionId)).runId).toBe(view.runId);
      } else {
        expect([sessionId, view.status]).toEqual([sessionId, 'idle']);
      }
    }
    for (const sessionId of [...running, ...idle]) await processesAgain(sessionId);
    expect(stack.unexpectedExits()).toEqual([]);
  }, 300_000);
});

describe('a run that closes outside its code', () => {
  it('when an operator terminates it, then the session shows failed run_terminated at its phase, and processes again', async () => {
    const sessionId = await newSession(stack.gatewayUrl);
    const modelCalls = anthropic.messageCount;
    const runId = await startRun(stack.gatewayUrl, sessionId, buildProfile());
    await inFirstStep(sessionId, modelCalls);
    await client.workflow.getHandle(sessionId, runId).terminate('fault test: an operator stops the run');
    const { view, waitedMs } = await truthOf(sessionId);
    expect(view).toMatchObject({
      status: 'failed',
      phase: 'recipe_generation',
      progress: 10,
      runId,
      error: { code: 'run_terminated' },
    });
    console.log(`terminated run: the session told it after ${waitedMs} ms`);
    await processesAgain(sessionId);
  }, 240_000);

  it('when an operator resets a finished run, then the session follows the new run: its id, progress and result', async () => {
    const sessionId = await newSession(stack.gatewayUrl);
    const firstRunId = await startRun(stack.gatewayUrl, sessionId, buildProfile());
    expect((await settled(stack.gatewayUrl, sessionId)).status).toBe('completed');
    await promisify(execFile)(requiredEnv('TEST_TEMPORAL_BIN'), [
      'workflow',
      'reset',
      '--address',
      temporal.address,
      '--workflow-id',
      sessionId,
      '--run-id',
      firstRunId,
      '--type',
      'FirstWorkflowTask',
      '--reason',
      'fault test: an operator runs it again',
    ]);
    const newRunId = (await client.workflow.getHandle(sessionId).describe()).runId;
    expect(newRunId).not.toBe(firstRunId);
    const { view } = await truthOf(sessionId, (seen) => seen.runId === newRunId);
    expect(view).toMatchObject({ status: 'completed', progress: 100, runId: newRunId });
    const result: ResultDocument = await resultOf(stack.gatewayUrl, sessionId);
    expect(result.runId).toBe(newRunId);
    await processesAgain(sessionId);
  }, 240_000);
});

/**
 * A copy of the built worker whose workflow bundle waits 1 ms before its first step: a command the
 * runs already in flight never recorded (a deploy without `patched()`).
 */
async function changedWorker(): Promise<string> {
  const workerDir = mkdtempSync(join(tmpdir(), 'ai-chef-changed-worker-'));
  const dist = join(workerDir, 'dist');
  mkdirSync(dist);
  for (const file of readdirSync(join(ROOT, 'services/worker/dist'))) {
    if (file.endsWith('.js')) copyFileSync(join(ROOT, 'services/worker/dist', file), join(dist, file));
  }
  writeFileSync(join(workerDir, 'package.json'), '{"type":"module"}');
  symlinkSync(join(ROOT, 'node_modules'), join(workerDir, 'node_modules'));
  const changed = join(workerDir, 'changed-workflows.js');
  writeFileSync(
    changed,
    [
      "import { sleep } from '@temporalio/workflow';",
      "import { recipeWorkflow as recipeWorkflowBefore } from '@ai-chef/workflows';",
      "export { reconcileSessionsWorkflow } from '@ai-chef/workflows';",
      'export async function recipeWorkflow(input) {',
      '  await sleep(1);',
      '  return recipeWorkflowBefore(input);',
      '}',
    ].join('\n'),
  );
  const { code } = await bundleWorkflowCode({ workflowsPath: changed });
  writeFileSync(join(dist, 'recipe-workflow.bundle.js'), code);
  return join(dist, 'main.js');
}

describe('a worker started with a changed workflow bundle', () => {
  it('when runs in flight no longer replay, then their sessions show failed run_failed, and process again', async () => {
    const entry = await changedWorker();
    const sessionId = await newSession(stack.gatewayUrl);
    const modelCalls = anthropic.messageCount;
    const runId = await startRun(stack.gatewayUrl, sessionId, buildProfile());
    await inFirstStep(sessionId, modelCalls);
    await stack.killWorker();
    await stack.startWorker({ entry });
    // The recipe step is retried on the new worker (its heartbeat timed out); the workflow task
    // after it replays the history against the changed code: a nondeterminism error fails the run.
    const { view } = await truthOf(sessionId);
    expect(view).toMatchObject({ status: 'failed', runId, error: { code: 'run_failed' } });
    const described = await client.workflow.getHandle(sessionId, runId).describe();
    expect(described.status.name).toBe('FAILED');
    // The changed worker runs new runs from their start: nothing of the old history to mismatch.
    await processesAgain(sessionId);
    await stack.killWorker();
    await stack.startWorker();
  }, 300_000);
});

describe('after every fault', () => {
  it('no session is left processing', async () => {
    const stuck = await withDatabase(stack.mongoUrl, stack.mongoDb, (db) =>
      db.db(stack.mongoDb).collection('sessions').countDocuments({ status: 'processing' }),
    );
    expect(stuck).toBe(0);
    const statuses = await call<SessionStatusView>(stack.gatewayUrl, 'GET', '/healthz');
    expect(statuses.status).toBe(200);
  });
});
