import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { ProfileInput, SessionStatusView } from '@ai-chef/contracts';
import { startStack, type TestStack } from '../support/stack.js';
import { call, eventually } from '../support/http.js';
import { NO_KETO_POSSIBLE, buildProfile } from '../support/factories.js';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';

// `npm run record:histories`: records test/histories/ from real runs of the current code, one per
// target plus a failed and a cancelled run. Commit the files; CI replays them forever after.

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

async function record(target: TestStack, name: string, profile: ProfileInput, cancelAfterMs?: number): Promise<void> {
  const { body: session } = await call<{ sessionId: string }>(target.gatewayUrl, 'POST', '/session/start');
  const id = session.sessionId;
  const accepted = await call(target.gatewayUrl, 'POST', `/session/${id}/process`, { profile });
  expect(accepted.status).toBe(202);
  if (cancelAfterMs !== undefined) {
    await new Promise((resolve) => setTimeout(resolve, cancelAfterMs));
    expect((await call(target.gatewayUrl, 'POST', `/session/${id}/cancel`)).status).toBe(202);
  }
  const final = await eventually(async () => {
    const { body } = await call<SessionStatusView>(target.gatewayUrl, 'GET', `/session/${id}/status`);
    return body.status === 'processing' ? undefined : body;
  });
  // The workflow closes just after it reports; wait for the history to be complete.
  await eventually(async () => {
    const description = await client.workflow.getHandle(id).describe();
    return description.status.name === 'RUNNING' ? undefined : true;
  });
  const history = await client.workflow.getHandle(id).fetchHistory();
  writeFileSync(`${dir}${version}-${name}.json`, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
  console.log(`${version}-${name}: ${final.status} (${history.events?.length ?? 0} events)`);
}

it('records one history per target, a failed run and a cancelled run', async () => {
  await record(stack, 'keto-completed', buildProfile({ target: 'keto' }));
  await record(stack, 'baby_food-completed', buildProfile({ target: 'baby_food', babyAgeMonths: 7 }));
  await record(stack, 'diabetes-completed', buildProfile({ target: 'diabetes' }));
  await record(stack, 'diet-completed', buildProfile({ target: 'diet' }));
  await record(stack, 'fridge-completed', buildProfile({ target: 'fridge', fridgeIngredients: ['두부', '김치', '대파', '달걀'] }));
  await record(stack, 'general-completed', buildProfile({ target: 'general' }));
  await record(stack, 'recipe-failed', buildProfile({ target: 'keto', allergies: NO_KETO_POSSIBLE }));
  await record(slowModel, 'cancelled', buildProfile({ target: 'keto' }), 1500);
});
