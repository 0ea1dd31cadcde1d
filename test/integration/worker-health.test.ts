import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type TestStack } from '../support/stack.js';
import { call } from '../support/http.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe("the worker's health", () => {
  it('when its Temporal worker stops while the process lives on, then /healthz fails so an orchestrator restarts it', async () => {
    expect((await call(stack.worker.url, 'GET', '/healthz')).status).toBe(200);
    // Not the service's own stop: the Temporal worker ends underneath it, as after a fatal error.
    stack.worker.worker.shutdown();
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (stack.worker.worker.getState() === 'STOPPED') resolve();
        else setTimeout(check, 50);
      };
      check();
    });
    const health = await call<{ status: string }>(stack.worker.url, 'GET', '/healthz');
    expect([health.status, health.body.status]).toEqual([503, 'worker_stopped']);
  });
});
