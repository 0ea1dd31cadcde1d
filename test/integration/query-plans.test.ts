// Every read and conditional write a run makes is answered from an index, not by scanning its
// collection: each database command the repositories send during a run (as the routes call them:
// start, process, the progress and result writes, status and result reads, and the worker's price
// cache) is explained by the server, on tables big enough that a scan would be chosen if it were
// cheaper. FerretDB answers `explain` with PostgreSQL's own plan of the SQL it runs (for an update,
// findAndModify or delete it runs that same filter as its query); MongoDB with its winning plan.
// On FerretDB, PostgreSQL's statistics then confirm it for statements run many times over, as a
// service runs them (prepared, where a generic plan could choose differently from `explain`).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MongoClient, type CommandStartedEvent, type Db, type Document } from 'mongodb';
import pg from 'pg';
import type { Offer, PlanDayDraft, ResultDocument } from '@ai-chef/contracts';
import { DEFAULT_PROFILE, ProfileSchema } from '@ai-chef/contracts';
import { createMongoPriceCache, type PriceCacheDocument } from '../../activities/src/pricing/index.js';
import { FridgeRepository } from '../../services/session/src/fridge-repository.js';
import { PlanPartRepository } from '../../services/session/src/plan-part-repository.js';
import { ResultRepository } from '../../services/session/src/result-repository.js';
import { SessionRepository } from '../../services/session/src/session-repository.js';
import { buildProfile } from '../support/factories.js';
import { call, eventually } from '../support/http.js';
import { startStack, type TestStack } from '../support/stack.js';

const STORED_SESSIONS = 3000;
const STORED_RESULTS = 300;
const STORED_LOOKUPS = 300;
const POSTGRES_URL = process.env.TEST_POSTGRES_URL;

const offers: Offer[] = [
  {
    title: '국내산 양파 3kg',
    price: 6900,
    vendor: '쿠팡',
    link: 'https://shop.test/1',
    productId: '1',
    packGrams: 3000,
    packCount: 1,
  },
];

let stack: TestStack | undefined;
let client: MongoClient;
let db: Db;
let realResult: ResultDocument;
const commands: CommandStartedEvent[] = [];

