import { DEFAULT_PROFILE } from '@ai-chef/contracts';
import type { Alternative, Notice, Nutrition, Profile, Recipe } from '@ai-chef/contracts';
import { getCatalog } from '../catalog.js';
import type { Catalog } from '../catalog.js';
import { DEFAULT_SHIPPING } from '../costing/shipping.js';
import type { ShippingPolicy } from '../costing/shipping.js';
import { nameKey } from '../ingredient-schema.js';
import { renderTemplate } from '../text/step-template.js';
import type { Rejection } from './adapt.js';
import { complete, cookWhole, sketch, suitableDishes } from './candidates.js';
import type { OfflineCandidate, Sketch } from './candidates.js';
import { CHOICE_MAX_POOL, choiceOrder } from './choose.js';
import { explainRejections } from './explain.js';
import { prepareLibrary } from './prepare.js';
import { inSentence } from '../text/words.js';

export type { OfflineCandidate } from './candidates.js';

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
  /** A dish the person chose (library id or name): cooked if it passes, whatever the draw would have given. */
  dish?: string;
}

export interface OfflineRecipe {
  recipeId: string;
  recipe: Recipe;
  nutrition: Nutrition;
  notices: Notice[];
  alternatives: Alternative[];
  /** What the dish is (its main lines): never swapped for the budget. */
  mainIngredientIds: string[];
}

/** Every suitable dish sketched for the profile: those whose numbers pass, and why the others do not. */
function sketchAll(profile: Profile, catalog: Catalog, shipping: ShippingPolicy) {
  const pool = suitableDishes(profile, catalog);
  const sketches: Sketch[] = [];
  const rejections: Rejection[] = [];
  for (const prepared of pool) {
    const result = sketch(prepared, profile, catalog, shipping);
    if (result.ok) sketches.push(result.value);
    else rejections.push(result.rejection);
  }
  sketches.sort((a, b) => b.score - a.score || a.prepared.recipe.id.localeCompare(b.prepared.recipe.id));
  return { sketches, rejections, tried: pool.length };
}

/** Every library dish that passes for the profile (best first), and why the others do not. */
export function rankCandidates(
  profile: Profile,
  catalog: Catalog = getCatalog(),
  options: EngineOptions = {},
): { passing: OfflineCandidate[]; reasons: () => string[] } {
  const { sketches, rejections, tried } = sketchAll(profile, catalog, options.shipping ?? DEFAULT_SHIPPING);
  const passing: OfflineCandidate[] = [];
  for (const drawn of sketches) {
    const done = complete(drawn, profile, catalog);
    if (done.ok) passing.push(done.value);
    else rejections.push(done.rejection);
  }
  return { passing: structuredClone(passing), reasons: () => explainRejections(rejections, tried, profile) };
}

/**
 * Every library dish that, adapted to the profile, breaks no rule: best first. Adapting swaps or leaves out
 * what the profile rules out, works fridge items in, sizes rice, fits salt and scales to the servings.
 */
