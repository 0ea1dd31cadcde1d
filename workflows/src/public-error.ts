import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure, TimeoutFailure } from '@temporalio/workflow';
import { NON_RETRYABLE, type FailurePhase } from '@ai-chef/contracts/workflow';

export type Step = 'recipe' | 'plan' | 'price' | 'combine';

const STEP_WORDS: Record<Step, string> = {
  recipe: 'Writing the recipe',
  plan: 'Writing the meal plan',
  price: 'Pricing the ingredients',
  combine: 'Putting the result together',
};

const CODES: Record<string, string> = {
  [NON_RETRYABLE.noRecipePossible]: 'no_recipe_possible',
  [NON_RETRYABLE.noPlanPossible]: 'no_plan_possible',
  [NON_RETRYABLE.invalidProfile]: 'invalid_profile',
  [NON_RETRYABLE.providerRejected]: 'recipe_provider_rejected',
  [NON_RETRYABLE.sessionGone]: 'session_gone',
};

export function failurePhase(step: Step): FailurePhase {
  return `${step}_failed`;
}

/** What failed underneath: an activity's own failure, also when it failed inside a child workflow (a plan's day). */
function rootCause(err: unknown): unknown {
  let cause = err;
  while ((cause instanceof ActivityFailure || cause instanceof ChildWorkflowFailure) && cause.cause !== undefined) cause = cause.cause;
  return cause;
}

/**
 * The public error of a failed run: typed failures keep their meaning, anything else says which
 * step gave up. Internal details (stack traces, hosts) stay in the workflow history.
 */
export function publicErrorOf(err: unknown, step: Step): { code: string; message: string } {
  const cause = rootCause(err);
  if (cause instanceof ApplicationFailure && cause.type && CODES[cause.type]) {
    return { code: CODES[cause.type] as string, message: cause.message };
  }
  if (cause instanceof TimeoutFailure) {
    return { code: `${step}_timeout`, message: `${STEP_WORDS[step]} took too long.` };
  }
  return { code: `${step}_failed`, message: `${STEP_WORDS[step]} failed after several attempts.` };
}
