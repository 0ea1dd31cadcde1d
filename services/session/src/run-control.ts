import {
  Client,
  Connection,
  type ConnectionOptions,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import {
  SearchAttributeType,
  TypedSearchAttributes,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  defineSearchAttributeKey,
} from '@temporalio/common';
import {
  SEARCH_ATTRIBUTES,
  WORKFLOW_TYPE,
  workflowIdForSession,
  type Profile,
  type RecipeWorkflowInput,
} from '@ai-chef/contracts';
import { runClientInterceptors } from './run-interceptors.js';

const targetKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.target, SearchAttributeType.KEYWORD);
const statusKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.status, SearchAttributeType.KEYWORD);

/** How long a new run waits for the previous run of its session to close (gateway waits 10 s in all). */
const PREVIOUS_RUN_CLOSE_MS = 3000;

export class RunAlreadyActiveError extends Error {
  override readonly name = 'RunAlreadyActiveError';
}

/** Starts, cancels and checks recipe runs through the one Temporal client of this process. */
export class RunControl {
  private constructor(
    readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  static async connect(options: { connection: ConnectionOptions; namespace: string; taskQueue: string }): Promise<RunControl> {
    const connection = await Connection.connect(options.connection);
    const client = new Client({ connection, namespace: options.namespace, interceptors: { workflow: runClientInterceptors() } });
    return new RunControl(client, options.taskQueue);
  }

  /**
   * Starts a run; the workflow id is the session id, so a session never has two runs at once. The
   * caller has claimed the session, so a workflow still open under its id is the previous run
   * closing (it saves its result a moment before its workflow completes): that one is waited for,
   * briefly, before the answer is "already processing".
   */
  async start(sessionId: string, profile: Profile): Promise<{ workflowId: string; runId: string }> {
    try {
      return await this.startOnce(sessionId, profile);
    } catch (err) {
      if (!(err instanceof RunAlreadyActiveError) || !(await this.closesWithin(sessionId, PREVIOUS_RUN_CLOSE_MS))) throw err;
      return this.startOnce(sessionId, profile);
    }
  }

  private async closesWithin(sessionId: string, ms: number): Promise<boolean> {
    const handle = this.client.workflow.getHandle(workflowIdForSession(sessionId));
    const deadline = Date.now() + ms;
    for (;;) {
      if ((await handle.describe()).status.name !== 'RUNNING') return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async startOnce(sessionId: string, profile: Profile): Promise<{ workflowId: string; runId: string }> {
    const input: RecipeWorkflowInput = { sessionId, profile };
    try {
      const handle = await this.client.workflow.start(WORKFLOW_TYPE, {
        taskQueue: this.taskQueue,
        workflowId: workflowIdForSession(sessionId),
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        typedSearchAttributes: new TypedSearchAttributes([
          { key: targetKey, value: profile.target },
          { key: statusKey, value: 'processing' },
        ]),
        memo: {
          profile: `${profile.target}, ${profile.servings} servings, budget ${profile.budget} KRW, ${profile.cookingLevel}${
            profile.allergies.length ? `, avoids ${profile.allergies.join('/')}` : ''
          }`,
        },
        staticSummary: `${profile.target} recipe for ${profile.servings}`,
      });
      return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw new RunAlreadyActiveError(err.message);
      throw err;
    }
  }

  /** Requests cancellation; false when no such run is open any more. */
  async cancel(sessionId: string, runId: string | null): Promise<boolean> {
    try {
      await this.client.workflow.getHandle(workflowIdForSession(sessionId), runId ?? undefined).cancel();
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }

  async healthy(): Promise<boolean> {
    try {
      await this.client.connection.withDeadline(Date.now() + 2000, () =>
        this.client.connection.workflowService.getSystemInfo({}),
      );
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.client.connection.close();
  }
}
