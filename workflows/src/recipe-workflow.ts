import {
  CancellationScope,
  isCancellation,
  patched,
  upsertMemo,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import type { Activities } from '@ai-chef/activities';
import {
  PHASE_PROGRESS,
  SEARCH_ATTRIBUTES,
  progressQuery,
  type ProgressPhase,
  type RecipeWorkflowInput,
  type RunProgress,
  type SessionStatus,
} from '@ai-chef/contracts/workflow';
import { failurePhase, publicErrorOf, type Step } from './public-error.js';
import { combineStep, outcomeStep, slowStep } from './step-options.js';

const statusKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.status, SearchAttributeType.KEYWORD);

const { generateRecipe } = proxyActivities<Activities>({ ...slowStep, startToCloseTimeout: '120s', summary: 'Write the recipe' });
const { fetchPrices } = proxyActivities<Activities>({ ...slowStep, startToCloseTimeout: '60s', summary: 'Price the ingredients' });
const { combineResults } = proxyActivities<Activities>({ ...combineStep, summary: 'Combine and save the result' });
const { reportRunOutcome } = proxyActivities<Activities>({ ...outcomeStep, summary: 'Record how the run ended' });

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

/** Writes a recipe for the profile, prices it, and saves the combined result. */
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
