// The shopping API failing for some ingredients only: those are priced from the bundled reference
// prices and marked `estimated`; every other ingredient keeps its shop offer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProfileInputSchema } from '@ai-chef/contracts';
import { generateOfflineRecipe, getCatalog, normalizeProfile, ownedBy } from '@ai-chef/kitchen';
import { startNaverFake, type NaverFake } from '../fakes/naver-fake.js';
import { buildProfile } from '../support/factories.js';
import { startProcessStack, type ProcessStack } from '../support/process-stack.js';
import { newSession, resultOf, settled, startRun } from './run-watch.js';

let naver: NaverFake;
let stack: ProcessStack;

beforeAll(async () => {
  naver = await startNaverFake();
  stack = await startProcessStack({
    workerEnv: { NAVER_CLIENT_ID: naver.clientId, NAVER_CLIENT_SECRET: naver.clientSecret, NAVER_API_BASE_URL: naver.url },
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await naver?.close();
});

describe('a shopping API that fails for some ingredients', () => {
  it('when searches for two ingredients fail every time, then only those two are estimates', async () => {
    const input = buildProfile({ target: 'general', servings: 2 });
    // A named dish is written the same way on every run (no draw): the test knows its ingredients ahead.
    const dish = '김치찌개';
    const normalized = normalizeProfile(ProfileInputSchema.parse(input));
    if (!normalized.ok) throw new Error(normalized.error.message);
    const ingredients = generateOfflineRecipe(normalized.profile, getCatalog(), { dish }).recipe.ingredients;
    const queryOf = (ingredientId: string): string => getCatalog().get(ingredientId)?.nameKo ?? ingredientId;
    // What the person already has is never looked up: the failing searches are of bought ingredients.
    const owned = ownedBy(normalized.profile);
    const bought = ingredients.map((ingredient) => ingredient.ingredientId).filter((id) => owned(id) === null);
    const failing = bought.slice(0, 2);
    expect(bought.length).toBeGreaterThan(failing.length);
    naver.setBehaviour({ failQueries: { [queryOf(failing[0] ?? '')]: 500, [queryOf(failing[1] ?? '')]: 503 } });

    const sessionId = await newSession(stack.gatewayUrl);
    await startRun(stack.gatewayUrl, sessionId, input, { dish });
    expect((await settled(stack.gatewayUrl, sessionId)).status).toBe('completed');
    const result = await resultOf(stack.gatewayUrl, sessionId);

    expect(result.recipe.ingredients.map((i) => i.ingredientId)).toEqual(ingredients.map((i) => i.ingredientId));
    const estimated = result.pricing.items.filter((item) => item.estimated).map((item) => item.ingredientId);
    expect(estimated.sort()).toEqual([...failing].sort());
    for (const item of result.pricing.items) {
      if (item.owned !== null) {
        expect(item.chosen).toBeNull();
      } else if (item.estimated) {
        expect(item.offers).toEqual([]);
        expect(item.chosen?.cost).toBeGreaterThan(0);
      } else {
        expect(item.offers.length).toBeGreaterThan(0);
      }
    }
    expect(result.sources.prices).toBe('mixed');
    // Each failing search was tried three times (the first call and two retries), then given up on.
    for (const id of failing) expect(naver.stats.callsFor(queryOf(id))).toBe(3);
    expect(result.summary.totalCost).toBe(result.pricing.totalEstimatedCost);
  }, 300_000);
});
