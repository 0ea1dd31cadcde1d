// HTTP load with autocannon, bounded in time and in requests, on loopback.
import autocannon from 'autocannon';
import { round } from './latency-stats.mjs';

const TIMEOUT_SECONDS = 10;

/**
 * Drives `url` with `connections` concurrent connections for `seconds` (at most `maxRequests`),
 * after a warm-up of `warmupRequests` (default two per connection) that is not counted: a fixed
 * number, all answered before the measurement starts, so none of them still runs on the server.
 * Rates count 2xx answers only; a request unanswered after 10 s counts as a timeout.
 */
export async function httpLoad({
  url,
  method = 'POST',
  body,
  connections,
  seconds,
  maxRequests,
  warmupRequests = connections * 2,
}) {
  const headers = body === undefined ? {} : { 'content-type': 'application/json' };
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const fire = (bounds) =>
    new Promise((resolve, reject) => {
      autocannon(
        { url, method, headers, body: payload, connections, timeout: TIMEOUT_SECONDS, ...bounds },
        (err, result) => (err ? reject(err) : resolve(result)),
      );
    });
  await fire({ amount: Math.max(connections, warmupRequests) });
  const result = await fire({ duration: seconds, maxOverallRequests: maxRequests });
  const ok = result['2xx'];
  return {
    seconds: result.duration,
    connections,
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    requestsPerSecond: round(ok / result.duration, 1),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: round(result.latency.mean),
    },
  };
}
