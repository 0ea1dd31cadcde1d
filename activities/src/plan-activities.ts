import { ApplicationFailure } from '@temporalio/common';
import {
  NON_RETRYABLE,
  type PlanDayDraft,
  type PlanDaySummary,
  type PlanDayWorkflowInput,
  type PlannedMeal,
  type Profile,
  type RecipeOutcome,
} from '@ai-chef/contracts';
import {
  NoPlanPossibleError,
  brokenRules,
  choosePlan,
  dayNutrition,
  getCatalog,
  ownedBy,
  planBasketLines,
  seededRandom,
} from '@ai-chef/kitchen';
import type { SessionServiceClient } from '@ai-chef/platform';
import type { Logger } from 'pino';
import { priceBasket, startPricePrefetch, type PricingDeps } from './pricing/index.js';
import type { GenerateOptions, RecipeGenerator } from './recipe/index.js';
import { buildPlanResult } from './plan-result-builder.js';
import { withHeartbeat, type RunContext } from './run-context.js';
import type { RunReports } from './run-reports.js';
import type { ActivityObserver } from './activities.js';

export interface PlanActivityDeps {
  sessions: SessionServiceClient;
  recipes: RecipeGenerator;
  pricing: PricingDeps;
  logger: Logger;
  reports: RunReports;
  observe?: ActivityObserver;
  run: () => RunContext;
  now: () => Date;
}

function noPlanPossible(reasons: readonly string[]): ApplicationFailure {
  return ApplicationFailure.create({
    type: NON_RETRYABLE.noPlanPossible,
    message: reasons.join(' '),
    details: [{ reasons }],
    nonRetryable: true,
  });
}

/** The sources of a plan's meals as the model and the engine wrote them. */
function mealOf(outcome: RecipeOutcome): PlanDayDraft['meals'][number] {
  return {
    recipe: outcome.recipe,
    nutrition: outcome.nutrition,
    source: outcome.source,
    ...(outcome.fallbackReason !== undefined ? { fallbackReason: outcome.fallbackReason } : {}),
    notices: outcome.notices ?? [],
    mainIngredientIds: outcome.mainIngredientIds ?? [],
  };
}

/**
 * The activities of a meal plan (docs/contract.md, Meal plans). The plan's dishes are chosen from the library at
 * once (no dish twice, every day within its limits); each day's child workflow writes its meals and saves
 * the day through the session service; the plan then prices every meal as one basket and saves one result.
 * The workflows pass names and totals between them; recipes travel only through the session service.
 */
