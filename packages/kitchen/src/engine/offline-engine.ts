import type { Alternative, Notice, Nutrition, Profile, Recipe } from '@ai-chef/contracts';
import { getCatalog } from '../catalog.js';
import type { Catalog } from '../catalog.js';
import { estimateBasket } from '../costing/estimate.js';
import type { BasketEstimate } from '../costing/estimate.js';
import { DEFAULT_SHIPPING } from '../costing/shipping.js';
import type { ShippingPolicy } from '../costing/shipping.js';
import { nameKey } from '../ingredient-schema.js';
import { computeNutrition } from '../nutrition.js';
import type { ComputedNutrition } from '../nutrition.js';
import { COOKING_LEVEL_LIMITS, babyStageFor, brokenRules, checkRecipeRules, conditionsNamed, difficultyRank } from '../rules/index.js';
import { renderTemplate } from '../text/step-template.js';
import { adapt } from './adapt.js';
import type { Adapted, Rejection } from './adapt.js';
import { choiceOrder, score } from './choose.js';
import { explainRejections } from './explain.js';
import { prepareLibrary } from './prepare.js';
import type { PreparedRecipe } from './prepare.js';
import { adaptationNotices, writeRecipe } from './write.js';

/** No dish of the library can be adapted to pass the profile's rules; no retry can change that. */
export class NoRecipePossibleError extends Error {
  override readonly name = 'NoRecipePossibleError';
  readonly reasons: string[];

  constructor(reasons: string[]) {
    super(reasons.join(' '));
    this.reasons = reasons;
  }
}

export interface EngineOptions {
  /** The run's random source (seededRandom(runId) in production: a retry draws the same dish). */
  random?: () => number;
  /** The session's earlier dishes (library ids or names): offered only when nothing else passes. */
  avoid?: readonly string[];
  /** The estimated shop's shipping rule, for what a dish costs out of pocket. */
  shipping?: ShippingPolicy;
  /** A dish the person chose (library id): cooked if it passes, whatever the draw would have given. */
  dish?: string;
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
}

export interface OfflineRecipe {
  recipeId: string;
  recipe: Recipe;
  nutrition: Nutrition;
  notices: Notice[];
  alternatives: Alternative[];
}

type Attempt = { ok: true; candidate: OfflineCandidate } | { ok: false; rejection: Rejection };

interface Written {
  recipe: Recipe;
  computed: ComputedNutrition;
}

/**
 * Most dishes need no adapting beyond the profile's target, conditions and servings: their text and
 * nutrition are written once and kept (shared, never handed out: callers get copies).
 */
const writtenCache = new WeakMap<Catalog, Map<string, Written>>();
const MAX_WRITTEN = 5000;

function cacheKey(adapted: Adapted, profile: Profile): string | undefined {
  const plain =
    profile.target !== 'fridge' &&
    profile.allergies.length === 0 &&
    profile.dislikes.length === 0 &&
    adapted.swaps.length === 0 &&
    adapted.addIns.length === 0;
  if (!plain) return undefined;
  const stage = profile.target === 'baby_food' && profile.babyAgeMonths !== undefined ? babyStageFor(profile.babyAgeMonths).key : '';
  const conditions = conditionsNamed(profile.healthConditions).keys.join(',');
  return [adapted.prepared.recipe.id, profile.servings, profile.language, stage, profile.target, conditions].join('|');
}

function writeOut(adapted: Adapted, profile: Profile, catalog: Catalog): Written {
  const key = cacheKey(adapted, profile);
  let cache = writtenCache.get(catalog);
  if (cache === undefined) {
    cache = new Map();
    writtenCache.set(catalog, cache);
  }
  const known = key === undefined ? undefined : cache.get(key);
  if (known !== undefined) return known;
  const recipe = writeRecipe(adapted, profile);
  const computed = computeNutrition(
    recipe.ingredients.map(({ ingredientId, grams }) => ({ ingredientId, grams })),
    recipe.servings,
    catalog,
  );
  const written = { recipe, computed };
  if (key !== undefined) {
    if (cache.size >= MAX_WRITTEN) cache.clear();
    cache.set(key, written);
  }
  return written;
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
      reason: en ? `Takes ${cookingTime} min; at most ${limits.maxMinutes}.` : `조리 시간 ${cookingTime}분: ${limits.maxMinutes}분 이하여야 합니다.`,
    });
  if (difficultyRank(difficulty) > difficultyRank(limits.hardest))
    reasons.push({
      rule: 'cooking_level.difficulty',
      reason: en ? `Difficulty ${difficulty}; at most ${limits.hardest}.` : `난이도 ${difficulty}: ${limits.hardest} 이하여야 합니다.`,
    });
  return reasons.length > 0 ? { kind: 'rules', reasons } : undefined;
}

