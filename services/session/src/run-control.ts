import {
  Client,
  Connection,
  type ConnectionOptions,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  WorkflowExecutionAlreadyStartedError,
  ServiceError,
  WorkflowNotFoundError,
  isGrpcServiceError,
  type WorkflowExecutionStatusName,
} from '@temporalio/client';
import {
  SearchAttributeType,
  TypedSearchAttributes,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  defineSearchAttributeKey,
} from '@temporalio/common';
import {
  MEAL_PLAN_WORKFLOW_TYPE,
  RECONCILE_WORKFLOW_TYPE,
  SEARCH_ATTRIBUTES,
  WORKFLOW_TYPE,
  reconcileScheduleId,
  workflowIdForSession,
  type MealPlanWorkflowInput,
  type Profile,
  type RecipeWorkflowInput,
} from '@ai-chef/contracts';
import { runClientInterceptors } from './run-interceptors.js';

const targetKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.target, SearchAttributeType.KEYWORD);
const statusKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.status, SearchAttributeType.KEYWORD);

/** How long one call to Temporal may take before the caller is told it is unavailable (503). */
const CALL_DEADLINE_MS = 5_000;

export class RunAlreadyActiveError extends Error {
  override readonly name = 'RunAlreadyActiveError';
}

/** Temporal did not answer (down, unreachable, too slow): the caller answers 503. */
export class TemporalUnavailableError extends Error {
  override readonly name = 'TemporalUnavailableError';
}

/** The newest run of a session's workflow, as Temporal describes it. */
export interface LatestRun {
  runId: string;
  status: WorkflowExecutionStatusName;
  startTime: Date;
  closeTime?: Date;
}

/** gRPC status codes of a server that did not answer: DEADLINE_EXCEEDED, UNAVAILABLE. */
const NO_ANSWER_CODES = new Set([4, 14]);

/** An error of a call Temporal did not answer becomes TemporalUnavailableError; any other is kept. */
function unavailableOr(err: unknown): unknown {
  if (err instanceof WorkflowNotFoundError || err instanceof WorkflowExecutionAlreadyStartedError) return err;
  // The client wraps the gRPC error of some calls (cancel, describe) in a ServiceError.
  const grpc = err instanceof ServiceError ? err.cause : err;
  if (isGrpcServiceError(grpc) && NO_ANSWER_CODES.has(grpc.code)) {
    return new TemporalUnavailableError(grpc.message, { cause: err });
  }
  return err;
}

/** Starts, cancels and checks recipe runs through the one Temporal client of this process. */
export class RunControl {
  private constructor(
    readonly client: Client,
    private readonly taskQueue: string,
    /** PLAN_DAYS_AT_ONCE: a plan writes at most this many days at once. */
    private readonly planDaysAtOnce: number,
  ) {}

  static async connect(options: { connection: ConnectionOptions; namespace: string; taskQueue: string; planDaysAtOnce?: number }): Promise<RunControl> {
    const connection = await Connection.connect(options.connection);
    const client = new Client({ connection, namespace: options.namespace, interceptors: { workflow: runClientInterceptors() } });
    return new RunControl(client, options.taskQueue, options.planDaysAtOnce ?? 7);
  }

  /** A call to Temporal with a deadline; an outage becomes TemporalUnavailableError. */
  private async call<T>(work: () => Promise<T>, deadlineMs = CALL_DEADLINE_MS): Promise<T> {
    try {
      return await this.client.connection.withDeadline(Date.now() + deadlineMs, work);
    } catch (err) {
      throw unavailableOr(err);
    }
  }

  /**
   * Starts a recipe run; the workflow id is the session id, so a session never has two runs at once.
   * `choice` carries the session's earlier dishes (to serve another) or the dish the person chose.
   */
  start(
    sessionId: string,
    profile: Profile,
    choice: Pick<RecipeWorkflowInput, 'avoid' | 'dish'> = {},
  ): Promise<{ workflowId: string; runId: string }> {
    const input: RecipeWorkflowInput = { sessionId, profile, ...choice };
    return this.startWorkflow(WORKFLOW_TYPE, input, `${profile.target} recipe for ${profile.servings}`);
  }

