import {
  ActivityCancellationType,
  CancellationScope,
  isCancellation,
  patched,
  upsertMemo,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import type { Activities } from '@ai-chef/activities';
import {
  NON_RETRYABLE,
  PHASE_PROGRESS,
  SEARCH_ATTRIBUTES,
  progressQuery,
  type ProgressPhase,
  type RecipeWorkflowInput,
  type RunProgress,
  type SessionStatus,
} from '@ai-chef/contracts/workflow';
import { failurePhase, publicErrorOf, type Step } from './public-error.js';

const statusKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.status, SearchAttributeType.KEYWORD);
const nonRetryableErrorTypes = Object.values(NON_RETRYABLE);

// Timeouts and retries as the seed's Lambdas and Step Functions (SPEC §3).
const slowStep: ActivityOptions = {
  heartbeatTimeout: '10s',
  // On cancel, wait until the activity has stopped, so "cancelled" means nothing is still running.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumAttempts: 3, nonRetryableErrorTypes },
};
const { generateRecipe } = proxyActivities<Activities>({ ...slowStep, startToCloseTimeout: '120s', summary: 'Write the recipe' });
const { fetchPrices } = proxyActivities<Activities>({ ...slowStep, startToCloseTimeout: '60s', summary: 'Price the ingredients' });
const { combineResults } = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  summary: 'Combine and save the result',
  retry: { initialInterval: '1s', backoffCoefficient: 1.5, maximumAttempts: 2, nonRetryableErrorTypes },
});
// The outcome must reach the session service even through a short outage of it.
const { reportRunOutcome } = proxyActivities<Activities>({
  startToCloseTimeout: '10s',
  summary: 'Record how the run ended',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 30 },
});

/** Workflow changes guarded by patched(); see README "Changing the workflow". */
export const PATCHES = {
  memoRecipeName: 'memo-recipe-name',
} as const;

export interface RecipeWorkflowResult {
  sessionId: string;
  recipeName: string;
  totalCost: number;
  costPerServing: number;
}

/** Writes a recipe for the profile, prices it, and saves the combined result (seed 001's pipeline). */
export async function recipeWorkflow(input: RecipeWorkflowInput): Promise<RecipeWorkflowResult> {
  const { sessionId, profile, avoid, dish } = input;
  const { runId } = workflowInfo();
  let state: RunProgress = { status: 'processing', phase: 'recipe_generation', progress: PHASE_PROGRESS.recipe_generation };
  setHandler(progressQuery, () => state);

  const enter = (phase: ProgressPhase): void => {
    state = { status: 'processing', phase, progress: PHASE_PROGRESS[phase] };
  };
  const finish = (status: SessionStatus, next: RunProgress): void => {
    state = next;
    upsertSearchAttributes([{ key: statusKey, value: status }]);
  };

  let step: Step = 'recipe';
  try {
    const recipe = await generateRecipe({
      sessionId,
      profile,
      ...(avoid !== undefined ? { avoid } : {}),
      ...(dish !== undefined ? { dish } : {}),
    });
    enter('recipe_completed');
    // Added after v1 histories were recorded: the memo names the recipe in the Web UI. patched()
    // keeps runs that began before this change (test/histories/v1-*) replaying as they ran.
    if (patched(PATCHES.memoRecipeName)) {
      upsertMemo({ recipe: `${recipe.recipe.recipeName} (${recipe.source})` });
    }

    step = 'price';
    enter('price_lookup');
    const pricing = await fetchPrices({
      sessionId,
      profile,
      ingredients: recipe.recipe.ingredients,
      ...(recipe.alternatives !== undefined ? { alternatives: recipe.alternatives } : {}),
      ...(recipe.mainIngredientIds !== undefined ? { mainIngredientIds: recipe.mainIngredientIds } : {}),
    });
    enter('price_completed');

    step = 'combine';
    enter('combining_results');
    const summary = await combineResults({ sessionId, profile, recipe, pricing });
    finish('completed', { status: 'completed', phase: 'finished', progress: PHASE_PROGRESS.finished });
    return { sessionId, ...summary };
  } catch (err) {
    if (isCancellation(err)) {
      finish('cancelled', { ...state, status: 'cancelled', phase: 'cancelled' });
      await CancellationScope.nonCancellable(() =>
        reportRunOutcome({ sessionId, outcome: { runId, status: 'cancelled' } }),
      );
      throw err;
    }
    const error = publicErrorOf(err, step);
    const phase = failurePhase(step);
    finish('failed', { status: 'failed', phase, progress: state.progress, error });
    await reportRunOutcome({ sessionId, outcome: { runId, status: 'failed', phase, error } });
    throw err;
  }
}
