import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { planDayWorkflowId, type ProfileInput, type SessionStatusView } from '@ai-chef/contracts';
import { startStack, type TestStack } from '../support/stack.js';
import { call, eventually } from '../support/http.js';
import { NO_KETO_POSSIBLE, buildProfile } from '../support/factories.js';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';

// `npm run record:histories -- --testPathPatterns record-plan`: records meal plan histories from real runs
// of the current code: a completed plan and one of its days, a cancelled plan and a failed one. Commit
// them; `npm test` replays them (test/integration/replay-histories.test.ts).

const dir = fileURLToPath(new URL('../histories/', import.meta.url));
/** Name the files after the workflow version they come from: HISTORY_VERSION=v3 npm run record:histories. */
const version = process.env.HISTORY_VERSION ?? 'v2';
let stack: TestStack;
let slowModel: TestStack;
let fake: AnthropicFake;
let client: Client;

beforeAll(async () => {
  stack = await startStack();
  fake = await startAnthropicFake({ behaviour: () => ({ kind: 'delay', ms: 60_000, then: { kind: 'recipe' } }) });
  slowModel = await startStack({ ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.url });
  client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
});
afterAll(async () => {
  await client?.connection.close();
  await slowModel?.stop();
  await stack?.stop();
  await fake?.close();
});

async function save(name: string, workflowId: string, runId?: string): Promise<void> {
  // The workflow closes just after it reports; wait for the history to be complete.
  await eventually(async () => {
    const description = await client.workflow.getHandle(workflowId, runId).describe();
    return description.status.name === 'RUNNING' ? undefined : true;
  });
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  writeFileSync(`${dir}${version}-${name}.json`, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
  console.log(`${version}-${name}: ${history.events?.length ?? 0} events`);
}

async function record(
  target: TestStack,
  name: string,
  body: { profile: ProfileInput; days: number; mealsPerDay: number },
  cancelWhenWriting = false,
): Promise<{ sessionId: string; runId: string }> {
  const { body: session } = await call<{ sessionId: string }>(target.gatewayUrl, 'POST', '/session/start');
  const id = session.sessionId;
  const accepted = await call<{ runId: string }>(target.gatewayUrl, 'POST', `/session/${id}/plan`, body);
  expect(accepted.status).toBe(202);
  if (cancelWhenWriting) {
    await eventually(async () => (fake.messageCount >= body.days * body.mealsPerDay ? true : undefined), { what: 'every meal asked of the model' });
    expect((await call(target.gatewayUrl, 'POST', `/session/${id}/cancel`)).status).toBe(202);
  }
  const final = await eventually(async () => {
    const { body: status } = await call<SessionStatusView>(target.gatewayUrl, 'GET', `/session/${id}/status`);
    return status.status === 'processing' ? undefined : status;
  });
  console.log(`${name}: ${final.status}`);
  await save(name, id, accepted.body.runId);
  return { sessionId: id, runId: accepted.body.runId };
}

it('records a completed plan and one of its days, a cancelled plan and a failed plan', async () => {
  const done = await record(stack, 'plan-completed', { profile: buildProfile({ target: 'keto', cookingLevel: 'advanced' }), days: 2, mealsPerDay: 2 });
  await save('plan-day-completed', planDayWorkflowId(done.sessionId, done.runId, 1));
  await record(slowModel, 'plan-cancelled', { profile: buildProfile({ target: 'diet' }), days: 2, mealsPerDay: 1 }, true);
  await record(stack, 'plan-failed', { profile: buildProfile({ target: 'keto', allergies: NO_KETO_POSSIBLE }), days: 3, mealsPerDay: 2 });
});
