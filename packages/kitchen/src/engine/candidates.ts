import type { Notice, Nutrition, Profile, Recipe, RecipeIngredient, RuleCheck } from '@ai-chef/contracts';
import type { Catalog } from '../catalog.js';
import { estimateBasket } from '../costing/estimate.js';
import type { BasketEstimate } from '../costing/estimate.js';
import type { ShippingPolicy } from '../costing/shipping.js';
import { computeNutrition } from '../nutrition.js';
import type { ComputedNutrition } from '../nutrition.js';
import {
  COOKING_LEVEL_LIMITS,
  babyStageFor,
  brokenRules,
  checkNumericRules,
  checkRecipeRules,
  conditionsNamed,
  difficultyRank,
} from '../rules/index.js';
import { adapt } from './adapt.js';
import type { Adapted, Rejection } from './adapt.js';
import { score } from './choose.js';
import { prepareLibrary } from './prepare.js';
import type { PreparedRecipe } from './prepare.js';
import { adaptationNotices, writeIngredients, writeRecipe } from './write.js';

/**
 * A library dish adapted to a profile and measured, its words not yet written: most dishes a profile rules
 * out fail on numbers (energy, sodium, carbohydrate), and those are never written out. Its score and basket
 * are known, so the engine can choose before it writes.
 */
export interface Sketch {
  prepared: PreparedRecipe;
  adapted: Adapted;
  ingredients: RecipeIngredient[];
  computed: ComputedNutrition;
  score: number;
  estimate: BasketEstimate;
}

