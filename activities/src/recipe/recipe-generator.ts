import { ApplicationFailure } from '@temporalio/common';
import { NON_RETRYABLE } from '@ai-chef/contracts';
import type { Notice, Profile, Recipe, RecipeFallbackReason, RecipeOutcome } from '@ai-chef/contracts';
import {
  NoRecipePossibleError,
  findDish,
  generateOfflineRecipe,
  getCatalog,
  libraryIdsOf,
  nameKey,
  offlineCandidates,
  profileNotices,
} from '@ai-chef/kitchen';
import type { EngineOptions, ShippingPolicy } from '@ai-chef/kitchen';
import type { ClaudeRecipeWriter } from './claude-recipe.js';

export interface RecipeGeneratorOptions {
  /** Without a writer (no ANTHROPIC_API_KEY) every recipe comes from the built-in engine. */
  claude?: ClaudeRecipeWriter;
  /** The estimated shop's shipping rule, for what a dish costs out of pocket. */
  shipping?: ShippingPolicy;
}

export interface GenerateOptions {
  /** Temporal's attempt number, from 1. */
  attempt: number;
  maxAttempts: number;
  heartbeat(): void;
  signal?: AbortSignal;
  warn?(message: string, fields?: Record<string, unknown>): void;
  /** Each ingredient name as the model's streamed answer completes it (see WriteOptions). */
  onIngredient?(name: string): void;
  /** The run's random source: the same run draws the same dish on a retry. */
  random: () => number;
  /** Names of the session's earlier dishes: a new run serves another while one passes. */
  avoid?: readonly string[];
  /** A library dish the person chose (already checked for the profile by the session service). */
  dish?: string;
}

export interface RecipeGenerator {
  generate(profile: Profile, options: GenerateOptions): Promise<RecipeOutcome>;
  /**
   * The built-in engine's recipe, whatever the model: a plan puts it in place of a model's meal that,
   * with the day's other meals, breaks a daily limit (the library's meals of that day keep them).
   */
  builtIn(profile: Profile, options: GenerateOptions, fallback: RecipeFallbackReason): RecipeOutcome;
}

function noRecipePossible(error: NoRecipePossibleError): ApplicationFailure {
  return ApplicationFailure.create({
    type: NON_RETRYABLE.noRecipePossible,
    message: `No recipe can satisfy this profile: ${error.reasons.join('; ')}`,
    details: [{ reasons: error.reasons }],
    nonRetryable: true,
  });
}

/** Why the model's recipe cannot be had this run, or undefined when a later attempt may still get it. */
function fallbackReason(error: unknown, lastAttempt: boolean): RecipeFallbackReason | undefined {
  if (!(error instanceof ApplicationFailure)) return undefined;
  // 400, 401, 403, 404, a bad key: no retry mends them, and the built-in engine can still answer.
  if (error.nonRetryable || error.type === NON_RETRYABLE.providerRejected) return 'model_rejected_request';
  return lastAttempt ? 'model_unavailable' : undefined;
}

/**
 * Whether the model wrote the dish it was asked for. Only a library dish can be compared (and served in
 * its place): its Korean or English name, spaces aside, must be in the model's name ("삼겹살 구이" in
 * "삼겹살 구이와 쌈채소"). Any other dish (one a model wrote in an earlier run) is taken as written.
 */
function wroteTheDish(recipeName: string, dish: string): boolean {
  const asked = findDish(dish);
  if (asked === undefined) return true;
  const written = nameKey(recipeName);
  return written.includes(nameKey(asked.name.ko)) || written.includes(nameKey(asked.name.en)) || findDish(recipeName)?.id === asked.id;
}

/**
 * What a model's dish is, for pricing advice: a model marks no main ingredient, so the line that costs the
 * most at reference prices (the meat or fish of most dishes) is taken for it.
 */
function mainOfModelRecipe(recipe: Recipe): string[] {
  const catalog = getCatalog();
  let best: { id: string; cost: number } | undefined;
  for (const line of recipe.ingredients) {
    const reference = catalog.get(line.ingredientId)?.referencePrice;
    const cost = reference === undefined ? 0 : (reference.price / reference.grams) * line.grams;
    if (best === undefined || cost > best.cost) best = { id: line.ingredientId, cost };
  }
  return best === undefined ? [] : [best.id];
}