function attempt(prepared: PreparedRecipe, profile: Profile, catalog: Catalog, shipping: ShippingPolicy): Attempt {
  // Time and difficulty do not change with adapting: a dish too long for the cook fails before it is written.
  const level = levelRejection(prepared, profile);
  if (level !== undefined) return { ok: false, rejection: level };
  const adapted = adapt(prepared, profile, catalog);
  if ('kind' in adapted) return { ok: false, rejection: adapted };
  const { recipe, computed } = writeOut(adapted, profile, catalog);
  const checks = checkRecipeRules(recipe, computed, profile, catalog);
  const broken = brokenRules(checks);
  if (broken.length > 0) {
    return {
      ok: false,
      rejection: { kind: 'rules', reasons: broken.map((check) => ({ rule: check.rule, reason: check.reason ?? check.rule })) },
    };
  }
  const estimate = estimateBasket(recipe.ingredients, profile, catalog, shipping);
  const fridge = new Set(profile.fridgeIngredients);
  const fridgeItemsUsed = new Set(
    recipe.ingredients
      .filter((line) => fridge.has(line.ingredientId) && catalog.get(line.ingredientId)?.staple !== true)
      .map((line) => line.ingredientId),
  ).size;
  const candidate: OfflineCandidate = {
    recipeId: prepared.recipe.id,
    recipe,
    nutrition: { ...computed, checks },
    notices: adaptationNotices(adapted, profile.language),
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
    estimate,
  };
  return { ok: true, candidate };
}

function suits(prepared: PreparedRecipe, profile: Profile): boolean {
  const recipe = prepared.recipe;
  if (!recipe.targets.includes(profile.target)) return false;
  if (profile.target !== 'baby_food') return true;
  if (profile.babyAgeMonths === undefined) return false;
  return recipe.babyStages?.includes(babyStageFor(profile.babyAgeMonths).key) === true;
}

function rank(profile: Profile, catalog: Catalog, shipping: ShippingPolicy) {
  const pool = prepareLibrary(catalog).recipes.filter((prepared) => suits(prepared, profile));
  const passing: OfflineCandidate[] = [];
  const rejections: Rejection[] = [];
  for (const prepared of pool) {
    const result = attempt(prepared, profile, catalog, shipping);
    if (result.ok) passing.push(result.candidate);
    else rejections.push(result.rejection);
  }
  passing.sort((a, b) => b.score - a.score || a.recipeId.localeCompare(b.recipeId));
  return { passing, rejections, tried: pool.length };
}

/**
 * Every library dish that, adapted to the profile, breaks no rule: best first. Adapting swaps or leaves
 * out what the profile rules out, works fridge items in, sizes rice, fits salt and scales to the servings.
 */
export function offlineCandidates(
  profile: Profile,
  catalog: Catalog = getCatalog(),
  options: EngineOptions = {},
): OfflineCandidate[] {
  return structuredClone(rank(profile, catalog, options.shipping ?? DEFAULT_SHIPPING).passing);
}

/** Library ids of dishes named by id or by their Korean or English name. */
export function libraryIdsOf(names: readonly string[], catalog: Catalog = getCatalog()): Set<string> {
  const wanted = new Set(names.map(nameKey));
  const ids = new Set<string>();
  for (const { recipe } of prepareLibrary(catalog).recipes) {
    if (wanted.has(nameKey(recipe.id)) || wanted.has(nameKey(recipe.name.ko)) || wanted.has(nameKey(recipe.name.en)))
      ids.add(recipe.id);
  }
  return ids;
}