/** One library dish adapted to a profile and passing every rule. */
export interface OfflineCandidate {
  recipeId: string;
  recipe: Recipe;
  nutrition: Nutrition;
  /** What the adaptation changed (substitution, left_out, salt_reduced). */
  notices: Notice[];
  score: number;
  /** Its basket at reference prices from the estimated shop, owned items not bought. */
  estimate: BasketEstimate;
  /** What the dish is (its main lines): never left out, never swapped for the budget. */
  mainIngredientIds: string[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

interface Measured {
  adapted: Adapted;
  ingredients: RecipeIngredient[];
  computed: ComputedNutrition;
  numeric: RuleCheck[];
}

/**
 * Dishes that need no adapting beyond the profile's target, conditions, servings and cook are measured and
 * written once and kept (shared, never handed out: callers get copies).
 */
const measuredCache = new WeakMap<Catalog, Map<string, Measured | Rejection>>();
const writtenCache = new WeakMap<Catalog, Map<string, { recipe: Recipe; checks: RuleCheck[] }>>();
const MAX_CACHED = 5000;

function cacheOf<T>(caches: WeakMap<Catalog, Map<string, T>>, catalog: Catalog): Map<string, T> {
  let cache = caches.get(catalog);
  if (cache === undefined) {
    cache = new Map();
    caches.set(catalog, cache);
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  return cache;
}

/** The key of a dish for a profile that changes nothing in it but what every such profile changes; else undefined. */
function plainKey(recipeId: string, profile: Profile): string | undefined {
  if (profile.target === 'fridge' || profile.allergies.length > 0 || profile.dislikes.length > 0) return undefined;
  const age = profile.target === 'baby_food' ? (profile.babyAgeMonths ?? '') : '';
  const conditions = conditionsNamed(profile.healthConditions).keys.join(',');
  return [recipeId, profile.servings, profile.language, age, profile.target, conditions, profile.cookingLevel].join('|');
}

function levelRejection(prepared: PreparedRecipe, profile: Profile): Rejection | undefined {
  const limits = COOKING_LEVEL_LIMITS[profile.cookingLevel];
  if (limits === null) return undefined;
  const { cookingTime, difficulty } = prepared.recipe;
  const reasons: Rejection['reasons'] = [];
  const en = profile.language === 'en';
  if (cookingTime > limits.maxMinutes)
    reasons.push({
      rule: 'cooking_level.time',
      reason: en
        ? `Takes ${cookingTime} min; at most ${limits.maxMinutes}.`
        : `조리 시간 ${cookingTime}분: ${limits.maxMinutes}분 이하여야 합니다.`,
    });
  if (difficultyRank(difficulty) > difficultyRank(limits.hardest))
    reasons.push({
      rule: 'cooking_level.difficulty',
      reason: en ? `Difficulty ${difficulty}; at most ${limits.hardest}.` : `난이도 ${difficulty}: ${limits.hardest} 이하여야 합니다.`,
    });
  return reasons.length > 0 ? { kind: 'rules', reasons } : undefined;
}

function rejectionOf(checks: readonly RuleCheck[]): Rejection {
  return { kind: 'rules', reasons: brokenRules(checks).map((check) => ({ rule: check.rule, reason: check.reason ?? check.rule })) };
}

function measure(prepared: PreparedRecipe, profile: Profile, catalog: Catalog): Measured | Rejection {
  // Time and difficulty do not change with adapting: a dish too long for the cook fails before anything else.
  const level = levelRejection(prepared, profile);
  if (level !== undefined) return level;
  const adapted = adapt(prepared, profile, catalog);
  if ('kind' in adapted) return adapted;
  const ingredients = writeIngredients(adapted, profile);
  const computed = computeNutrition(ingredients, profile.servings, catalog);
  const skeleton = skeletonOf(prepared, ingredients, profile);
  const numeric = checkNumericRules(skeleton, computed, profile, catalog);
  return brokenRules(numeric).length > 0 ? rejectionOf(numeric) : { adapted, ingredients, computed, numeric };
}

function skeletonOf(prepared: PreparedRecipe, ingredients: RecipeIngredient[], profile: Profile): Recipe {
  return {
    recipeName: prepared.recipe.name[profile.language],
    description: '',
    cookingTime: prepared.recipe.cookingTime,
    difficulty: prepared.recipe.difficulty,
    servings: profile.servings,
    ingredients,
    instructions: [],
    targetNotes: '',
    language: profile.language,
  };
}

/** A dish adapted and measured for the profile, or why its numbers rule it out. */
export function sketch(prepared: PreparedRecipe, profile: Profile, catalog: Catalog, shipping: ShippingPolicy): Outcome<Sketch> {
  const key = plainKey(prepared.recipe.id, profile);
  const cache = cacheOf(measuredCache, catalog);
  let measured = key === undefined ? undefined : cache.get(key);
  if (measured === undefined) {
    measured = measure(prepared, profile, catalog);
    if (key !== undefined) cache.set(key, measured);
  }
  if ('kind' in measured) return { ok: false, rejection: measured };
  const { adapted, ingredients, computed } = measured;
  const estimate = estimateBasket(ingredients, profile, catalog, shipping);
  const fridge = new Set(profile.fridgeIngredients);
  const fridgeItemsUsed = new Set(
    ingredients.filter((line) => fridge.has(line.ingredientId) && catalog.get(line.ingredientId)?.staple !== true).map((line) => line.ingredientId),
  ).size;
  return {
    ok: true,
    value: {
      prepared,
      adapted,
      ingredients,
      computed,
      estimate,
      score: score({
        fridgeItemsUsed,
        fridgeTarget: profile.target === 'fridge',
        templateDish: prepared.recipe.addIns?.required === true,
        swaps: adapted.swaps.length,
        leftOut: adapted.dropped.filter((dropped) => dropped.why !== undefined).length,
        poorFits: adapted.poorFits,
        outOfPocket: estimate.outOfPocket,
        budget: profile.budget,
      }),
    },
  };
}

/** A sketched dish written out in words and checked against every rule. */
export function complete(drawn: Sketch, profile: Profile, catalog: Catalog): Outcome<OfflineCandidate> {
  const key = plainKey(drawn.prepared.recipe.id, profile);
  const cache = cacheOf(writtenCache, catalog);
  let written = key === undefined ? undefined : cache.get(key);
  if (written === undefined) {
    const recipe = writeRecipe(drawn.adapted, profile, drawn.ingredients);
    written = { recipe, checks: checkRecipeRules(recipe, drawn.computed, profile, catalog) };
    if (key !== undefined) cache.set(key, written);
  }
  if (brokenRules(written.checks).length > 0) return { ok: false, rejection: rejectionOf(written.checks) };
  return {
    ok: true,
    value: {
      recipeId: drawn.prepared.recipe.id,
      recipe: written.recipe,
      nutrition: { ...drawn.computed, checks: written.checks },
      notices: adaptationNotices(drawn.adapted, profile.language),
      score: drawn.score,
      estimate: drawn.estimate,
      mainIngredientIds: drawn.adapted.lines.filter((line) => line.role === 'main').map((line) => line.ingredient.id),
    },
  };
}

/** The library dishes written for the profile's target (and the baby's stage). */
export function suitableDishes(profile: Profile, catalog: Catalog): PreparedRecipe[] {
  const stage = profile.target === 'baby_food' && profile.babyAgeMonths !== undefined ? babyStageFor(profile.babyAgeMonths).key : undefined;
  return prepareLibrary(catalog).recipes.filter(
    ({ recipe }) =>
      recipe.targets.includes(profile.target) &&
      (profile.target !== 'baby_food' || (stage !== undefined && recipe.babyStages?.includes(stage) === true)),
  );
}

/** One dish cooked for the profile whatever it breaks (to show what), or why the profile rules it out first. */
export function cookWhole(prepared: PreparedRecipe, profile: Profile, catalog: Catalog) {
  const adapted = adapt(prepared, profile, catalog);
  if ('kind' in adapted) return adapted;
  const ingredients = writeIngredients(adapted, profile);
  const computed = computeNutrition(ingredients, profile.servings, catalog);
  const recipe = writeRecipe(adapted, profile, ingredients);
  const checks = checkRecipeRules(recipe, computed, profile, catalog);
  return { recipe, nutrition: { ...computed, checks }, notices: adaptationNotices(adapted, profile.language) };
}