/** Runs `work` `count` times, `concurrency` at a time. */
async function repeat(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** One real run through the stack: its result document is the shape the stored results get. */
async function oneRealRun(gatewayUrl: string): Promise<ResultDocument> {
  const { body } = await call<{ sessionId: string }>(gatewayUrl, 'POST', '/session/start');
  await call(gatewayUrl, 'POST', `/session/${body.sessionId}/process`, {
    profile: buildProfile({ target: 'keto' }),
  });
  return eventually(
    async () => {
      const reply = await call<ResultDocument>(gatewayUrl, 'GET', `/session/${body.sessionId}/result`);
      return reply.status === 200 ? reply.body : undefined;
    },
    { what: 'the first run' },
  );
}

beforeAll(async () => {
  // The services create their collections' indexes at start, as in production.
  const running = await startStack();
  stack = running;
  realResult = await oneRealRun(running.gatewayUrl);
  client = await MongoClient.connect(running.mongoUrl, { monitorCommands: true });
  db = client.db(running.mongoDb);
  const sessions = new SessionRepository(db, 7200);
  const results = new ResultRepository(db, 604_800);
  const cache = createMongoPriceCache(db.collection<PriceCacheDocument>('price_cache'), 86_400);
  await repeat(STORED_SESSIONS, 20, (i) =>
    sessions.create(`sess-${Date.now()}-stored${String(i).padStart(15, '0')}`),
  );
  await repeat(STORED_RESULTS, 10, (i) =>
    results.saveOnce({
      ...realResult,
      runId: `stored-run-${i}`,
      sessionId: `sess-0-stored${String(i % 100).padStart(15, '0')}`,
    }),
  );
  await repeat(STORED_LOOKUPS, 20, (i) => cache.set(`stored ingredient ${i}`, offers));
  const parts = new PlanPartRepository(db);
  await parts.ensureIndexes();
  await repeat(STORED_RESULTS, 10, (i) => parts.saveDay(`sess-0-stored${String(i % 100).padStart(15, '0')}`, `stored-plan-${i}`, dayOf(1)));
  // The services' expiry sweeps read whole collections (FerretDB pushes no range filter down):
  // stopped, so that every scan the server counts from here on is one of the lookups below.
  await running.stop();
  stack = undefined;
  client.on('commandStarted', (event) => commands.push(event));
}, 300_000);

afterAll(async () => {
  await client?.close();
  await stack?.stop();
});

/** A plan's day as its child workflow saves it, from the real run's recipe. */
function dayOf(day: number): PlanDayDraft {
  return {
    day,
    meals: [{ recipe: realResult.recipe, nutrition: realResult.nutrition, source: 'offline', notices: [], mainIngredientIds: [] }],
    nutrition: { total: realResult.nutrition.perServing, checks: [] },
  };
}

/** The database calls of a meal plan's run: the claim, its days saved and counted, its parts read back, its result. */
async function lookupsOfOnePlan(): Promise<void> {
  const sessions = new SessionRepository(db, 7200);
  const results = new ResultRepository(db, 604_800);
  const parts = new PlanPartRepository(db);
  const sessionId = `sess-${Date.now()}-${randomBytes(16).toString('base64url')}`;
  const runId = `plan-${randomBytes(8).toString('hex')}`;
  await sessions.create(sessionId);
  await results.recentDishes(sessionId, 10);
  await sessions.claimForRun(sessionId, ProfileSchema.parse({ ...DEFAULT_PROFILE, ...buildProfile() }), { days: 2 });
  await sessions.recordRunId(sessionId, runId);
  await sessions.applyProgress(sessionId, runId, 'plan_writing', 'plan');
  for (const day of [1, 2]) {
    await parts.saveDay(sessionId, runId, dayOf(day));
    await sessions.dayWritten(sessionId, runId, day, 2);
  }
  await sessions.applyProgress(sessionId, runId, 'price_lookup', 'plan');
  await parts.ofRun(sessionId, runId);
  await parts.savePricing(sessionId, runId, { ...realResult.pricing, source: realResult.sources.prices });
  await parts.ofRun(sessionId, runId);
  await results.saveOnce({ ...realResult, runId, sessionId });
  await sessions.markCompleted(sessionId, runId);
  await parts.removeOfSession(sessionId);
}

/** The database calls of one run, as the routes make them: POST /session/start, POST /process, the worker's progress, price and result writes, the outcome, then GET /status and GET /result. */
async function lookupsOfOneRun(): Promise<void> {
  const sessions = new SessionRepository(db, 7200);
  const results = new ResultRepository(db, 604_800);
  const fridge = new FridgeRepository(db);
  const cache = createMongoPriceCache(db.collection<PriceCacheDocument>('price_cache'), 86_400);
  const sessionId = `sess-${Date.now()}-${randomBytes(16).toString('base64url')}`;
  const runId = `run-${randomBytes(8).toString('hex')}`;
  const names = realResult.recipe.ingredients.map((ingredient) => ingredient.name);
  await sessions.create(sessionId);
  await fridge.ids(sessionId);
  await sessions.claimForRun(sessionId, ProfileSchema.parse({ ...DEFAULT_PROFILE, ...buildProfile() }));
  await sessions.recordRunId(sessionId, runId);
  await sessions.applyProgress(sessionId, runId, 'recipe_completed');
  await cache.getMany(names);
  await cache.set(names[0] ?? 'onion', offers);
  await sessions.applyProgress(sessionId, runId, 'price_lookup');
  await sessions.applyProgress(sessionId, runId, 'combining_results');
  await results.saveOnce({ ...realResult, runId, sessionId });
  await sessions.markCompleted(sessionId, runId);
  await sessions.findLive(sessionId);
  await results.ofRun(runId);
  await results.latestFor(sessionId);
  await lookupsOfOnePlan();
}

/** Table and index scans PostgreSQL counted so far on each collection's table (FerretDB names it `<collection>_<hash>`). */
async function tableScans(postgres: pg.Client): Promise<Map<string, { seq: number; index: number }>> {
  const { rows } = await postgres.query<{ relname: string; seq_scan: string; idx_scan: string | null }>(
    'SELECT relname, seq_scan, idx_scan FROM pg_stat_user_tables WHERE schemaname = $1',
    [db.databaseName],
  );
  return new Map(
    rows.map((row) => [
      row.relname.replace(/_[0-9a-f]{8}$/, ''),
      { seq: Number(row.seq_scan), index: Number(row.idx_scan ?? 0) },
    ]),
  );
}

const totalScans = (scans: Map<string, { seq: number; index: number }>): number =>
  [...scans.values()].reduce((sum, n) => sum + n.seq + n.index, 0);

/** The counters once they stop moving: each backend reports its own about a second after it goes idle. */
async function settledScans(postgres: pg.Client): Promise<Map<string, { seq: number; index: number }>> {
  let last = await tableScans(postgres);
  return eventually(
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const now = await tableScans(postgres);
      const settled = totalScans(now) === totalScans(last);
      last = now;
      return settled ? now : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 0, what: 'PostgreSQL statistics to settle' },
  );
}

/** The filter a command applies, and its sort: what the server must find documents by. */
function filterOf(
  event: CommandStartedEvent,
): { collection: string; filter: Document; sort?: Document } | undefined {
  const { command, commandName } = event;
  const collection = command[commandName] as string;
  switch (commandName) {
    case 'find':
      return {
        collection,
        filter: command.filter as Document,
        ...(command.sort ? { sort: command.sort as Document } : {}),
      };
    case 'findAndModify':
      return { collection, filter: command.query as Document };
    case 'update':
      return { collection, filter: (command.updates as Document[])[0]?.q as Document };
    case 'delete':
      return { collection, filter: (command.deletes as Document[])[0]?.q as Document };
    default:
      return undefined; // inserts look nothing up
  }
}

