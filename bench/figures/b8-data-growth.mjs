// B8: does a run get slower as data piles up? A whole run's latency (one at a time, zero-latency
// fakes) and the p50 of GET /session/:id/status, first on the bench's fresh database, then again
// after 10,000 sessions and 1,000 results were added to it (1,000 of the sessions completed runs
// whose results those are). Goal: after / before ≤ 1.25 for both. On FerretDB it also counts the
// table scans PostgreSQL made meanwhile (pg_stat_user_tables): lookups answered from an index
// make none; the services' expiry sweep (every 30 s) makes one per collection.
import { performance } from 'node:perf_hooks';
import { DEFAULT_PROFILE, ProfileSchema } from '@ai-chef/contracts';
import { connectMongo } from '@ai-chef/platform';
import { RUN_PROFILES, runOnce } from '../run-driver.mjs';
import { completedSessionDoc, sessionDoc, storedResult } from '../stored-documents.mjs';
import { ms, round, summarize } from '../latency-stats.mjs';

const SESSIONS = 10_000;
const RESULTS = 1_000;
const GOAL = 1.25;

/** `count` runs one at a time, then `reads` status reads of their sessions, one at a time. */
async function measure(stack, { runs: count, reads }) {
  const runs = [];
  for (let i = 0; i < count; i++) runs.push(await runOnce(stack, RUN_PROFILES[i % RUN_PROFILES.length]));
  const failed = runs.filter((run) => run.status !== 'completed');
  if (failed.length > 0)
    throw new Error(`${failed.length} runs ended ${failed[0].status}: ${JSON.stringify(failed[0].error)}`);
  const statusMs = [];
  for (let i = 0; i < reads; i++) {
    const t = performance.now();
    const response = await fetch(`${stack.gatewayUrl}/session/${runs[i % runs.length].sessionId}/status`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET /status answered ${response.status}`);
    statusMs.push(performance.now() - t);
  }
  return { runMs: summarize(runs.map((run) => run.endToEndMs)), statusMs: summarize(statusMs), runs };
}

/** Inserts the sessions and results, shaped as the session service stores them, in batches. */
async function fill(stack, resultDocument) {
  const mongo = await connectMongo(stack.mongoUrl, stack.mongoDb);
  try {
    const profile = ProfileSchema.parse({ ...DEFAULT_PROFILE, ...RUN_PROFILES[0] });
    const now = Date.now();
    const sessions = [];
    const results = [];
    for (let i = 0; i < SESSIONS; i++) {
      const createdAt = new Date(now - (SESSIONS - i) * 100);
      if (i < RESULTS) {
        const runId = `b8-run-${i}`;
        const session = completedSessionDoc(runId, profile, createdAt);
        sessions.push(session);
        results.push(storedResult(resultDocument, runId, session._id, createdAt));
      } else sessions.push(sessionDoc(createdAt));
    }
    for (let i = 0; i < sessions.length; i += 500)
      await mongo.db.collection('sessions').insertMany(sessions.slice(i, i + 500), { ordered: false });
    for (let i = 0; i < results.length; i += 50)
      await mongo.db.collection('results').insertMany(results.slice(i, i + 50), { ordered: false });
  } finally {
    await mongo.close();
  }
}

/** Sequential and index scans so far of each collection's table, from PostgreSQL; undefined on other servers. */
async function tableScans(stack) {
  if (!stack.postgres) return undefined;
  const client = await stack.postgres.connect('ferretdb');
  try {
    const { rows } = await client.query(
      'SELECT relname, seq_scan, idx_scan FROM pg_stat_user_tables WHERE schemaname = $1',
      [stack.mongoDb],
    );
    // FerretDB names a collection's table `<collection>_<hash>`.
    return Object.fromEntries(
      rows.map((row) => [
        row.relname.replace(/_[0-9a-f]{8}$/, ''),
        { seq: Number(row.seq_scan), index: Number(row.idx_scan ?? 0) },
      ]),
    );
  } finally {
    await client.end();
  }
}

function scansBetween(before, after) {
  if (!before || !after) return undefined;
  return Object.fromEntries(
    ['sessions', 'results', 'price_cache'].map((table) => [
      table,
      {
        seq: (after[table]?.seq ?? 0) - (before[table]?.seq ?? 0),
        index: (after[table]?.index ?? 0) - (before[table]?.index ?? 0),
      },
    ]),
  );
}

/** The scan counters once they stop moving (each PostgreSQL backend reports its own about a second after it goes idle). */
async function settledScans(stack) {
  let last = await tableScans(stack);
  for (let i = 0; i < 20 && last; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const now = await tableScans(stack);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  return last;
}

export const figure = {
  id: 'B8',
  title: 'data growth: a run and a status read, fresh and after 10,000 sessions and 1,000 results',
  needs: 'stack',
  async run({ stack, quick, log }) {
    const plan = quick ? { runs: 10, reads: 200 } : { runs: 40, reads: 1000 };
    stack.fakes.model.configure({ latencyMs: 0 });
    stack.fakes.shop.configure({ latencyMs: 0 });
    log(`B8: ${plan.runs} runs one at a time and ${plan.reads} status reads on the fresh database`);
    for (const profile of RUN_PROFILES) await runOnce(stack, profile); // warm-up: the price cache, the JIT
    const before = await measure(stack, plan);
    const resultResponse = await fetch(`${stack.gatewayUrl}/session/${before.runs[0].sessionId}/result`);
    if (!resultResponse.ok) throw new Error(`GET /result answered ${resultResponse.status}`);
    log(`B8: adding ${SESSIONS} sessions and ${RESULTS} results`);
    const t = Date.now();
    await fill(stack, await resultResponse.json());
    const fillSeconds = round((Date.now() - t) / 1000, 1);
    log(`B8: added in ${fillSeconds} s; the same again`);
    const scansAtStart = await settledScans(stack);
    const after = await measure(stack, plan);
    const scans = scansBetween(scansAtStart, await settledScans(stack));

    const runRatio = round(after.runMs.p50 / before.runMs.p50, 2);
    const statusRatio = round(after.statusMs.p50 / before.statusMs.p50, 2);
    const scanNote = scans
      ? `; table scans meanwhile: ${Object.entries(scans)
          .map(([table, n]) => `${table} ${n.seq} (index scans ${n.index})`)
          .join(', ')}`
      : '';
    return {
      value: `run p50 ${ms(before.runMs.p50)} → ${ms(after.runMs.p50)} ms; status p50 ${ms(before.statusMs.p50)} → ${ms(after.statusMs.p50)} ms`,
      reference: `the same on the fresh database (${plan.runs} runs, ${plan.reads} reads each)${scanNote}`,
      ratio: `after / before: run ${runRatio}, status ${statusRatio} (goal ≤ ${GOAL})`,
      met: runRatio <= GOAL && statusRatio <= GOAL,
      data: {
        sessionsAdded: SESSIONS,
        resultsAdded: RESULTS,
        fillSeconds,
        before: { runMs: before.runMs, statusMs: before.statusMs },
        after: { runMs: after.runMs, statusMs: after.statusMs },
        runRatio,
        statusRatio,
        tableScansDuringAfter: scans,
      },
    };
  },
};
