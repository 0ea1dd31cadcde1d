import { describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import { NON_RETRYABLE, RecipeOutcomeSchema, profileWithDefaults } from '@ai-chef/contracts';
import type { Profile, RecipeOutcome } from '@ai-chef/contracts';
import { NoRecipePossibleError, generateOfflineRecipe, seededRandom } from '@ai-chef/kitchen';
import type { ClaudeRecipeWriter, ModelAnswer, WriteOptions } from './claude-recipe.js';
import { PROVIDER_RATE_LIMITED, PROVIDER_UNAVAILABLE } from './provider-failure.js';
import { createRecipeGenerator } from './recipe-generator.js';
import type { GenerateOptions } from './recipe-generator.js';

function buildProfile(overrides: Partial<Profile> = {}): Profile {
  return profileWithDefaults({ ...overrides });
}

/** A writer that answers with a fixed answer or throws, and counts its calls. */
function scriptedWriter(answer: () => ModelAnswer | Promise<ModelAnswer>): ClaudeRecipeWriter & { calls: WriteOptions[] } {
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
    random: seededRandom('run'),
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
    expect(outcome.recipe).toEqual(generateOfflineRecipe(profile, undefined, { random: seededRandom('run') }).recipe);
    expect(outcome.alternatives?.length).toBeGreaterThan(0);
  });

  it('when the model answers, then its recipe is served with the profile’s notices and alternatives beside it', async () => {
    const profile = buildProfile({ healthConditions: ['diabetes'] });
    const written = generateOfflineRecipe(profile);
    const writer = scriptedWriter(() => ({ ok: true, recipe: written.recipe, nutrition: written.nutrition }));
    const outcome: RecipeOutcome = await createRecipeGenerator({ claude: writer }).generate(profile, run(1, { avoid: ['x'] }));
    expect(outcome).toMatchObject({ source: 'claude', recipe: written.recipe });
    expect(outcome.notices?.map((notice) => notice.code)).toContain('medical_disclaimer');
    expect(outcome.alternatives?.map((alternative) => alternative.recipeName)).not.toContain(written.recipe.recipeName);
    expect(writer.calls).toHaveLength(1);
    expect(writer.calls[0]?.avoid).toEqual(['x']);
  });

  it('when asked for a library dish, then the model’s recipe of it is served, and another dish gives way to the library’s', async () => {
    const profile = buildProfile({ target: 'general', cookingLevel: 'advanced' });
    const asked = generateOfflineRecipe(profile, undefined, { random: seededRandom('asked') });
    const dish = asked.recipe.recipeName;
    const other = generateOfflineRecipe(profile, undefined, { random: seededRandom('other'), avoid: [dish] });
    // The model names the dish in its own words around the library's name: that is the dish asked for.
    const same = scriptedWriter(() => ({ ok: true, recipe: { ...asked.recipe, recipeName: `${dish} (2인분)` }, nutrition: asked.nutrition }));
    await expect(createRecipeGenerator({ claude: same }).generate(profile, run(1, { dish }))).resolves.toMatchObject({ source: 'claude' });
    const wrong = scriptedWriter(() => ({ ok: true, recipe: other.recipe, nutrition: other.nutrition }));
    const outcome = await createRecipeGenerator({ claude: wrong }).generate(profile, run(1, { dish }));
    expect(outcome).toMatchObject({ source: 'offline_fallback', fallbackReason: 'model_answer_unusable' });
    expect(outcome.recipe.recipeName).toBe(dish);
  });

  it('builtIn serves the library’s recipe of the dish whatever the model, with the reason given', () => {
    const profile = buildProfile({ target: 'keto', cookingLevel: 'advanced' });
    const library = generateOfflineRecipe(profile, undefined, { random: seededRandom('x') });
    const writer = scriptedWriter(() => {
      throw new Error('the model is not asked');
    });
    const outcome = createRecipeGenerator({ claude: writer }).builtIn(profile, run(1, { dish: library.recipe.recipeName }), 'model_broke_rules');
    expect(outcome).toMatchObject({ source: 'offline_fallback', fallbackReason: 'model_broke_rules', recipe: library.recipe });
    expect(writer.calls).toHaveLength(0);
  });

  it('when the model breaks the rules after every repair, then the built-in recipe answers with the reason', async () => {
    const options = run(1);
    const outcome = await createRecipeGenerator({ claude: scriptedWriter(() => ({ ok: false, problems: ['net carbs'] })) }).generate(
      buildProfile({ target: 'keto' }),
      options,
    );
    expect(outcome).toMatchObject({ source: 'offline_fallback', fallbackReason: 'model_broke_rules' });
    expect(options.warnings).toHaveLength(1);
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
      const options = run(3);
      const generator = createRecipeGenerator({
        claude: scriptedWriter(() => {
          throw make();
        }),
      });
      const outcome = await generator.generate(profile, options);
      expect(outcome).toMatchObject({ source: 'offline_fallback', fallbackReason: 'model_unavailable' });
      expect(outcome.recipe).toEqual(generateOfflineRecipe(profile, undefined, { random: seededRandom('run') }).recipe);
      expect(options.warnings).toHaveLength(1);
      expect(options.beats).toBeGreaterThan(0);
    },
  );

  it.each([1, 3])(
    'when the provider rejects the request (400, 401) on attempt %i, then the built-in recipe answers at once, without its words',
    async (attempt) => {
      const options = run(attempt);
      const generator = createRecipeGenerator({
        claude: scriptedWriter(() => {
          throw rejected();
        }),
      });
      const outcome = await generator.generate(buildProfile(), options);
      expect(outcome).toMatchObject({ source: 'offline_fallback', fallbackReason: 'model_rejected_request' });
      expect(JSON.stringify(outcome)).not.toContain('401');
      expect(options.warnings).toHaveLength(1);
    },
  );

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
