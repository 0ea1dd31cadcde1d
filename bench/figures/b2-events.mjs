// B2: POST /events, one event per request and batches of 100, against the raw insert rate of the
// same database: insertOne at the same concurrency (the goal's reference) and, for comparison,
// insertMany of 100 at the batched load's concurrency.
import { randomBytes } from 'node:crypto';
import { httpLoad } from '../http-load.mjs';
import { rawInsertRate } from '../raw-inserts.mjs';
import { round } from '../latency-stats.mjs';
import { cpuPer, withCpuAccounting } from '../process-usage.mjs';

const SINGLE_CONNECTIONS = 50;
const BATCH_CONNECTIONS = 10;
const BATCH = 100;

const event = (n) => ({
  user_id: 'user_bench_visitor',
  event_type: 'page_view',
  page_url: `https://ai-chef.example/recipes/${n}`,
  referrer: 'https://ai-chef.example/',
  properties: { position: n, source: 'bench' },
});

/** A document shaped like a stored event (docs/contract.md, Fridge and events). */
function eventDoc() {
  const id = `evt_${randomBytes(16).toString('base64url')}`;
  return {
    _id: id,
    event_id: id,
    timestamp: Date.now(),
    user_id: 'user_bench_visitor',
    session_id: `vs_${randomBytes(16).toString('base64url')}`,
    event_type: 'page_view',
    page_url: 'https://ai-chef.example/recipes/1',
    referrer: 'https://ai-chef.example/',
    user_agent: 'autocannon',
    ip_address: '127.0.0.1',
    properties: { position: 1, source: 'bench' },
  };
}

const EVENT_INDEXES = [{ timestamp: 1 }, { session_id: 1, timestamp: 1 }];

export const figure = {
  id: 'B2',
  title: 'POST /events, single and batched (100)',
  needs: 'http',
  async run({ gatewayUrl, mongoUrl, stack, quick, log }) {
    const seconds = quick ? 3 : 10;
    // A batch of 100 takes a while: the batched load gets a longer window, so enough of them finish.
    const batchSeconds = quick ? 8 : 15;
    const maxDocs = quick ? 50_000 : 300_000;
    log(
      `B2: raw insertOne at ${SINGLE_CONNECTIONS} concurrent and insertMany(${BATCH}) at ${BATCH_CONNECTIONS}, ${seconds} s each`,
    );
    const rawOne = await rawInsertRate({
      mongoUrl,
      collection: 'events',
      makeDoc: eventDoc,
      concurrency: SINGLE_CONNECTIONS,
      seconds,
      maxDocs,
      indexes: EVENT_INDEXES,
    });
    const rawMany = await rawInsertRate({
      mongoUrl,
      collection: 'events',
      makeDoc: eventDoc,
      concurrency: BATCH_CONNECTIONS,
      seconds,
      maxDocs,
      batch: BATCH,
      indexes: EVENT_INDEXES,
    });

    // Batched first: the goal's figure, measured before the single events' visitor sessions pile up.
    log(`B2: POST /events, ${BATCH} events per request, ${BATCH_CONNECTIONS} connections, ${batchSeconds} s`);
    const { result: batched, cpuMs: batchedCpu } = await withCpuAccounting(stack?.allPids, () =>
      httpLoad({
        url: `${gatewayUrl}/events`,
        body: { events: Array.from({ length: BATCH }, (_, n) => event(n)) },
        connections: BATCH_CONNECTIONS,
        seconds: batchSeconds,
        maxRequests: Math.ceil(maxDocs / BATCH),
        warmupRequests: BATCH_CONNECTIONS,
      }),
    );
    log(`B2: POST /events, one event, ${SINGLE_CONNECTIONS} connections, ${seconds} s`);
    const { result: single, cpuMs: singleCpu } = await withCpuAccounting(stack?.allPids, () =>
      httpLoad({
        url: `${gatewayUrl}/events`,
        body: event(1),
        connections: SINGLE_CONNECTIONS,
        seconds,
        maxRequests: maxDocs,
      }),
    );
    const singleRate = single.requestsPerSecond;
    const batchedRate = round(batched.requestsPerSecond * BATCH, 1);
    const ratio = round(batchedRate / rawOne.docsPerSecond, 2);
    const ratioMany = round(batchedRate / rawMany.docsPerSecond, 2);
    const failures =
      single.non2xx + single.errors + single.timeouts + batched.non2xx + batched.errors + batched.timeouts;
    const batchedShown =
      batched.ok === 0
        ? `batched: no request of ${BATCH} answered within ${batchSeconds} s`
        : `batched ${batchedRate} events/s (p99 ${batched.latencyMs.p99} ms per ${BATCH})`;
    return {
      value: `${batchedShown}; single ${singleRate} events/s (p99 ${single.latencyMs.p99} ms)${failures ? `; ${failures} failed or timed out` : ''}`,
      reference: `raw insertOne ${rawOne.docsPerSecond} docs/s; insertMany×${BATCH} ${rawMany.docsPerSecond} docs/s`,
      ratio: `batched ${ratio} × raw insertOne (goal ≥ 0.5); ${ratioMany} × insertMany; single ${round(singleRate / rawOne.docsPerSecond, 2)} × raw`,
      met: ratio >= 0.5 && failures === 0,
      // CPU per event includes the warm-up's requests (and batches still running when the window closed).
      data: {
        cpuMicrosecondsPerEvent: stack
          ? { single: cpuPer(singleCpu, single.ok), batched: cpuPer(batchedCpu, batched.ok * BATCH) }
          : undefined,
        single,
        batched,
        singleEventsPerSecond: singleRate,
        batchedEventsPerSecond: batchedRate,
        rawInsertOne: rawOne,
        rawInsertMany: rawMany,
        ratio,
        ratioToInsertMany: ratioMany,
      },
    };
  },
};
