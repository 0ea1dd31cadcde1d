import {
  type Alternative,
  type Pricing,
  type Profile,
  type ProgressPhase,
  type RecipeIngredient,
  type RecipeOutcome,
  type ReconcileReport,
  type RunOutcome,
} from '@ai-chef/contracts';
import type { SessionServiceClient } from '@ai-chef/platform';
import type { Logger } from 'pino';
import type { RecipeGenerator } from './recipe/index.js';
import { getCatalog, ownedBy, seededRandom } from '@ai-chef/kitchen';
import { priceBasket, startPricePrefetch, type LookupEvent, type PricingDeps } from './pricing/index.js';
import { buildResult } from './result-builder.js';
import { currentRun, withHeartbeat, type RunContext } from './run-context.js';
import { createRunReports, sessionServiceFailure } from './run-reports.js';
import { createPlanActivities } from './plan-activities.js';

/** What the activities tell the worker's metrics and logs about their providers. */
export interface ActivityObserver {
  recipeWritten(source: RecipeOutcome['source'], fallbackReason: RecipeOutcome['fallbackReason']): void;
  priceLookedUp(event: LookupEvent): void;
}

export interface ActivityDeps {
  sessions: SessionServiceClient;
  recipes: RecipeGenerator;
  pricing: PricingDeps;
  logger: Logger;
  observe?: ActivityObserver;
  now?: () => Date;
  /** Tests run activities outside a worker; production reads the activity context. */
  runContext?: () => RunContext;
}

/**
 * The activities, built from their dependencies (activities-dependency-injection idiom):
 * tests pass fakes of the outside world, the worker passes real clients.
 */
export function createActivities(deps: ActivityDeps) {
  const run = deps.runContext ?? currentRun;
  const now = deps.now ?? (() => new Date());
  const reports = createRunReports(deps.sessions, deps.logger);
  const { deliver } = reports;

  function report(sessionId: string, ctx: RunContext, phase: ProgressPhase) {
    return reports.report(ctx, sessionId, { runId: ctx.runId, phase });
  }

  return {
    async generateRecipe(input: {
      sessionId: string;
      profile: Profile;
      /** Names of the session's earlier dishes (a new run serves another while one passes). */
      avoid?: string[];
      /** A library dish the person chose, checked for the profile before the run started. */
      dish?: string;
    }): Promise<RecipeOutcome> {
      const ctx = run();
      await report(input.sessionId, ctx, 'recipe_generation');
      // Each ingredient starts being priced as soon as the model has written it: the price step
      // then finds it cached, or joins its lookup still under way, instead of starting after the model.
      const catalog = getCatalog();
      const owned = ownedBy(input.profile);
      const prefetch = startPricePrefetch(
        deps.pricing,
        (name) => catalog.resolve(name)?.id,
        (ingredientId) => owned(ingredientId) !== null,
      );
      const outcome = await withHeartbeat(ctx, () =>
        deps.recipes.generate(input.profile, {
          attempt: ctx.attempt,
          maxAttempts: ctx.maxAttempts ?? Number.POSITIVE_INFINITY,
          heartbeat: () => ctx.heartbeat(),
          signal: ctx.signal,
          warn: (message, fields) => deps.logger.warn({ sessionId: input.sessionId, runId: ctx.runId, ...fields }, message),
          onIngredient: (name) => prefetch.add(name),
          // Seeded by the run: a retried attempt draws the same dish.
          random: seededRandom(ctx.runId),
          ...(input.avoid ? { avoid: input.avoid } : {}),
          ...(input.dish ? { dish: input.dish } : {}),
        }),
      );
      deps.observe?.recipeWritten(outcome.source, outcome.fallbackReason);
      await report(input.sessionId, ctx, 'recipe_completed');
      return outcome;
    },

    async fetchPrices(input: {
      sessionId: string;
      profile: Profile;
      ingredients: RecipeIngredient[];
      /** Other dishes that pass, for advice when the basket is over the budget. */
      alternatives?: Alternative[];
      /** What the dish is: advice never suggests swapping these. */
      mainIngredientIds?: string[];
    }): Promise<Pricing> {
      const ctx = run();
      await report(input.sessionId, ctx, 'price_lookup');
      const pricing = await withHeartbeat(ctx, () =>
        priceBasket(
          {
            items: input.ingredients.map(({ ingredientId, name, amount, unit, grams }) => ({ ingredientId, name, amount, unit, grams })),
            profile: input.profile,
            ...(input.alternatives ? { alternatives: input.alternatives } : {}),
            ...(input.mainIngredientIds ? { mainIngredientIds: input.mainIngredientIds } : {}),
            signal: ctx.signal,
            onProgress: () => ctx.heartbeat(),
          },
          deps.pricing,
        ),
      );
      await report(input.sessionId, ctx, 'price_completed');
      return pricing;
    },

    async combineResults(input: {
      sessionId: string;
      profile: Profile;
      recipe: RecipeOutcome;
      pricing: Pricing;
    }): Promise<{ recipeName: string; totalCost: number; costPerServing: number }> {
      const ctx = run();
      await report(input.sessionId, ctx, 'combining_results');
      const result = buildResult({ ...input, runId: ctx.runId, generatedAt: now() });
      await deliver(ctx, () => deps.sessions.saveResult(input.sessionId, result));
      return {
        recipeName: result.recipe.recipeName,
        totalCost: result.summary.totalCost,
        costPerServing: result.summary.costPerServing,
      };
    },

    async reportRunOutcome(input: { sessionId: string; outcome: RunOutcome }): Promise<void> {
      try {
        await deps.sessions.reportOutcome(input.sessionId, input.outcome);
      } catch (err) {
        throw sessionServiceFailure(err, deps.logger);
      }
    },

    ...createPlanActivities({ ...deps, reports, run, now }),

    /** The reconciler's one step: the session service compares its sessions with Temporal. */
    async reconcileSessions(): Promise<ReconcileReport> {
      try {
        return await deps.sessions.reconcileRuns();
      } catch (err) {
        throw sessionServiceFailure(err, deps.logger);
      }
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
