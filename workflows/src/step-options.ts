import { ActivityCancellationType, type ActivityOptions } from '@temporalio/workflow';
import { NON_RETRYABLE } from '@ai-chef/contracts/workflow';

/** Failures no retry can mend: every workflow lists them as non-retryable. */
export const nonRetryableErrorTypes = Object.values(NON_RETRYABLE);

// Timeouts and retries as the original design's Lambdas and Step Functions (docs/contract.md, The workflow's guarantees).
export const slowStep: ActivityOptions = {
  heartbeatTimeout: '10s',
  // On cancel, wait until the activity has stopped, so "cancelled" means nothing is still running.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumAttempts: 3, nonRetryableErrorTypes },
};

/** The combine step: 1 s, backoff 1.5, at most 2 attempts. */
export const combineStep: ActivityOptions = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 1.5, maximumAttempts: 2, nonRetryableErrorTypes },
};

/** The outcome must reach the session service even through a short outage of it. */
export const outcomeStep: ActivityOptions = {
  startToCloseTimeout: '10s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 30 },
};