export function offlineCandidates(profile: Profile, catalog: Catalog = getCatalog(), options: EngineOptions = {}): OfflineCandidate[] {
  return rankCandidates(profile, catalog, options).passing;
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

/** A dish as the result's alternatives name it, in the profile's language. */
function alternative(candidate: OfflineCandidate, profile: Profile, catalog: Catalog): Alternative {
  const prepared = prepareLibrary(catalog).recipes.find((entry) => entry.recipe.id === candidate.recipeId)!;
  const language = profile.language;
  const description =
    renderTemplate(prepared.recipe.description[language], language, {
      line: (id) => {
        const line = candidate.recipe.ingredients.find((entry) => entry.ingredientId === id);
        const ingredient = catalog.get(id);
        if (line === undefined || ingredient === undefined) return undefined;
        const name = language === 'en' ? inSentence(ingredient.nameEn) : ingredient.nameKo;
        return { name, plural: name, amount: line.amount, unit: line.unit };
      },
    }) ?? '';
  return { recipeName: prepared.recipe.name[language], description, estimatedCost: candidate.estimate.outOfPocket };
}

/** Up to this many other dishes are named beside the one served. */
const ALTERNATIVES = 3;

/**
 * Writes a recipe for the profile from the library without any network. Among the dishes whose numbers pass it
 * draws an order (choose.ts: the session's earlier dishes last, dishes over the budget after those that fit),
 * and serves the first that passes every rule once written out; the next ones that pass are its alternatives.
 * The choice is made in one language, so the recipe's language plays no part in it. Throws
 * NoRecipePossibleError, with reasons a person can read, when no dish passes.
 */
export function generateOfflineRecipe(profile: Profile, catalog: Catalog = getCatalog(), options: EngineOptions = {}): OfflineRecipe {
  const shipping = options.shipping ?? DEFAULT_SHIPPING;
  const canonical: Profile = { ...profile, language: 'ko' };
  const { sketches, rejections, tried } = sketchAll(canonical, catalog, shipping);
  const avoid = libraryIdsOf(options.avoid ?? [], catalog);
  // A chosen dish the library does not know (a model's dish of an earlier run) leaves the draw as it is.
  const named = options.dish === undefined ? undefined : libraryIdsOf([options.dish], catalog);
  const chosen = named !== undefined && named.size > 0 ? named : undefined;
  // The draw's pool must hold dishes that pass once written out: the best of each group (see choiceOrder)
  // are written before the draw, so one that fails on its words leaves the pool instead of skewing it.
  const written = new Map<string, ReturnType<typeof complete>>();
  const writeKo = (drawn: Sketch) => {
    const id = drawn.prepared.recipe.id;
    let done = written.get(id);
    if (done === undefined) {
      done = complete(drawn, canonical, catalog);
      written.set(id, done);
    }
    return done;
  };
  const groupOf = (drawn: Sketch): string =>
    `${avoid.has(drawn.prepared.recipe.id)}|${drawn.estimate.outOfPocket <= profile.budget}`;
  const validInGroup = new Map<string, number>();
  for (const drawn of sketches) {
    const group = groupOf(drawn);
    if ((validInGroup.get(group) ?? 0) >= CHOICE_MAX_POOL) continue;
    if (writeKo(drawn).ok) validInGroup.set(group, (validInGroup.get(group) ?? 0) + 1);
  }
  const choosable = sketches
    .filter((drawn) => written.get(drawn.prepared.recipe.id)?.ok !== false)
    .map((drawn) => ({
      id: drawn.prepared.recipe.id,
      score: drawn.score,
      withinBudget: drawn.estimate.outOfPocket <= profile.budget,
      drawn,
    }));
  const order = choiceOrder(choosable, avoid, options.random ?? Math.random);
  let served: OfflineCandidate | undefined;
  const others: OfflineCandidate[] = [];
  for (const entry of order) {
    if (served !== undefined && others.length >= ALTERNATIVES) break;
    const inKorean = writeKo(entry.drawn);
    if (!inKorean.ok) {
      rejections.push(inKorean.rejection);
      continue;
    }
    if (served !== undefined || (chosen !== undefined && !chosen.has(entry.id))) {
      others.push(inKorean.value);
      continue;
    }
    const written = profile.language === 'ko' ? inKorean : complete(sketchIn(entry.drawn, profile, catalog, shipping), profile, catalog);
    if (written.ok) served = written.value;
    else rejections.push(written.rejection);
  }
  if (served === undefined) {
    if (chosen !== undefined) throw new NoRecipePossibleError([profile.language === 'en' ? 'The chosen dish does not suit this profile.' : '고른 요리가 이 조건에 맞지 않습니다.']);
    // The choice ran in Korean: the reasons are found again in the person's language.
    const own = profile.language === 'ko' ? { rejections, tried } : sketchAll(profile, catalog, shipping);
    throw new NoRecipePossibleError(explainRejections(own.rejections, own.tried, profile));
  }
  return structuredClone({
    recipeId: served.recipeId,
    recipe: served.recipe,
    nutrition: served.nutrition,
    notices: served.notices,
    mainIngredientIds: served.mainIngredientIds,
    alternatives: others.slice(0, ALTERNATIVES).map((other) => alternative(other, profile, catalog)),
  });
}

/** The same dish sketched again for another language of the profile (its lines and numbers do not change). */
function sketchIn(drawn: Sketch, profile: Profile, catalog: Catalog, shipping: ShippingPolicy): Sketch {
  const again = sketch(drawn.prepared, profile, catalog, shipping);
  return again.ok ? again.value : drawn;
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
  return structuredClone(cookWhole(prepared, profile, catalog));
}

/** What the library's data do not agree on with the catalog (empty when all is well). */
export function libraryProblems(catalog: Catalog = getCatalog()): string[] {
  return [...prepareLibrary(catalog).problems];
}

/**
 * Writes one recipe and throws it away: the library, its prepared dishes and the text scanners load on
 * first use (about 0.3 s), which a service pays at start rather than in its first person's run.
 */
export function warmUpEngine(catalog: Catalog = getCatalog()): void {
  generateOfflineRecipe(DEFAULT_PROFILE, catalog);
}
