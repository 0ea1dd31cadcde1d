// B1: POST /session/start through the gateway (gateway → session service → one insert), against
// the raw insertOne rate of the same database at the same concurrency.
import { httpLoad } from '../http-load.mjs';
import { rawInsertRate } from '../raw-inserts.mjs';
import { sessionDoc } from '../stored-documents.mjs';
import { ms, round } from '../latency-stats.mjs';
import { cpuPer, withCpuAccounting } from '../process-usage.mjs';

const CONNECTIONS = 50;

export const figure = {
  id: 'B1',
  title: 'POST /session/start, 50 connections',
  needs: 'http',
  async run({ gatewayUrl, mongoUrl, stack, quick, log }) {
    const seconds = quick ? 3 : 10;
    const maxRequests = quick ? 20_000 : 100_000;
    log(`B1: raw insertOne at ${CONNECTIONS} concurrent, ${seconds} s`);
    const raw = await rawInsertRate({
      mongoUrl,
      collection: 'sessions',
      makeDoc: () => sessionDoc(),
      concurrency: CONNECTIONS,
      seconds,
      maxDocs: maxRequests,
      indexes: [{ expiresAt: 1 }],
    });
    log(`B1: POST /session/start with autocannon, ${CONNECTIONS} connections, ${seconds} s`);
    const { result: http, cpuMs } = await withCpuAccounting(stack?.allPids, () =>
      httpLoad({ url: `${gatewayUrl}/session/start`, connections: CONNECTIONS, seconds, maxRequests }),
    );
    const ratio = round(http.requestsPerSecond / raw.docsPerSecond, 2);
    const failures = http.non2xx + http.errors + http.timeouts;
    return {
      value: `${http.requestsPerSecond} req/s, p50 ${http.latencyMs.p50} ms, p99 ${http.latencyMs.p99} ms${failures ? `, ${failures} failed` : ''}`,
      reference: `raw insertOne ${raw.docsPerSecond} docs/s (p99 ${ms(raw.latencyMs.p99)} ms)`,
      ratio: `${ratio} × raw (goal ≥ 0.4); p99 ${http.latencyMs.p99} ms (goal ≤ 50)`,
      met: ratio >= 0.4 && http.latencyMs.p99 <= 50 && failures === 0,
      // CPU per request includes the warm-up's few requests: a slight overestimate.
      data: { http, raw, ratio, cpuMicrosecondsPerRequest: stack ? cpuPer(cpuMs, http.ok) : undefined },
    };
  },
};
