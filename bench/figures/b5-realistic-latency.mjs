// B5: realistic provider latency (the model answers in 3 s, each shop search in 300 ms) and a recipe
// of 12 ingredients: the product's end-to-end time against the seed's design reproduced in the same
// run: the same model call, then the 12 searches one after another (the seed's for-loop), through
// the same client code and settings against the same fakes, in this process and without Temporal.
import { performance } from 'node:perf_hooks';
import { DEFAULT_PROFILE, ProfileSchema } from '@ai-chef/contracts';
import {
  catalogReferencePrices,
  createClaudeRecipeWriter,
  createMemoryPriceCache,
  createMemoryQuotaCounter,
  createNaverClient,
  priceBasket,
} from '@ai-chef/activities';
import { getCatalog, offlineCandidates } from '@ai-chef/kitchen';
import { connectMongo } from '@ai-chef/platform';
import { runOnce, runTimeline } from '../run-driver.mjs';
import { round, summarize } from '../latency-stats.mjs';

const MODEL_MS = 3000;
const SHOP_MS = 300;
const INGREDIENTS = 12;
// The worker's defaults (README, Configuration): the product side runs with exactly these.
const WORKER_SETTINGS = {
  model: 'claude-sonnet-5-5',
  timeoutMs: 35_000,
  callsPerSecond: 10,
  shipping: { fee: 3000, freeThreshold: 30000 },
};
const PROFILE_INPUT = { target: 'general', cookingLevel: 'advanced' };

/** The model fake's answer in B5: a dish of the base with exactly 12 ingredients that passes every rule. */
function twelveIngredientRecipe(profile) {
  const found = offlineCandidates(profile).find(
    (candidate) => candidate.recipe.ingredients.length === INGREDIENTS,
  );
  if (!found) throw new Error(`no recipe of ${INGREDIENTS} ingredients passes for ${profile.target}`);
  return found.recipe;
}

/** The seed's pipeline: one model call, then a sequential price loop, then the basket. */
async function seedDesignRun(stack, profile) {
  const { model, shop } = stack.fakes;
  const writer = createClaudeRecipeWriter({
    apiKey: model.apiKey,
    baseURL: model.url,
    model: WORKER_SETTINGS.model,
    timeoutMs: WORKER_SETTINGS.timeoutMs,
  });
  const naver = createNaverClient({
    baseUrl: shop.url,
    clientId: shop.clientId,
    clientSecret: shop.clientSecret,
    concurrency: 1, // the seed's `for ingredient in ingredients:` loop
    callsPerSecond: WORKER_SETTINGS.callsPerSecond,
    quota: createMemoryQuotaCounter(),
  });
  const started = performance.now();
  const outcome = await writer.write(profile, { heartbeat: () => undefined });
  const recipeMs = performance.now() - started;
  const items = outcome.recipe.ingredients.map(({ ingredientId, name, amount, unit, grams }) => ({ ingredientId, name, amount, unit, grams }));
  const pricing = await priceBasket(
    // The seed knew no pantry: it searched every ingredient, salt and oil included (the product skips them).
    { items, profile: { ...profile, pantry: [] } },
    {
      naver,
      cache: createMemoryPriceCache(),
      references: catalogReferencePrices(getCatalog()),
      shipping: WORKER_SETTINGS.shipping,
    },
  );
  const totalMs = performance.now() - started;
  return {
    totalMs,
    recipeMs,
    pricesMs: totalMs - recipeMs,
    ingredients: outcome.recipe.ingredients.length,
    priced: pricing.items.filter((item) => !item.estimated).length,
  };
}

export const figure = {
  id: 'B5',
  title: 'realistic latency: model 3 s, shop 300 ms/call, 12 ingredients',
  needs: 'stack',
  async run({ stack, quick, log }) {
    const pairs = quick ? 1 : 5;
    const profile = ProfileSchema.parse({ ...DEFAULT_PROFILE, ...PROFILE_INPUT });
    const { model, shop } = stack.fakes;
    model.configure({ latencyMs: MODEL_MS, recipeFor: twelveIngredientRecipe });
    shop.configure({ latencyMs: SHOP_MS });
    // The worker's price cache would answer the second run from memory: each product run starts cold, as the seed's.
    const mongo = await connectMongo(stack.mongoUrl, stack.mongoDb);
    const product = [];
    const seed = [];
    try {
      log(`B5: ${pairs} product run(s) and ${pairs} seed-design run(s), interleaved`);
      for (let i = 0; i < pairs; i++) {
        await mongo.db.collection('price_cache').deleteMany({});
        const shopCalls = shop.calls;
        const run = await runOnce(stack, PROFILE_INPUT);
        if (run.status !== 'completed')
          throw new Error(`B5 product run ended ${run.status}: ${JSON.stringify(run.error)}`);
        const timeline = await runTimeline(stack, run);
        product.push({
          totalMs: run.endToEndMs,
          ...timeline.byActivity,
          overheadMs: run.endToEndMs - timeline.activityMs,
          shopCalls: shop.calls - shopCalls,
        });
        const seedCalls = shop.calls;
        seed.push({ ...(await seedDesignRun(stack, profile)), shopCalls: shop.calls - seedCalls });
      }
    } finally {
      await mongo.close();
      model.configure({ latencyMs: 0, recipeFor: null });
      shop.configure({ latencyMs: 0 });
    }
    const productMs = summarize(product.map((run) => run.totalMs));
    const seedMs = summarize(seed.map((run) => run.totalMs));
    const ratio = round(productMs.p50 / seedMs.p50, 2);
    return {
      value: `product p50 ${round(productMs.p50 / 1000, 2)} s (${product[0]?.shopCalls} searches)`,
      reference: `seed design p50 ${round(seedMs.p50 / 1000, 2)} s (sequential, ${seed[0]?.shopCalls} searches)`,
      ratio: `${ratio} (goal ≤ 0.5)`,
      met: ratio <= 0.5,
      data: {
        pairs,
        modelLatencyMs: MODEL_MS,
        shopLatencyMs: SHOP_MS,
        ingredients: INGREDIENTS,
        productMs,
        seedMs,
        ratio,
        productRuns: product,
        seedRuns: seed.map((run) => ({
          ...run,
          totalMs: round(run.totalMs),
          recipeMs: round(run.recipeMs),
          pricesMs: round(run.pricesMs),
        })),
      },
    };
  },
};
