// The Naver quota and call rate are counted in MongoDB (here the MongoDB-wire server of the test
// run), so two workers spend from one quota and one rate: two sets of limits on one database stand
// for two worker replicas.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MongoClient, type Db } from 'mongodb';
import { createSharedNaverLimits, ensureSharedNaverLimitIndexes } from '@ai-chef/activities';
import { requiredEnv } from '../support/stack.js';

let client: MongoClient;
let db: Db;

beforeAll(async () => {
  client = await MongoClient.connect(requiredEnv('TEST_MONGO_URL'));
  db = client.db(`test_naver_limits_${randomBytes(4).toString('hex')}`);
  await ensureSharedNaverLimitIndexes(db);
});
afterAll(async () => {
  await client?.close();
});

describe('Naver limits shared by worker replicas', () => {
  it('when two workers spend one daily quota, then together they get exactly the quota', async () => {
    const clientId = `client-${randomBytes(4).toString('hex')}`;
    const [a, b] = [0, 1].map(() =>
      createSharedNaverLimits({ db, clientId, callsPerSecond: 10, dailyQuota: 5 }),
    );
    const granted: boolean[] = [];
    for (let i = 0; i < 8; i += 1) granted.push(await (i % 2 === 0 ? a : b)!.quota.tryConsume(1));
    expect(granted).toEqual([true, true, true, true, true, false, false, false]);
    // Another application (client id) has its own quota.
    const other = createSharedNaverLimits({
      db,
      clientId: `${clientId}-other`,
      callsPerSecond: 10,
      dailyQuota: 5,
    });
    expect(await other.quota.tryConsume(1)).toBe(true);
  });

  it('when two workers call at once, then they share one call rate: what one process alone could make at once waits', async () => {
    const clientId = `client-${randomBytes(4).toString('hex')}`;
    const [a, b] = [0, 1].map(() => createSharedNaverLimits({ db, clientId, callsPerSecond: 4 }));
    const grants: number[] = [];
    // 4 calls each: counted per process, all 8 would go at once; counted together, half waits for the next second.
    await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        await (i % 2 === 0 ? a : b)!.rate.acquire();
        grants.push(Date.now());
      }),
    );
    grants.sort((x, y) => x - y);
    expect((grants.at(-1) ?? 0) - (grants[0] ?? 0)).toBeGreaterThanOrEqual(900);
    const windows = await db.collection('naver_limits').countDocuments({ key: `naver-rate:${clientId}` });
    expect(windows).toBe(1);
  });
});
