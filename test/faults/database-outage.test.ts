// The MongoDB-wire server stopped for 10 s in the middle of a run (locally FerretDB and the
// PostgreSQL under it, both killed, then started again on the same data): meanwhile reads answer
// 503 with Retry-After (never 500); once it is back, the run completes with one result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startNaverFake, type NaverFake } from '../fakes/naver-fake.js';
import { buildProfile } from '../support/factories.js';
import { eventually } from '../support/http.js';
import {
  loadInfra,
  startProcessStack,
  type DatabaseChoice,
  type DatabaseServer,
  type Infra,
  type ProcessStack,
} from '../support/process-stack.js';
import { newSession, pause, resultDocumentCount, resultOf, settled, startRun, statusOf } from './run-watch.js';

const OUTAGE_MS = 10_000;

// An external MONGO_URL cannot be stopped by a test; the suite needs a server it starts itself.
const external = Boolean(process.env.MONGO_URL);

let infra: Infra;
let naver: NaverFake;
let stack: ProcessStack;
let database: DatabaseServer;
let choice: DatabaseChoice;
let dir: string;
let port: number;

function startOwnDatabase(): Promise<DatabaseServer> {
  return infra.startDatabase(choice, { port, dir, logFile: join(dir, 'database.log') });
}

interface Read {
  path: string;
  startedAt: number;
  endedAt: number;
  status: number;
  retryAfter: string | null;
  body: unknown;
}

async function read(gatewayUrl: string, path: string): Promise<Read> {
  const startedAt = Date.now();
  const response = await fetch(`${gatewayUrl}${path}`, { signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  return {
    path,
    startedAt,
    endedAt: Date.now(),
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

beforeAll(async () => {
  if (external) return;
  infra = await loadInfra();
  choice = (await infra.ensureInfrastructure()).database;
  dir = mkdtempSync(join(tmpdir(), 'ai-chef-database-outage-'));
  port = await infra.freePort();
  database = await startOwnDatabase();
  // Searches take 1 s, all in one round: the price step ends inside the outage and its last
  // write has to wait for the database (without waiting, its three attempts fail within ~9 s).
  naver = await startNaverFake({ behaviour: { latencyMs: 1000 } });
  stack = await startProcessStack({
    mongoUrl: database.url,
    workerEnv: {
      NAVER_CLIENT_ID: naver.clientId,
      NAVER_CLIENT_SECRET: naver.clientSecret,
      NAVER_API_BASE_URL: naver.url,
    },
  });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await naver?.close();
  await database?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

(external ? describe.skip : describe)('the database stopped for 10 s mid-run', () => {
  it('when reads arrive during the outage, then they get 503 with Retry-After, and the run completes after it', async () => {
    const sessionId = await newSession(stack.gatewayUrl);
    const runId = await startRun(stack.gatewayUrl, sessionId, buildProfile({ target: 'diet', servings: 2 }));
    await eventually(async () => ((await statusOf(stack.gatewayUrl, sessionId)).phase === 'price_lookup' ? true : undefined), {
      timeoutMs: 120_000,
      intervalMs: 50,
      what: 'the price step',
    });

    // SIGKILL: the outage starts at once (SIGTERM lets FerretDB serve open connections for seconds).
    await database.kill();
    const downAt = Date.now();
    const reads: Array<Promise<Read>> = [];
    const paths = [`/session/${sessionId}/status`, `/session/${sessionId}/result`, `/session/${sessionId}`];
    for (let i = 0; Date.now() - downAt < OUTAGE_MS - 500; i += 1) {
      reads.push(read(stack.gatewayUrl, paths[i % paths.length] ?? paths[0]!));
      await pause(250);
    }
    await pause(Math.max(0, OUTAGE_MS - (Date.now() - downAt)));
    const upAt = Date.now();
    database = await startOwnDatabase();

    const answered = await Promise.all(reads);
    const final = await settled(stack.gatewayUrl, sessionId);

    // Never a 500; during the outage the one 503 shape with a Retry-After in seconds.
    expect(answered.filter((r) => ![200, 202, 503].includes(r.status))).toEqual([]);
    const inside = answered.filter((r) => r.endedAt < upAt);
    expect(inside.length).toBeGreaterThanOrEqual(10);
    for (const r of inside) {
      expect([r.path, r.status]).toEqual([r.path, 503]);
      expect(r.retryAfter).toMatch(/^\d+$/);
      expect(r.body).toEqual({ error: { code: 'service_unavailable', message: expect.any(String) } });
    }

    expect(final).toMatchObject({ status: 'completed', phase: 'finished', progress: 100 });
    expect(Date.parse(final.updatedAt)).toBeGreaterThan(upAt); // the run ended through the outage, not before it
    expect((await resultOf(stack.gatewayUrl, sessionId)).runId).toBe(runId);
    expect(await resultDocumentCount(stack.mongoUrl, stack.mongoDb, { _id: runId })).toBe(1);
    expect(stack.unexpectedExits()).toEqual([]);
    console.log(
      `database outage: ${answered.length} reads during ${((upAt - downAt) / 1000).toFixed(1)} s down, ` +
        `${inside.length} answered 503 inside it; run completed`,
    );
  }, 300_000);
});
