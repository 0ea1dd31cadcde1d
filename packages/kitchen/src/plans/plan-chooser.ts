import type { Notice, Nutrients, Nutrition, Profile, Recipe, RuleCheck } from '@ai-chef/contracts';
import { NutrientsSchema } from '@ai-chef/contracts';
import { getCatalog } from '../catalog.js';
import type { Catalog } from '../catalog.js';
import { estimateBasket } from '../costing/estimate.js';
import type { BasketEstimate } from '../costing/estimate.js';
import { DEFAULT_SHIPPING } from '../costing/shipping.js';
import type { ShippingPolicy } from '../costing/shipping.js';
import { choiceOrder } from '../engine/choose.js';
import { libraryIdsOf, rankCandidates } from '../engine/offline-engine.js';
import type { OfflineCandidate } from '../engine/offline-engine.js';
import { brokenRules, checkDay, dailyRulesFor } from '../rules/index.js';

/** No plan of the asked size passes the profile's rules; no retry can change that. */
export class NoPlanPossibleError extends Error {
  override readonly name = 'NoPlanPossibleError';
  readonly reasons: string[];

  constructor(reasons: string[]) {
    super(reasons.join(' '));
    this.reasons = reasons;
  }
}

export interface PlanMeal {
  recipeId: string;
  recipe: Recipe;
  nutrition: Nutrition;
  notices: Notice[];
  mainIngredientIds: string[];
}

export interface PlanDay {
  day: number;
  meals: PlanMeal[];
  /** The day's total per serving and its checks against the day's limits. */
  nutrition: { total: Nutrients; checks: RuleCheck[] };
}

export interface ChosenPlan {
  days: PlanDay[];
  /** The whole plan's basket at reference prices, each ingredient's amounts summed before packs are counted. */
  estimate: BasketEstimate;
}

export interface PlanOptions {
  random?: () => number;
  shipping?: ShippingPolicy;
  /** Dishes to leave for last (the session's earlier ones). */
  avoid?: readonly string[];
}

/** How many meal combinations a day may try before the day is given up on. */
const DAY_SEARCH_LIMIT = 4000;
/** How many swaps towards the budget the plan may make. */
const BUDGET_SWAPS = 12;

const NUTRIENTS = Object.keys(NutrientsSchema.shape) as (keyof Nutrients)[];

/** A day's meals added up per serving, to a tenth. */
function sumPerServing(meals: readonly Nutrients[]): Nutrients {
  const total = Object.fromEntries(NUTRIENTS.map((key) => [key, 0])) as Record<keyof Nutrients, number>;
  for (const meal of meals) for (const key of NUTRIENTS) total[key] += meal[key];
  for (const key of NUTRIENTS) total[key] = Math.round(total[key] * 10) / 10;
  return total;
}

function dayTotal(meals: readonly OfflineCandidate[]): Nutrients {
  return sumPerServing(meals.map((meal) => meal.nutrition.perServing));
}

/**
 * A written day's total per serving and its checks against the day's limits (docs/contract.md, Meal plans): what the
 * plan's result shows for each day, and what a day's meals must keep whoever wrote them.
 */
export function dayNutrition(
  mealsPerServing: readonly Nutrients[],
  profile: Profile,
  mealsPerDay: number,
  catalog: Catalog = getCatalog(),
): { total: Nutrients; checks: RuleCheck[] } {
  const total = sumPerServing(mealsPerServing);
  return { total, checks: checkDay(total, profile, mealsPerDay, catalog) };
}

function planEstimate(days: readonly OfflineCandidate[][], profile: Profile, catalog: Catalog, shipping: ShippingPolicy): BasketEstimate {
  return estimateBasket(
    days.flatMap((meals) => meals.flatMap((meal) => meal.recipe.ingredients)),
    profile,
    catalog,
    shipping,
  );
}

/**
 * Meals for one day from `order`: a depth-first search in the order's preference that keeps every daily
 * maximum as meals are added and checks the minimums when the day is full. A dish is never twice in a day
 * (the search moves forward through `order`, which names each once).
 */
function fillDay(
  order: readonly OfflineCandidate[],
  meals: number,
  passes: (day: OfflineCandidate[]) => boolean,
  withinMaxima: (day: OfflineCandidate[]) => boolean,
): OfflineCandidate[] | undefined {
  let tries = 0;
  const day: OfflineCandidate[] = [];
  const search = (from: number): boolean => {
    if (day.length === meals) return passes(day);
    for (let i = from; i < order.length; i++) {
      if (++tries > DAY_SEARCH_LIMIT) return false;
      day.push(order[i]!);
      if (withinMaxima(day) && search(i + 1)) return true;
      day.pop();
    }
    return false;
  };
  return search(0) ? [...day] : undefined;
}

/**
 * The dishes a day may draw from, best first: those not yet in the plan in the plan's order, then (with
 * `withRepeats`) those served least often, never one of the day before: a dish comes back at most every other day.
 */
function dayOrder(
  order: readonly OfflineCandidate[],
  uses: ReadonlyMap<string, number>,
  yesterday: ReadonlySet<string>,
  withRepeats: boolean,
): OfflineCandidate[] {
  const fresh = order.filter((meal) => !uses.has(meal.recipeId));
  if (!withRepeats) return fresh;
  const again = order
    .filter((meal) => uses.has(meal.recipeId) && !yesterday.has(meal.recipeId))
    .sort((a, b) => uses.get(a.recipeId)! - uses.get(b.recipeId)!);
  return [...fresh, ...again];
}

