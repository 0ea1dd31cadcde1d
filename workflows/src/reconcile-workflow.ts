import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@ai-chef/activities';
import type { ReconcileReport } from '@ai-chef/contracts/workflow';

const { reconcileSessions } = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  summary: 'Settle sessions with their runs',
  // The schedule runs it again within its interval: a pass that fails twice waits for the next.
  retry: { initialInterval: '1s', maximumAttempts: 2 },
});

/**
 * One pass of the reconciler (docs/contract.md, Sessions and runs), started by a Temporal
 * Schedule so operators see every pass, and what it settled, in the Web UI. The work is the
 * session service's: it owns the sessions and compares each with its workflow.
 */
export async function reconcileSessionsWorkflow(): Promise<ReconcileReport> {
  return reconcileSessions();
}