export function createRecipeGenerator(options: RecipeGeneratorOptions = {}): RecipeGenerator {
  const { claude } = options;
  const catalog = getCatalog();

  function engineOptions(run: GenerateOptions): EngineOptions {
    return {
      random: run.random,
      ...(run.avoid ? { avoid: run.avoid } : {}),
      ...(run.dish ? { dish: run.dish } : {}),
      ...(options.shipping ? { shipping: options.shipping } : {}),
    };
  }

  function withNotices(profile: Profile, outcome: Omit<RecipeOutcome, 'notices'>, own: Notice[]): RecipeOutcome {
    return { ...outcome, notices: [...own, ...profileNotices(profile, catalog, outcome.nutrition.perServing)] };
  }

  function offline(profile: Profile, run: GenerateOptions, fallback?: RecipeFallbackReason): RecipeOutcome {
    const written = generateOfflineRecipe(profile, catalog, engineOptions(run));
    return withNotices(
      profile,
      {
        recipe: written.recipe,
        nutrition: written.nutrition,
        alternatives: written.alternatives,
        mainIngredientIds: written.mainIngredientIds,
        source: fallback === undefined ? 'offline' : 'offline_fallback',
        ...(fallback === undefined ? {} : { fallbackReason: fallback }),
      },
      written.notices,
    );
  }

  /** Up to three library dishes that pass, beside a model's recipe: the session's earlier dishes last. */
  function alternativesBeside(profile: Profile, recipeName: string, run: GenerateOptions): RecipeOutcome['alternatives'] {
    const avoid = libraryIdsOf([...(run.avoid ?? []), recipeName], catalog);
    return offlineCandidates(profile, catalog, engineOptions(run))
      .sort((a, b) => Number(avoid.has(a.recipeId)) - Number(avoid.has(b.recipeId)))
      .filter((candidate) => candidate.recipe.recipeName !== recipeName)
      .slice(0, 3)
      .map((candidate) => ({
        recipeName: candidate.recipe.recipeName,
        description: candidate.recipe.description,
        estimatedCost: candidate.estimate.outOfPocket,
      }));
  }

  async function fromModel(writer: ClaudeRecipeWriter, profile: Profile, run: GenerateOptions): Promise<RecipeOutcome> {
    let answer;
    try {
      answer = await writer.write(profile, {
        heartbeat: run.heartbeat,
        ...(run.signal ? { signal: run.signal } : {}),
        ...(run.warn ? { warn: run.warn } : {}),
        ...(run.onIngredient ? { onIngredient: run.onIngredient } : {}),
        ...(run.avoid ? { avoid: run.avoid } : {}),
        ...(run.dish ? { dish: run.dish } : {}),
      });
    } catch (error) {
      const reason = run.signal?.aborted ? undefined : fallbackReason(error, run.attempt >= run.maxAttempts);
      if (reason === undefined) throw error;
      // Operators see why; the person gets the built-in recipe and a code, never the provider's words.
      run.warn?.('The model could not write the recipe; the built-in engine answers', {
        model: writer.model,
        attempt: run.attempt,
        reason,
        failure: error instanceof ApplicationFailure ? error.type : undefined,
        detail: error instanceof Error ? error.message : String(error),
      });
      run.heartbeat();
      return offline(profile, run, reason);
    }
    if (!answer.ok) {
      run.warn?.('The model broke the recipe rules after every repair; the built-in engine answers', {
        model: writer.model,
        reason: 'model_broke_rules',
        problems: answer.problems,
      });
      return offline(profile, run, 'model_broke_rules');
    }
    if (run.dish !== undefined && !wroteTheDish(answer.recipe.recipeName, run.dish)) {
      // Asked for one dish, the model wrote another: the library's version of the asked dish is served.
      run.warn?.('The model wrote another dish than the one asked for; the built-in engine answers', {
        model: writer.model,
        reason: 'model_answer_unusable',
        asked: run.dish,
        written: answer.recipe.recipeName,
      });
      return offline(profile, run, 'model_answer_unusable');
    }
    return withNotices(
      profile,
      {
        recipe: answer.recipe,
        nutrition: answer.nutrition,
        source: 'claude',
        alternatives: alternativesBeside(profile, answer.recipe.recipeName, run),
        mainIngredientIds: mainOfModelRecipe(answer.recipe),
      },
      [],
    );
  }

  return {
    async generate(profile, run) {
      try {
        return claude ? await fromModel(claude, profile, run) : offline(profile, run);
      } catch (error) {
        if (error instanceof NoRecipePossibleError) throw noRecipePossible(error);
        throw error;
      }
    },
    builtIn(profile, run, fallback) {
      try {
        return offline(profile, run, fallback);
      } catch (error) {
        if (error instanceof NoRecipePossibleError) throw noRecipePossible(error);
        throw error;
      }
    },
  };
}