/**
 * A meal plan from the library: `days` × `mealsPerDay` dishes, none twice while the library has enough (else
 * a dish comes back, never within a day or on the next day: a baby's week has fewer dishes to draw from),
 * every meal passing the profile's rules and every day its daily limits; drawn as a single recipe is (the best fits likeliest), then brought
 * within the budget where a cheaper unused dish can take a costly one's place. The plan's basket sums each
 * ingredient over all meals before packs are counted, so the egg pack bought for one day serves another.
 */
export function choosePlan(
  profile: Profile,
  days: number,
  mealsPerDay: number,
  catalog: Catalog = getCatalog(),
  options: PlanOptions = {},
): ChosenPlan {
  const shipping = options.shipping ?? DEFAULT_SHIPPING;
  const { passing, reasons } = rankCandidates(profile, catalog, { shipping });
  const needed = days * mealsPerDay;
  // A dish may come back, but not within a day nor on the next: two days' worth of dishes at the least.
  const fewest = Math.min(needed, mealsPerDay * Math.min(days, 2));
  const en = profile.language === 'en';
  if (passing.length < fewest) {
    throw new NoPlanPossibleError([
      en
        ? `Only ${passing.length} dishes pass this profile's rules; a plan of ${mealsPerDay} meals a day needs ${fewest}.`
        : `이 조건을 지키는 요리가 ${passing.length}가지뿐이라 하루 ${mealsPerDay}끼 식단을 짤 수 없습니다(${fewest}가지 필요).`,
      ...reasons(),
    ]);
  }
  const share = profile.budget / needed;
  const order = choiceOrder(
    passing.map((candidate) => ({
      id: candidate.recipeId,
      score: candidate.score,
      withinBudget: candidate.estimate.outOfPocket <= share,
      candidate,
    })),
    libraryIdsOf(options.avoid ?? [], catalog),
    options.random ?? Math.random,
  ).map((entry) => entry.candidate);

  const maxima = dailyRulesFor(profile, mealsPerDay, catalog).filter((rule) => rule.kind === 'max');
  const withinMaxima = (day: OfflineCandidate[]): boolean => {
    const total = dayTotal(day);
    return maxima.every((rule) => total[rule.nutrient] <= rule.limit);
  };
  const passes = (day: OfflineCandidate[]): boolean =>
    brokenRules(checkDay(dayTotal(day), profile, mealsPerDay, catalog)).length === 0;

  const uses = new Map<string, number>();
  const chosen: OfflineCandidate[][] = [];
  for (let d = 0; d < days; d++) {
    const yesterday = new Set((chosen.at(-1) ?? []).map((meal) => meal.recipeId));
    const fill = (withRepeats: boolean) => fillDay(dayOrder(order, uses, yesterday, withRepeats), mealsPerDay, passes, withinMaxima);
    // Dishes not yet served first; one served before only when no day of new ones keeps the limits.
    const day = fill(false) ?? (d > 0 ? fill(true) : undefined);
    if (day === undefined) {
      const rules = dailyRulesFor(profile, mealsPerDay, catalog).map((rule) => rule.label[profile.language]);
      throw new NoPlanPossibleError([
        en
          ? `No ${mealsPerDay} dishes left for day ${d + 1} keep the day's limits (${rules.join(', ')}).`
          : `${d + 1}일째에 하루 기준(${rules.join(', ')})을 지키는 요리 ${mealsPerDay}가지를 더 고를 수 없습니다.`,
      ]);
    }
    for (const meal of day) uses.set(meal.recipeId, (uses.get(meal.recipeId) ?? 0) + 1);
    chosen.push(day);
  }

  // Towards the budget: swap the costliest meal for the cheapest unused dish that keeps its day passing.
  for (let swap = 0; swap < BUDGET_SWAPS; swap++) {
    if (planEstimate(chosen, profile, catalog, shipping).outOfPocket <= profile.budget) break;
    const spots = chosen
      .flatMap((day, d) => day.map((meal, m) => ({ d, m, cost: meal.estimate.outOfPocket })))
      .sort((a, b) => b.cost - a.cost);
    const cheaper = passing
      .filter((candidate) => !uses.has(candidate.recipeId))
      .sort((a, b) => a.estimate.outOfPocket - b.estimate.outOfPocket);
    let swapped = false;
    for (const spot of spots) {
      for (const candidate of cheaper) {
        if (candidate.estimate.outOfPocket >= spot.cost) break;
        const day = [...chosen[spot.d]!];
        day[spot.m] = candidate;
        if (!passes(day)) continue;
        const out = chosen[spot.d]![spot.m]!.recipeId;
        if (uses.get(out) === 1) uses.delete(out);
        else uses.set(out, uses.get(out)! - 1);
        uses.set(candidate.recipeId, 1);
        chosen[spot.d] = day;
        swapped = true;
        break;
      }
      if (swapped) break;
    }
    if (!swapped) break;
  }

  return {
    days: chosen.map((meals, d) => {
      const total = dayTotal(meals);
      return {
        day: d + 1,
        meals: meals.map((meal) => ({
          recipeId: meal.recipeId,
          recipe: meal.recipe,
          nutrition: meal.nutrition,
          notices: meal.notices,
          mainIngredientIds: meal.mainIngredientIds,
        })),
        nutrition: { total, checks: checkDay(total, profile, mealsPerDay, catalog) },
      };
    }),
    estimate: planEstimate(chosen, profile, catalog, shipping),
  };
}