/**
 * Every plan node's kind, with the index it reads if any: PostgreSQL's plan nodes through FerretDB
 * ("Node Type", "Index Name"), MongoDB's winning-plan stages ("stage", "indexName").
 */
function planNodes(explained: Document): string[] {
  const planner = explained.queryPlanner as Document | undefined;
  const root: unknown = planner?.winningPlan ?? planner;
  const nodes: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      const fields = node as Record<string, unknown>;
      const kind = fields['Node Type'] ?? fields.stage;
      const index = fields['Index Name'] ?? fields.indexName;
      if (typeof kind === 'string') nodes.push(typeof index === 'string' ? `${kind} (${index})` : kind);
      Object.values(fields).forEach(walk);
    }
  };
  walk(root);
  return nodes.sort();
}

describe('the queries of a run', () => {
  it('when a run reads and writes its session, result and prices, then every lookup uses an index', async () => {
    await lookupsOfOneRun();

    const lookups = commands.flatMap((event) => {
      const found = filterOf(event);
      return found ? [{ command: event.commandName, ...found }] : [];
    });
    expect(lookups.length).toBeGreaterThanOrEqual(14);
    const plans = [];
    for (const lookup of lookups) {
      const explained = await db.command({
        explain: {
          find: lookup.collection,
          filter: lookup.filter,
          ...(lookup.sort ? { sort: lookup.sort } : {}),
        },
        verbosity: 'queryPlanner',
      });
      plans.push({ ...lookup, nodes: planNodes(explained) });
    }
    console.log(
      `plans of a run's ${plans.length} lookups (${STORED_SESSIONS} sessions, ${STORED_RESULTS} results, ${STORED_LOOKUPS} cached lookups stored):\n` +
        plans
          .map(
            (plan) =>
              `  ${plan.command} ${plan.collection} ${JSON.stringify(Object.keys(plan.filter))}: ${plan.nodes.join(', ')}`,
          )
          .join('\n'),
    );
    for (const plan of plans) {
      const where = `${plan.command} on ${plan.collection} by ${JSON.stringify(plan.filter)}`;
      expect([where, plan.nodes.filter((node) => /Seq Scan|COLLSCAN/.test(node))]).toEqual([where, []]);
      expect([where, plan.nodes.some((node) => /Index|IXSCAN|IDHACK/.test(node))]).toEqual([where, true]);
    }
  }, 120_000);

  (POSTGRES_URL ? it : it.skip)(
    "when a run's lookups repeat as a service repeats them, then PostgreSQL scans no table",
    async () => {
      const postgres = new pg.Client({ connectionString: POSTGRES_URL });
      await postgres.connect();
      try {
        const before = await settledScans(postgres);
        commands.length = 0;
        // Prepared statements: PostgreSQL may plan one generically from its sixth run on a connection.
        for (let i = 0; i < 12; i++) await lookupsOfOneRun();
        // Each lookup scans its table at least once: wait until every table counted its lookups
        // (each backend reports on its own), then until nothing moves any more.
        const perTable = new Map<string, number>();
        for (const event of commands) {
          const found = filterOf(event);
          if (found) perTable.set(found.collection, (perTable.get(found.collection) ?? 0) + 1);
        }
        const lookups = [...perTable.values()].reduce((sum, n) => sum + n, 0);
        // A backend that reported less than a second ago waits ten before it reports again; a
        // second later, a burst of pings through FerretDB (each asks PostgreSQL) makes its
        // connections report at once instead.
        await new Promise((resolve) => setTimeout(resolve, 1100));
        await Promise.all(Array.from({ length: 8 }, () => db.command({ ping: 1 })));
        await eventually(
          async () => {
            const now = await tableScans(postgres);
            const counted = [...perTable].every(([table, n]) => {
              const was = before.get(table) ?? { seq: 0, index: 0 };
              const is = now.get(table) ?? { seq: 0, index: 0 };
              return is.seq + is.index - was.seq - was.index >= n;
            });
            return counted ? true : undefined;
          },
          { timeoutMs: 60_000, intervalMs: 500, what: `PostgreSQL to count ${lookups} lookups` },
        );
        const after = await settledScans(postgres);
        const delta = (table: string): { seq: number; index: number } => ({
          seq: (after.get(table)?.seq ?? 0) - (before.get(table)?.seq ?? 0),
          index: (after.get(table)?.index ?? 0) - (before.get(table)?.index ?? 0),
        });
        const tables = ['sessions', 'results', 'price_cache', 'fridge_items', 'plan_parts'];
        console.log(
          `${lookups} lookups: ${tables.map((table) => `${table} ${JSON.stringify(delta(table))}`).join(', ')}`,
        );
        for (const table of tables) expect([table, delta(table).seq]).toEqual([table, 0]);
        expect(delta('sessions').index).toBeGreaterThan(0);
      } finally {
        await postgres.end();
      }
    },
    120_000,
  );
});