function alternative(candidate: OfflineCandidate, profile: Profile, catalog: Catalog): Alternative {
  const prepared = prepareLibrary(catalog).recipes.find((entry) => entry.recipe.id === candidate.recipeId)!;
  const language = profile.language;
  // The description's templates filled as the dish would be cooked for this profile.
  const description =
    renderTemplate(prepared.recipe.description[language], language, {
      line: (id) => {
        const line = candidate.recipe.ingredients.find((entry) => entry.ingredientId === id);
        const ingredient = catalog.get(id);
        if (line === undefined || ingredient === undefined) return undefined;
        const name = language === 'en' ? ingredient.nameEn.toLowerCase() : ingredient.nameKo;
        return { name, plural: name, amount: line.amount, unit: line.unit };
      },
    }) ?? '';
  return {
    recipeName: prepared.recipe.name[language],
    description,
    estimatedCost: candidate.estimate.outOfPocket,
  };
}

/**
 * Writes a recipe for the profile from the library without any network. Among the dishes that pass every
 * rule it draws one (choose.ts): the session's earlier dishes only when nothing else passes, a dish over
 * the budget only when none fits. The choice is made in one language, so the recipe's language plays no
 * part in it. Throws NoRecipePossibleError, with reasons a person can read, when no dish passes.
 */
export function generateOfflineRecipe(
  profile: Profile,
  catalog: Catalog = getCatalog(),
  options: EngineOptions = {},
): OfflineRecipe {
  const shipping = options.shipping ?? DEFAULT_SHIPPING;
  const canonical: Profile = { ...profile, language: 'ko' };
  const { passing, rejections, tried } = rank(canonical, catalog, shipping);
  const avoid = libraryIdsOf(options.avoid ?? [], catalog);
  const chosen = options.dish === undefined ? undefined : libraryIdsOf([options.dish], catalog);
  const order = choiceOrder(
    passing
      .filter((candidate) => chosen === undefined || chosen.has(candidate.recipeId))
      .map((candidate) => ({
      id: candidate.recipeId,
      score: candidate.score,
      withinBudget: candidate.estimate.outOfPocket <= profile.budget,
      candidate,
    })),
    avoid,
    options.random ?? Math.random,
  );
  for (const entry of order) {
    const written =
      profile.language === 'ko'
        ? ({ ok: true, candidate: entry.candidate } as const)
        : attempt(prepareLibrary(catalog).recipes.find((prepared) => prepared.recipe.id === entry.id)!, profile, catalog, shipping);
    if (!written.ok) continue;
    const others = (chosen === undefined ? order : passing.map((candidate) => ({
      id: candidate.recipeId,
      score: candidate.score,
      withinBudget: candidate.estimate.outOfPocket <= profile.budget,
      candidate,
    })))
      .filter((other) => other.id !== entry.id)
      .sort((a, b) => Number(avoid.has(a.id)) - Number(avoid.has(b.id)) || Number(b.withinBudget) - Number(a.withinBudget) || b.score - a.score)
      .slice(0, 3);
    return structuredClone({
      recipeId: entry.id,
      recipe: written.candidate.recipe,
      nutrition: written.candidate.nutrition,
      notices: written.candidate.notices,
      alternatives: others.map((other) => alternative(other.candidate, profile, catalog)),
    });
  }
  throw new NoRecipePossibleError(explainRejections(rejections, tried, profile));
}

/**
 * One named library dish cooked for the profile, whether or not it passes (its checks tell); a rejection
 * when the profile rules it out before any check (an allergen in a main ingredient).
 */
export function cookLibraryDish(
  recipeId: string,
  profile: Profile,
  catalog: Catalog = getCatalog(),
): { recipe: Recipe; nutrition: Nutrition; notices: Notice[] } | Rejection | undefined {
  const prepared = prepareLibrary(catalog).recipes.find((entry) => entry.recipe.id === recipeId);
  if (prepared === undefined) return undefined;
  const adapted = adapt(prepared, profile, catalog);
  if ('kind' in adapted) return adapted;
  const { recipe, computed } = writeOut(adapted, profile, catalog);
  const checks = checkRecipeRules(recipe, computed, profile, catalog);
  return structuredClone({ recipe, nutrition: { ...computed, checks }, notices: adaptationNotices(adapted, profile.language) });
}

/** What the library's data do not agree on with the catalog (empty when all is well). */
export function libraryProblems(catalog: Catalog = getCatalog()): string[] {
  return [...prepareLibrary(catalog).problems];
}
