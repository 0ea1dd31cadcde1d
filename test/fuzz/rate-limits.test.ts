// Rate limits hold across replicas (README, Limits): two gateways share one database and count
// each client in it, so whichever of them a client's requests reach, the limit is the limit. A test
// stack with small limits; each generated client is its own address (X-Forwarded-For behind a
// trusted proxy on loopback), and its requests go to the two gateways in a generated order.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { startGateway, type RunningGateway } from '@ai-chef/gateway';
import { startSessionService, type RunningSessionService } from '@ai-chef/session';
import { requiredEnv } from '../support/stack.js';
import { closeConnections, send, type RawResponse } from './raw-http.js';
import { answerProblem, errorCode } from './request-parts.js';

const RUNS = Number(process.env.FC_RUNS ?? 1000) / 20;
const LIMIT = 8;
const PROCESS_LIMIT = 3;

let session: RunningSessionService;
const gateways: RunningGateway[] = [];
let sessionId: string;

beforeAll(async () => {
  const shared = {
    MONGO_URL: requiredEnv('TEST_MONGO_URL'),
    MONGO_DB: `fuzz_limits_${randomBytes(4).toString('hex')}`,
    TEMPORAL_ADDRESS: requiredEnv('TEST_TEMPORAL_ADDRESS'),
    TEMPORAL_TASK_QUEUE: `fuzz-limits-${randomBytes(4).toString('hex')}`,
    INTERNAL_TOKEN: randomBytes(24).toString('base64url'),
    LOG_LEVEL: 'silent',
  };
  session = await startSessionService({ ...shared, PORT: '0' });
  for (let i = 0; i < 2; i += 1) {
    gateways.push(
      await startGateway({
        ...shared,
        PORT: '0',
        SESSION_SERVICE_URL: session.url,
        TRUST_PROXY: 'loopback',
        RATE_LIMIT_PER_MINUTE: String(LIMIT),
        PROCESS_RATE_LIMIT_PER_MINUTE: String(PROCESS_LIMIT),
      }),
    );
  }
  const started = await send(gateways[0]?.url ?? '', {
    method: 'POST',
    path: '/session/start',
    headers: { 'x-forwarded-for': '10.255.255.255' },
  });
  sessionId = (JSON.parse(started.text) as { sessionId: string }).sessionId;
});

afterAll(async () => {
  closeConnections();
  for (const gateway of gateways) await gateway.stop();
  await session?.stop();
});

let clients = 0;
/** A fresh client address per generated case: 10.x.y.z. */
const nextClient = (): string => {
  clients += 1;
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
};

function limited(res: RawResponse, code: string): string | undefined {
  const retryAfter = Number(res.headers['retry-after']);
  if (res.status !== 429 || errorCode(res) !== code)
    return `expected 429 ${code}, got ${res.status} ${errorCode(res)}`;
  if (!Number.isInteger(retryAfter) || retryAfter < 1 || retryAfter > 60)
    return `Retry-After ${String(res.headers['retry-after'])}`;
  return answerProblem(res);
}

describe('rate limits across two gateways sharing one database', () => {
  it(`when a client's requests alternate between the gateways in any order, then exactly ${LIMIT} a minute pass and the rest get 429 with Retry-After`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: LIMIT + 1, maxLength: LIMIT + 4 }),
        async (order) => {
          const ip = nextClient();
          for (const [index, which] of order.entries()) {
            const res = await send(gateways[which]?.url ?? '', {
              method: 'GET',
              path: `/session/${sessionId}/status`,
              headers: { 'x-forwarded-for': ip },
            });
            const wrong =
              index < LIMIT
                ? res.status === 200
                  ? undefined
                  : `request ${index + 1} got ${res.status}`
                : limited(res, 'rate_limited');
            if (wrong) throw new Error(`${wrong} (client ${ip}, gateways ${order.join('')})`);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`when a client calls process on both gateways, then ${PROCESS_LIMIT} a minute pass the process limit and the next is 429 process_rate_limited`, async () => {
    const ip = nextClient();
    const statuses: number[] = [];
    for (let i = 0; i <= PROCESS_LIMIT; i += 1) {
      // An invalid profile: counted by the limit, refused before any run starts.
      const res = await send(gateways[i % 2]?.url ?? '', {
        method: 'POST',
        path: `/session/${sessionId}/process`,
        headers: { 'x-forwarded-for': ip, 'content-type': 'application/json' },
        body: Buffer.from('{"profile":{"servings":"two"}}'),
      });
      statuses.push(res.status);
      if (i === PROCESS_LIMIT) expect(limited(res, 'process_rate_limited')).toBeUndefined();
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
  });

  it(`when a client asks for meal plans, then each counts as days × mealsPerDay against the process limit of ${PROCESS_LIMIT}`, async () => {
    const post = (ip: string, path: string, body: string) =>
      send(gateways[clients % 2]?.url ?? '', {
        method: 'POST',
        path: `/session/${sessionId}/${path}`,
        headers: { 'x-forwarded-for': ip, 'content-type': 'application/json' },
        body: Buffer.from(body),
      });
    // Invalid profiles: counted, refused before any run starts.
    const one = nextClient();
    expect((await post(one, 'plan', '{"profile":{"servings":"two"},"days":1,"mealsPerDay":3}')).status).toBe(400);
    expect(limited(await post(one, 'process', '{"profile":{"servings":"two"}}'), 'process_rate_limited')).toBeUndefined();
    // A plan larger than the whole limit is never let through.
    const two = nextClient();
    expect(limited(await post(two, 'plan', '{"profile":{},"days":2,"mealsPerDay":2}'), 'process_rate_limited')).toBeUndefined();
  });
});
