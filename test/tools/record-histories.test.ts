import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { ProfileInput, SessionStatusView } from '@ai-chef/contracts';
import { startStack, type TestStack } from '../support/stack.js';
import { call, eventually } from '../support/http.js';
import { NO_KETO_POSSIBLE, buildProfile } from '../support/factories.js';
import { goodRecipe, overloaded, startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { startNaverFake } from '../fakes/naver-fake.js';
import { startFaultyProxy, type FaultyProxy } from '../support/faulty-proxy.js';

// `npm run record:histories`: records test/histories/ from real runs of the current code, one per
// target plus a failed and a cancelled run, and the runs that go wrong in the middle: a price-step
// failure, a combine-step failure, a cancel during pricing, an activity retried. Commit the files;
// CI replays them forever after. `-t <name>` records only some of them.

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

async function record(
  target: TestStack,
  name: string,
  profile: ProfileInput,
  cancelAfterMs?: number | ((status: SessionStatusView) => boolean),
): Promise<void> {
  const { body: session } = await call<{ sessionId: string }>(target.gatewayUrl, 'POST', '/session/start');
  const id = session.sessionId;
  const accepted = await call(target.gatewayUrl, 'POST', `/session/${id}/process`, { profile });
  expect(accepted.status).toBe(202);
  if (typeof cancelAfterMs === 'number') await new Promise((resolve) => setTimeout(resolve, cancelAfterMs));
  if (typeof cancelAfterMs === 'function') {
    const when = cancelAfterMs;
    await eventually(async () => {
      const { body } = await call<SessionStatusView>(target.gatewayUrl, 'GET', `/session/${id}/status`);
      return when(body) ? true : undefined;
    }, { intervalMs: 20 });
  }
  if (cancelAfterMs !== undefined) expect((await call(target.gatewayUrl, 'POST', `/session/${id}/cancel`)).status).toBe(202);
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

describe('runs that go wrong in the middle', () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  /** A stack whose worker reaches the session service through a proxy that refuses what `refuse` names. */
  async function stackRefusing(refuse: Parameters<typeof startFaultyProxy>[1], overrides: Record<string, string> = {}): Promise<TestStack> {
    let proxy: FaultyProxy | undefined;
    const faulty = await startStack(overrides, {
      workerSessionUrl: async (url) => {
        proxy = await startFaultyProxy(url, refuse);
        return proxy.url;
      },
    });
    closers.push(() => faulty.stop(), () => proxy?.close() ?? Promise.resolve());
    return faulty;
  }

  it('price-failed: the price step fails on every attempt', async () => {
    // The session service refuses the price step's progress report (500, retryable): three attempts, then price_failed.
    const faulty = await stackRefusing((method, path, body) =>
      method === 'POST' && path.endsWith('/run/progress') && body.includes('"price_lookup"') ? 500 : undefined,
    );
    await record(faulty, 'price-failed', buildProfile({ target: 'diet' }));
  });

  it('combine-failed: the combine step fails on every attempt', async () => {
    const faulty = await stackRefusing((method, path) => (method === 'PUT' && path.endsWith('/run/result') ? 500 : undefined));
    await record(faulty, 'combine-failed', buildProfile({ target: 'general' }));
  });

  it('cancelled-pricing: the run is cancelled while the shop is searched', async () => {
    const naver = await startNaverFake({ behaviour: { latencyMs: 4000 } });
    closers.push(() => naver.close());
    const slowShop = await startStack({ NAVER_CLIENT_ID: naver.clientId, NAVER_CLIENT_SECRET: naver.clientSecret, NAVER_API_BASE_URL: naver.url });
    closers.push(() => slowShop.stop());
    await record(slowShop, 'cancelled-pricing', buildProfile({ target: 'keto' }), (status) => status.phase === 'price_lookup');
  });

  it('recipe-retried: the model is overloaded once, the recipe step is retried and the run completes', async () => {
    const model = await startAnthropicFake({ behaviour: [overloaded(1), goodRecipe()] });
    closers.push(() => model.close());
    const flaky = await startStack({ ANTHROPIC_API_KEY: model.apiKey, ANTHROPIC_BASE_URL: model.url });
    closers.push(() => flaky.stop());
    await record(flaky, 'recipe-retried', buildProfile({ target: 'keto' }));
    expect(model.messageCount).toBe(2);
  });
});