  /** Starts a meal plan under the same workflow id: a session runs a recipe or a plan, one at a time. */
  startPlan(
    sessionId: string,
    profile: Profile,
    plan: Pick<MealPlanWorkflowInput, 'days' | 'mealsPerDay' | 'avoid'>,
  ): Promise<{ workflowId: string; runId: string }> {
    const input: MealPlanWorkflowInput = {
      sessionId,
      profile,
      ...plan,
      ...(this.planDaysAtOnce < plan.days ? { daysAtOnce: this.planDaysAtOnce } : {}),
    };
    return this.startWorkflow(
      MEAL_PLAN_WORKFLOW_TYPE,
      input,
      `${profile.target} meal plan: ${plan.days} days × ${plan.mealsPerDay} meals for ${profile.servings}`,
    );
  }

  private async startWorkflow(
    workflowType: string,
    input: RecipeWorkflowInput | MealPlanWorkflowInput,
    summary: string,
  ): Promise<{ workflowId: string; runId: string }> {
    const { sessionId, profile } = input;
    try {
      const handle = await this.call(() =>
        this.client.workflow.start(workflowType, {
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
          staticSummary: summary,
        }),
      );
      return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw new RunAlreadyActiveError(err.message);
      throw err;
    }
  }

  /**
   * Waits, at most `timeoutMs`, for one run to close, however it closes. True when it has closed
   * (or is unknown), false when it was still open at the end of the wait.
   */
  async waitClosed(sessionId: string, runId: string, timeoutMs: number): Promise<boolean> {
    const handle = this.client.workflow.getHandle(workflowIdForSession(sessionId), runId, { followRuns: false });
    try {
      await this.client.connection.withDeadline(Date.now() + timeoutMs, () => handle.result());
      return true;
    } catch (err) {
      const reason = unavailableOr(err);
      if (reason instanceof TemporalUnavailableError) {
        // The deadline of the long poll passing means "still open"; anything else is an outage.
        if (/deadline/i.test(reason.message)) return false;
        throw reason;
      }
      return true; // failed, cancelled, terminated, timed out, not found: closed either way
    }
  }

  /** The newest run of the session's workflow (the one a reset made, if any); null when there is none. */
  async latestRun(sessionId: string): Promise<LatestRun | null> {
    try {
      const info = await this.call(() => this.client.workflow.getHandle(workflowIdForSession(sessionId)).describe());
      return {
        runId: info.runId,
        status: info.status.name,
        startTime: info.startTime,
        ...(info.closeTime ? { closeTime: info.closeTime } : {}),
      };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  }

  /** Requests cancellation; false when no such run is open any more. */
  async cancel(sessionId: string, runId: string | null): Promise<boolean> {
    try {
      await this.call(() => this.client.workflow.getHandle(workflowIdForSession(sessionId), runId ?? undefined).cancel());
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }

  /**
   * The reconciler's Temporal Schedule for this task queue: every `intervalSeconds` it starts
   * reconcileSessionsWorkflow, one at a time. Created once by whichever replica comes first; the
   * others bring its interval up to date.
   */
  async ensureReconcileSchedule(intervalSeconds: number): Promise<void> {
    const scheduleId = reconcileScheduleId(this.taskQueue);
    const spec = { intervals: [{ every: `${intervalSeconds}s` as const }] };
    const action = {
      type: 'startWorkflow' as const,
      workflowType: RECONCILE_WORKFLOW_TYPE,
      workflowId: scheduleId,
      taskQueue: this.taskQueue,
      args: [],
      // A pass no worker picks up gives way to the next one.
      workflowExecutionTimeout: `${Math.max(60, intervalSeconds * 3)}s` as const,
    };
    const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' as const };
    try {
      await this.call(() => this.client.schedule.create({ scheduleId, spec, action, policies }));
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await this.call(() =>
        this.client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action, policies })),
      );
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
