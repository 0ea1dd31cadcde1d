import { ApplicationFailure } from '@temporalio/common';
import { NON_RETRYABLE } from '@ai-chef/contracts';
import type { Profile, RecipeOutcome } from '@ai-chef/contracts';
import { NoRecipePossibleError, generateOfflineRecipe } from '@ai-chef/kitchen';
import type { ClaudeRecipeWriter } from './claude-recipe.js';

export interface RecipeGeneratorOptions {
  /** Without a writer (no ANTHROPIC_API_KEY) every recipe comes from the offline engine. */
  claude?: ClaudeRecipeWriter;
  /**
   * When the model is still failing on the last attempt, answer with the offline engine
   * instead of failing the run. Default true.
   */
  onModelFailureFallback?: boolean;
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
  /** The built-in engine answered because the model failed on the last attempt; `reason` is the failure's type. */
  onFallback?(reason: string): void;
}

export interface RecipeGenerator {
  generate(profile: Profile, options: GenerateOptions): Promise<RecipeOutcome>;
}

function noRecipePossible(error: NoRecipePossibleError): ApplicationFailure {
  return ApplicationFailure.create({
    type: NON_RETRYABLE.noRecipePossible,
    message: `No recipe can satisfy this profile: ${error.reasons.join('; ')}`,
    details: [{ reasons: error.reasons }],
    nonRetryable: true,
  });
}

function isRetryableFailure(error: unknown): error is ApplicationFailure {
  return error instanceof ApplicationFailure && !error.nonRetryable;
}

export function createRecipeGenerator(options: RecipeGeneratorOptions = {}): RecipeGenerator {
  const { claude, onModelFailureFallback = true } = options;

  function offline(profile: Profile, source: RecipeOutcome['source']): RecipeOutcome {
    return { ...generateOfflineRecipe(profile), source };
  }

  async function fromModel(
    writer: ClaudeRecipeWriter,
    profile: Profile,
    run: GenerateOptions,
  ): Promise<RecipeOutcome> {
    try {
      return await writer.write(profile, run);
    } catch (error) {
      const lastAttempt = run.attempt >= run.maxAttempts;
      if (run.signal?.aborted || !onModelFailureFallback || !lastAttempt || !isRetryableFailure(error))
        throw error;
      // The model is down for good this run: still answer, from the offline engine.
      run.warn?.('The model failed on the last attempt; using the offline recipe engine', {
        model: writer.model,
        attempt: run.attempt,
        failure: error.type,
        reason: error.message,
      });
      run.heartbeat();
      run.onFallback?.(error.type ?? 'unknown');
      return offline(profile, 'offline_fallback');
    }
  }

  return {
    async generate(profile, run) {
      try {
        return claude ? await fromModel(claude, profile, run) : offline(profile, 'offline');
      } catch (error) {
        if (error instanceof NoRecipePossibleError) throw noRecipePossible(error);
        throw error;
      }
    },
  };
}
