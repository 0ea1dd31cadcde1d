// `npm run sweep`: what the built-in engine hands people, over many random profiles (no servers, no
// network): the share served that passes every rule (re-checked here, not taken from the engine), energy
// and sodium per serving by target, the share within budget with out-of-pocket and used cost per serving
// (estimated shop, basic pantry), and how many dishes the same profile meets across new sessions and
// across one session's runs. Deterministic: the profiles and every draw come from fixed seeds.
//   npm run sweep -- [--profiles 600] [--seed 7]
import { ALLERGEN_KEYS, TARGETS, profileWithDefaults } from '@ai-chef/contracts';
import {
  NoRecipePossibleError,
  brokenRules,
  checkRecipeRules,
  computeNutrition,
  generateOfflineRecipe,
  getCatalog,
  seededRandom,
} from '@ai-chef/kitchen';
import { catalogReferencePrices, createMemoryPriceCache, priceBasket } from '@ai-chef/activities';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const COUNT = option('profiles', 600);
const SEED = option('seed', 7);

const catalog = getCatalog();
const random = seededRandom(SEED);
const pick = (list) => list[Math.floor(random() * list.length)];
const some = (list, most) => {
  const chosen = new Set();
  const count = Math.floor(random() * (most + 1));
  while (chosen.size < count) chosen.add(pick(list));
  return [...chosen];
};
const EVERYDAY = ['onion', 'egg', 'tofu', 'kimchi', 'zucchini', 'potato', 'green_onion', 'carrot', 'cabbage', 'pork', 'chicken_breast', 'soybean_sprouts', 'spinach', 'mushroom', 'fish_cake', 'tuna_canned'].filter((id) => catalog.get(id));
const DISLIKES = ['cilantro', 'cucumber', 'eggplant', 'category:seafood', 'category:mushroom', 'celery', 'green_pepper'];
const CONDITIONS = ['diabetes', 'hypertension', 'kidney_disease', 'pregnancy', '통풍'];

function randomProfile(i) {
  const target = TARGETS[i % TARGETS.length];
  return profileWithDefaults({
    target,
    allergies: random() < 0.4 ? some(ALLERGEN_KEYS, 2) : [],
    dislikes: random() < 0.3 ? some(DISLIKES, 2) : [],
    healthConditions: target === 'baby_food' || random() < 0.6 ? [] : some(CONDITIONS, 1),
    cookingLevel: pick(['beginner', 'intermediate', 'advanced']),
    budget: pick([10_000, 20_000, 30_000, 50_000]),
    servings: 1 + Math.floor(random() * 4),
    babyAgeMonths: 4 + Math.floor(random() * 33),
    fridgeIngredients: target === 'fridge' || random() < 0.3 ? some(EVERYDAY, 6).concat(target === 'fridge' ? [pick(EVERYDAY), pick(EVERYDAY)] : []) : [],
    language: random() < 0.5 ? 'ko' : 'en',
  });
}

const pricingDeps = {
  cache: createMemoryPriceCache(),
  references: catalogReferencePrices(catalog),
  shipping: { fee: 3000, freeThreshold: 30_000 },
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)];
};
const quantiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { p10: at(0.1), median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1] ?? null };
};

const byTarget = Object.fromEntries(TARGETS.map((target) => [target, { served: 0, none: 0, failing: 0, kcal: [], sodium: [], within: 0, paid: [], used: [], dishes: new Set() }]));
for (let i = 0; i < COUNT; i++) {
  const profile = randomProfile(i);
  const row = byTarget[profile.target];
  let served;
  try {
    served = generateOfflineRecipe(profile, catalog, { random: seededRandom(`sweep-${i}`) });
  } catch (error) {
    if (!(error instanceof NoRecipePossibleError)) throw error;
    row.none += 1;
    continue;
  }
  row.served += 1;
  row.dishes.add(served.recipeId);
  const computed = computeNutrition(served.recipe.ingredients, served.recipe.servings, catalog);
  if (brokenRules(checkRecipeRules(served.recipe, computed, profile, catalog)).length > 0) row.failing += 1;
  row.kcal.push(computed.perServing.calories);
  row.sodium.push(computed.perServing.sodium);
  const pricing = await priceBasket({ items: served.recipe.ingredients, profile, alternatives: served.alternatives }, pricingDeps);
  if (pricing.withinBudget) row.within += 1;
  row.paid.push(Math.round(pricing.totalEstimatedCost / profile.servings));
  row.used.push(Math.round(pricing.usedCost / profile.servings));
}

// Variety: one plain profile per target, ten new sessions; and one session's five runs in a row.
const variety = {};
for (const target of TARGETS) {
  const profile = profileWithDefaults({ target, babyAgeMonths: 9, cookingLevel: 'advanced', fridgeIngredients: target === 'fridge' ? EVERYDAY.slice(0, 7) : [] });
  const sessions = new Set();
  for (let s = 0; s < 10; s++) {
    try {
      sessions.add(generateOfflineRecipe(profile, catalog, { random: seededRandom(`session-${target}-${s}`) }).recipeId);
    } catch {
      /* no dish */
    }
  }
  let distinctRuns = 0;
  const trials = 20;
  for (let t = 0; t < trials; t++) {
    const eaten = [];
    for (let run = 0; run < 5; run++) {
      try {
        eaten.push(generateOfflineRecipe(profile, catalog, { random: seededRandom(`run-${target}-${t}-${run}`), avoid: eaten }).recipeId);
      } catch {
        break;
      }
    }
    if (eaten.length === 5 && new Set(eaten).size === 5) distinctRuns += 1;
  }
  variety[target] = { dishesIn10Sessions: sessions.size, fiveRunsAllDistinct: `${distinctRuns}/${trials}` };
}

const report = Object.entries(byTarget).map(([target, row]) => ({
  target,
  served: row.served,
  noRecipe: row.none,
  distinctDishes: row.dishes.size,
  passingEveryRule: row.served === 0 ? null : `${(((row.served - row.failing) / row.served) * 100).toFixed(1)} %`,
  kcalPerServing: quantiles(row.kcal),
  sodiumPerServing: quantiles(row.sodium),
  withinBudget: row.served === 0 ? null : `${((row.within / row.served) * 100).toFixed(0)} %`,
  paidPerServingMedian: median(row.paid),
  usedPerServingMedian: median(row.used),
}));
console.log(`answer sweep: ${COUNT} profiles, seed ${SEED}`);
console.table(report.map((r) => ({ ...r, kcalPerServing: `${r.kcalPerServing.p10}–${r.kcalPerServing.median}–${r.kcalPerServing.p90}`, sodiumPerServing: `${r.sodiumPerServing.p10}–${r.sodiumPerServing.median}–${r.sodiumPerServing.max}` })));
console.table(variety);
const all = Object.values(byTarget);
const served = all.reduce((sum, row) => sum + row.served, 0);
const failing = all.reduce((sum, row) => sum + row.failing, 0);
console.log(`served ${served} of ${COUNT}; passing every rule: ${served - failing} (${(((served - failing) / Math.max(1, served)) * 100).toFixed(1)} %)`);
console.log(JSON.stringify({ count: COUNT, seed: SEED, report, variety }));