export function createPlanActivities(deps: PlanActivityDeps) {
  const { reports, run } = deps;
  const catalog = getCatalog();

  /** Every meal of the day written; the model's meals replaced by the library's when, together, they break a daily limit. */
  async function writeMeals(ctx: RunContext, input: PlanDayWorkflowInput): Promise<PlanDayDraft> {
    const { profile, day, meals } = input;
    const owned = ownedBy(profile);
    // The plan's basket is priced after the last day: the days' ingredients are looked up meanwhile.
    const prefetch = startPricePrefetch(
      deps.pricing,
      (name) => catalog.resolve(name)?.id,
      (ingredientId) => owned(ingredientId) !== null,
    );
    const optionsFor = (meal: PlannedMeal, index: number): GenerateOptions => ({
      attempt: ctx.attempt,
      maxAttempts: ctx.maxAttempts ?? Number.POSITIVE_INFINITY,
      heartbeat: () => ctx.heartbeat(),
      signal: ctx.signal,
      warn: (message, fields) =>
        deps.logger.warn({ sessionId: input.sessionId, runId: input.planRunId, day, ...fields }, message),
      onIngredient: (name) => prefetch.add(name),
      // Seeded by the plan's run, the day and the meal: a retried day draws what it drew before.
      random: seededRandom(`${input.planRunId}:${day}:${index}`),
      dish: meal.recipeName,
    });
    const written = await withHeartbeat(ctx, () =>
      Promise.all(meals.map((meal, index) => deps.recipes.generate(profile, optionsFor(meal, index)))),
    );
    let checked = dayNutrition(written.map((outcome) => outcome.nutrition.perServing), profile, meals.length, catalog);
    if (brokenRules(checked.checks).length > 0 && written.some((outcome) => outcome.source === 'claude')) {
      deps.logger.warn(
        { sessionId: input.sessionId, runId: input.planRunId, day, broken: brokenRules(checked.checks).map((check) => check.rule) },
        "the model's meals break a daily limit together; the library's versions are served",
      );
      written.forEach((outcome, index) => {
        if (outcome.source === 'claude') written[index] = deps.recipes.builtIn(profile, optionsFor(meals[index]!, index), 'model_broke_rules');
      });
      checked = dayNutrition(written.map((outcome) => outcome.nutrition.perServing), profile, meals.length, catalog);
    }
    const broken = brokenRules(checked.checks);
    if (broken.length > 0) {
      // A day is never served outside its limits (the chooser's days keep them; this guards the guard).
      throw noPlanPossible([`Day ${day} breaks ${broken.map((check) => check.rule).join(', ')}.`]);
    }
    for (const outcome of written) {
      deps.observe?.recipeWritten(outcome.source, outcome.fallbackReason);
      for (const line of outcome.recipe.ingredients) prefetch.add(line.name);
    }
    return { day, meals: written.map(mealOf), nutrition: checked };
  }

  return {
    /** The plan's dishes: names only go back to the workflow, which hands each day its own. */
    async choosePlanMeals(input: {
      sessionId: string;
      profile: Profile;
      days: number;
      mealsPerDay: number;
      avoid?: string[];
    }): Promise<{ days: Array<{ day: number; meals: PlannedMeal[] }> }> {
      const ctx = run();
      await reports.report(ctx, input.sessionId, { runId: ctx.runId, phase: 'plan_writing', kind: 'plan' });
      try {
        const plan = choosePlan(input.profile, input.days, input.mealsPerDay, catalog, {
          // Seeded by the run: a retried attempt chooses the same plan.
          random: seededRandom(ctx.runId),
          shipping: deps.pricing.shipping,
          ...(input.avoid ? { avoid: input.avoid } : {}),
        });
        // The whole plan's ingredients start being priced now, while the days are written: the shop's
        // call rate, not the model, would otherwise decide how long the basket takes after the last day.
        const owned = ownedBy(input.profile);
        const prefetch = startPricePrefetch(
          deps.pricing,
          (name) => catalog.resolve(name)?.id,
          (ingredientId) => owned(ingredientId) !== null,
        );
        for (const line of planBasketLines(plan.days.flatMap((day) => day.meals.map((meal) => meal.recipe)))) prefetch.add(line.name);
        return {
          days: plan.days.map((day) => ({
            day: day.day,
            meals: day.meals.map((meal) => ({ recipeId: meal.recipeId, recipeName: meal.recipe.recipeName })),
          })),
        };
      } catch (error) {
        if (error instanceof NoPlanPossibleError) throw noPlanPossible(error.reasons);
        throw error;
      }
    },

    /** One day of a plan (its child workflow's one step): written, checked against the day's limits, saved. */
    async writePlanDay(input: PlanDayWorkflowInput): Promise<PlanDaySummary> {
      const ctx = run();
      const draft = await writeMeals(ctx, input);
      await reports.deliver(ctx, () =>
        deps.sessions.savePlanDay(input.sessionId, { runId: input.planRunId, days: input.days, draft }),
      );
      const byModel = draft.meals.filter((meal) => meal.source === 'claude').length;
      return {
        day: input.day,
        dishes: draft.meals.map((meal) => meal.recipe.recipeName),
        byModel,
        byEngine: draft.meals.length - byModel,
      };
    },

    /** ONE basket for every meal of the plan: each ingredient's grams summed before packs are chosen. */
    async pricePlan(input: {
      sessionId: string;
      profile: Profile;
      days: number;
    }): Promise<{ totalCost: number; withinBudget: boolean; lines: number }> {
      const ctx = run();
      await reports.report(ctx, input.sessionId, { runId: ctx.runId, phase: 'price_lookup', kind: 'plan' });
      const parts = await reports.deliver(ctx, () => deps.sessions.planParts(input.sessionId, ctx.runId));
      if (parts.days.length < input.days) {
        throw new Error(`only ${parts.days.length} of the plan's ${input.days} days are saved`);
      }
      const meals = parts.days.flatMap((day) => day.meals);
      const items = planBasketLines(meals.map((meal) => meal.recipe));
      const pricing = await withHeartbeat(ctx, () =>
        priceBasket(
          {
            items,
            profile: input.profile,
            // Over the budget a plan's advice names swaps only: no other dish is offered in a meal's place.
            mainIngredientIds: [...new Set(meals.flatMap((meal) => meal.mainIngredientIds))],
            signal: ctx.signal,
            onProgress: () => ctx.heartbeat(),
          },
          deps.pricing,
        ),
      );
      await reports.deliver(ctx, () => deps.sessions.savePlanPricing(input.sessionId, { runId: ctx.runId, pricing }));
      await reports.report(ctx, input.sessionId, { runId: ctx.runId, phase: 'price_completed', kind: 'plan' });
      return { totalCost: pricing.totalEstimatedCost, withinBudget: pricing.withinBudget, lines: items.length };
    },

    /** Builds the plan's result from what its days and its basket saved, and saves it (the session completes). */
    async combinePlan(input: {
      sessionId: string;
      profile: Profile;
      days: number;
      mealsPerDay: number;
    }): Promise<{ days: number; meals: number; totalCost: number; costPerMeal: number }> {
      const ctx = run();
      await reports.report(ctx, input.sessionId, { runId: ctx.runId, phase: 'combining_results', kind: 'plan' });
      const parts = await reports.deliver(ctx, () => deps.sessions.planParts(input.sessionId, ctx.runId));
      if (parts.pricing === null || parts.days.length < input.days) {
        throw new Error(`the plan's days or basket are not saved (${parts.days.length} of ${input.days} days)`);
      }
      const result = buildPlanResult({
        sessionId: input.sessionId,
        runId: ctx.runId,
        profile: input.profile,
        days: parts.days,
        pricing: parts.pricing,
        generatedAt: deps.now(),
      });
      await reports.deliver(ctx, () => deps.sessions.saveResult(input.sessionId, result));
      const meals = result.days.reduce((sum, day) => sum + day.meals.length, 0);
      return { days: result.days.length, meals, totalCost: result.summary.totalCost, costPerMeal: result.summary.costPerMeal };
    },
  };
}
