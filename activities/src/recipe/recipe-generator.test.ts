import { describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import { NON_RETRYABLE, RecipeOutcomeSchema, profileWithDefaults } from '@ai-chef/contracts';
import type { Profile, RecipeOutcome } from '@ai-chef/contracts';
import { NoRecipePossibleError, generateOfflineRecipe } from '@ai-chef/kitchen';
import type { ClaudeRecipeWriter, WriteOptions } from './claude-recipe.js';
import { PROVIDER_RATE_LIMITED, PROVIDER_UNAVAILABLE } from './provider-failure.js';
import { createRecipeGenerator } from './recipe-generator.js';
import type { GenerateOptions } from './recipe-generator.js';

function buildProfile(overrides: Partial<Profile> = {}): Profile {
  return profileWithDefaults({ ...overrides });
}

/** A writer that answers with a fixed outcome or throws, and counts its calls. */
function scriptedWriter(
  answer: () => RecipeOutcome | Promise<RecipeOutcome>,
): ClaudeRecipeWriter & { calls: WriteOptions[] } {
  const calls: WriteOptions[] = [];
  return {
    model: 'test-model',
    calls,
    async write(_profile, options) {
      calls.push(options);
      return answer();
    },
  };
}

function run(
  attempt: number,
  extra: Partial<GenerateOptions> = {},
): GenerateOptions & { beats: number; warnings: string[] } {
  const state = { beats: 0, warnings: [] as string[] };
  return Object.assign(state, {
    attempt,
    maxAttempts: 3,
    heartbeat: () => {
      state.beats += 1;
    },
    warn: (message: string) => {
      state.warnings.push(message);
    },
    ...extra,
  });
}

const overloaded = (): ApplicationFailure =>
  ApplicationFailure.create({ type: PROVIDER_RATE_LIMITED, message: 'overloaded', nextRetryDelay: 3000 });
const unavailable = (): ApplicationFailure =>
  ApplicationFailure.create({ type: PROVIDER_UNAVAILABLE, message: 'down' });
const rejected = (): ApplicationFailure =>
  ApplicationFailure.create({ type: NON_RETRYABLE.providerRejected, message: '401', nonRetryable: true });

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

describe('createRecipeGenerator', () => {
  it('when there is no model, then the offline engine answers with source offline', async () => {
    const profile = buildProfile({ target: 'diet' });
    const outcome = await createRecipeGenerator().generate(profile, run(1));
    expect(RecipeOutcomeSchema.parse(outcome).source).toBe('offline');
    expect(outcome.recipe).toEqual(generateOfflineRecipe(profile).recipe);
  });

  it('when the model answers, then its outcome is returned as it is', async () => {
    const profile = buildProfile();
    const answer: RecipeOutcome = { ...generateOfflineRecipe(profile), source: 'claude' };
    const writer = scriptedWriter(() => answer);
    const options = run(1);
    await expect(createRecipeGenerator({ claude: writer }).generate(profile, options)).resolves.toBe(answer);
    expect(writer.calls).toHaveLength(1);
  });

  it.each([1, 2])(
    'when the model is overloaded on attempt %i of 3, then the failure is thrown for Temporal to retry',
    async (attempt) => {
      const failure = overloaded();
      const generator = createRecipeGenerator({
        claude: scriptedWriter(() => {
          throw failure;
        }),
      });
      await expect(generator.generate(buildProfile(), run(attempt))).rejects.toBe(failure);
    },
  );

  it.each([overloaded, unavailable])(
    'when the model still fails on the last attempt, then the offline engine answers',
    async (make) => {
      const profile = buildProfile({ target: 'keto' });
      const fallbacks: string[] = [];
      const options = run(3, { onFallback: (reason) => fallbacks.push(reason) });
      const generator = createRecipeGenerator({
        claude: scriptedWriter(() => {
          throw make();
        }),
      });
      const outcome = await generator.generate(profile, options);
      expect(outcome.source).toBe('offline_fallback');
      // What the worker counts in ai_chef_recipe_fallback_total{reason}.
      expect(fallbacks).toEqual([make().type]);
      expect(outcome.recipe).toEqual(generateOfflineRecipe(profile).recipe);
      expect(options.warnings).toHaveLength(1);
      expect(options.beats).toBeGreaterThan(0);
    },
  );

  it('when fallback is turned off, then the last attempt fails too', async () => {
    const failure = unavailable();
    const generator = createRecipeGenerator({
      claude: scriptedWriter(() => {
        throw failure;
      }),
      onModelFailureFallback: false,
    });
    await expect(generator.generate(buildProfile(), run(3))).rejects.toBe(failure);
  });

  it('when the provider rejects the request, then even the last attempt fails without fallback', async () => {
    const failure = rejected();
    const generator = createRecipeGenerator({
      claude: scriptedWriter(() => {
        throw failure;
      }),
    });
    await expect(generator.generate(buildProfile(), run(3))).rejects.toBe(failure);
  });

  it('when the activity was cancelled, then the cancellation is thrown, not a fallback recipe', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled');
    controller.abort(reason);
    const generator = createRecipeGenerator({
      claude: scriptedWriter(() => {
        throw reason;
      }),
    });
    await expect(generator.generate(buildProfile(), run(3, { signal: controller.signal }))).rejects.toBe(
      reason,
    );
  });

  it('when an unexpected error happens on the last attempt, then it is not hidden behind a fallback', async () => {
    const bug = new TypeError('bug');
    const generator = createRecipeGenerator({
      claude: scriptedWriter(() => {
        throw bug;
      }),
    });
    await expect(generator.generate(buildProfile(), run(3))).rejects.toBe(bug);
  });

  it('when no recipe can satisfy the profile, then a non-retryable NoRecipePossible failure names the reasons', async () => {
    const generator = createRecipeGenerator({
      claude: scriptedWriter(() => {
        throw new NoRecipePossibleError(['every recipe contains an allergen']);
      }),
    });
    const failure = await failureOf(generator.generate(buildProfile(), run(1)));
    expect(failure.type).toBe(NON_RETRYABLE.noRecipePossible);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain('every recipe contains an allergen');
  });
});
