// The references of B1 and B2: how fast one Node process inserts straight into the same database,
// at the same concurrency and with the same client settings the services use (@ai-chef/platform's
// connectMongo: pool of 50, no retryable writes), into a scratch database dropped afterwards.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { connectMongo } from '@ai-chef/platform';
import { round, summarize } from './latency-stats.mjs';

/**
 * `concurrency` loops each insert `batch` documents per call (insertOne for 1, insertMany
 * otherwise) from `makeDoc()` into `collection`, for `seconds` or until `maxDocs`. `indexes` are
 * created first, as the product's collection has them.
 */
export async function rawInsertRate({
  mongoUrl,
  collection,
  makeDoc,
  concurrency,
  seconds,
  maxDocs,
  batch = 1,
  indexes = [],
}) {
  const dbName = `ai_chef_bench_raw_${randomBytes(3).toString('hex')}`;
  const mongo = await connectMongo(mongoUrl, dbName);
  try {
    const target = mongo.db.collection(collection);
    for (const keys of indexes) await target.createIndex(keys);
    const insert = (n) =>
      n === 1
        ? target.insertOne(makeDoc())
        : target.insertMany(Array.from({ length: n }, makeDoc), { ordered: false });
    // Warm the pool (connections, the collection's first write) without counting it.
    await Promise.all(Array.from({ length: concurrency }, () => insert(1)));

    const latencies = [];
    let docs = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const loop = async () => {
      while (performance.now() < deadline && docs < maxDocs) {
        docs += batch;
        const t = performance.now();
        await insert(batch);
        latencies.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
    const elapsed = (performance.now() - started) / 1000;
    return {
      seconds: round(elapsed),
      concurrency,
      batch,
      docs,
      docsPerSecond: round(docs / elapsed, 1),
      latencyMs: summarize(latencies),
    };
  } finally {
    await mongo.db.dropDatabase().catch(() => undefined);
    await mongo.close();
  }
}
