// B7: the two CPU-bound pieces, in this process: the offline recipe engine (generateOfflineRecipe)
// over varied profiles, and the basket solver on random 30 ingredients × 10 offers over 12 vendors.
import { performance } from 'node:perf_hooks';
import { DEFAULT_PROFILE, ProfileSchema } from '@ai-chef/contracts';
import { DEFAULT_BASKET_TIME_LIMIT_MS, seededRandom, solveBasket } from '@ai-chef/activities';
import { generateOfflineRecipe } from '@ai-chef/kitchen';
import { ms, summarize } from '../latency-stats.mjs';

const SHIPPING = { fee: 3000, freeThreshold: 30000 };
const VENDORS = Array.from({ length: 12 }, (_, v) => `vendor-${v + 1}`);

/** Profiles over every target, servings, cooking level, language and a few allergies. */
function engineProfiles(rand, count) {
  const targets = [
    { target: 'general' },
    { target: 'keto' },
    { target: 'diet' },
    { target: 'diabetes' },
    { target: 'baby_food', babyAgeMonths: 6 },
    { target: 'baby_food', babyAgeMonths: 10 },
    { target: 'baby_food', babyAgeMonths: 24 },
    { target: 'general', healthConditions: ['hypertension'] },
  ];
  const allergens = ['egg', 'milk', 'wheat', 'soybean', 'shrimp', 'peanut', 'pork', 'beef'];
  return Array.from({ length: count }, (_, i) => {
    const pick = (list) => list[Math.floor(rand() * list.length)];
    return ProfileSchema.parse({
      ...DEFAULT_PROFILE,
      ...targets[i % targets.length],
      servings: 1 + Math.floor(rand() * 4),
      cookingLevel: pick(['beginner', 'intermediate', 'advanced']),
      language: pick(['ko', 'en']),
      allergies: allergens.filter(() => rand() < 0.15),
    });
  });
}

function basketProblem(rand) {
  return Array.from({ length: 30 }, () =>
    Array.from({ length: 10 }, () => ({
      vendor: VENDORS[Math.floor(rand() * VENDORS.length)],
      cost: 500 + Math.round(rand() * 195) * 100,
    })),
  );
}

function time(fn) {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

export const figure = {
  id: 'B7',
  title: 'offline recipe engine and basket solver, per call',
  needs: 'none',
  async run({ quick, log }) {
    const calls = quick ? 500 : 2000;
    // The same "random" problems on every run, so runs compare.
    const rand = seededRandom(7);
    // Profiles no recipe of the base can serve make the engine throw: they are left out of the timing.
    const profiles = engineProfiles(rand, 400).filter((profile) => {
      try {
        generateOfflineRecipe(profile);
        return true;
      } catch {
        return false;
      }
    });
    log(`B7: offline engine, ${calls} calls over ${profiles.length} profiles (after a warm-up pass)`);
    const engine = [];
    for (let i = 0; i < calls; i++)
      engine.push(time(() => generateOfflineRecipe(profiles[i % profiles.length])).ms);

    log(`B7: basket solver, ${calls} random problems of 30 × 10 over ${VENDORS.length} vendors`);
    const problems = Array.from({ length: calls + 100 }, () => basketProblem(rand));
    for (const items of problems.slice(0, 100)) solveBasket({ items, shipping: SHIPPING });
    const solver = [];
    let exact = 0;
    for (const items of problems.slice(100)) {
      const { ms, value } = time(() => solveBasket({ items, shipping: SHIPPING }));
      solver.push(ms);
      if (value.exact) exact += 1;
    }
    const engineMs = summarize(engine);
    const solverMs = summarize(solver);
    return {
      value: `engine p50 ${ms(engineMs.p50)} ms, p99 ${ms(engineMs.p99)} ms; solver p50 ${ms(solverMs.p50)} ms, p99 ${ms(solverMs.p99)} ms (${exact}/${calls} proven optimal within the ${DEFAULT_BASKET_TIME_LIMIT_MS} ms cap)`,
      reference: '—',
      ratio: 'goal: engine p99 ≤ 5 ms; solver p99 ≤ 50 ms',
      met: engineMs.p99 <= 5 && solverMs.p99 <= 50,
      data: {
        calls,
        profiles: profiles.length,
        engineMs,
        solverMs,
        solverProvenOptimal: exact,
        solverTimeCapMs: DEFAULT_BASKET_TIME_LIMIT_MS,
      },
    };
  },
};
