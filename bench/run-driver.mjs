// Recipe runs through the public API, as a person would start them: POST /session/start, then
// POST /session/:id/process. The end of a run is the session's own `updatedAt` when it turned
// `completed` (the moment the result became readable); the bench learns of it from Temporal's
// long poll on the workflow result, which costs the stack no polling load.
import { defaultPayloadConverter } from '@temporalio/common';
import proto from '@temporalio/proto';

const { EventType } = proto.temporal.api.enums.v1;

/** Profiles the runs cycle through: several targets, so recipes, ingredients and lookups vary. */
export const RUN_PROFILES = [
  { target: 'general' },
  { target: 'keto' },
  { target: 'diet', servings: 1 },
  { target: 'diabetes', servings: 3 },
  { target: 'general', cookingLevel: 'advanced', servings: 4 },
  { target: 'baby_food', babyAgeMonths: 10 },
  { target: 'general', allergies: ['egg', 'milk'], language: 'en' },
  { target: 'diet', healthConditions: ['hypertension'], cookingLevel: 'intermediate' },
];

/** One JSON call to the stack; anything but a 2xx throws with the start of the answer. */
export async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${method} ${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

/**
 * One run from start to a terminal status. `endToEndMs` runs from just before POST /process is sent
 * to the session's completion time. A run still `processing` after `timeoutMs` is reported as it is
 * (the bench counts it as lost).
 */
export async function runOnce(stack, profile, { timeoutMs = 120_000 } = {}) {
  const { sessionId } = await call('POST', `${stack.gatewayUrl}/session/start`);
  const sentAt = Date.now();
  const { runId } = await call('POST', `${stack.gatewayUrl}/session/${sessionId}/process`, { profile });
  let timer;
  try {
    await Promise.race([
      stack.temporalClient.workflow.getHandle(sessionId, runId).result(),
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
  } catch {
    // A failed run: the session's status says so below.
  } finally {
    clearTimeout(timer);
  }
  const status = await call('GET', `${stack.gatewayUrl}/session/${sessionId}/status`);
  const endedAt = Date.parse(status.updatedAt);
  if (status.status === 'completed') stack.completedRuns += 1;
  return {
    sessionId,
    runId,
    status: status.status,
    error: status.error,
    sentAt,
    endedAt,
    endToEndMs: endedAt - sentAt,
  };
}

function toMs(timestamp) {
  if (!timestamp) return Number.NaN;
  const seconds =
    typeof timestamp.seconds === 'object' && timestamp.seconds !== null
      ? timestamp.seconds.toNumber()
      : Number(timestamp.seconds ?? 0);
  return seconds * 1000 + (timestamp.nanos ?? 0) / 1e6;
}

/**
 * What each activity of a run returned, decoded from its workflow history: `{generateRecipe: …,
 * fetchPrices: …, combineResults: …}`.
 */
export async function activityResults(stack, run) {
  const history = await stack.temporalClient.workflow.getHandle(run.sessionId, run.runId).fetchHistory();
  const names = new Map();
  const results = {};
  for (const event of history.events ?? []) {
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
      names.set(idOf(event.eventId), event.activityTaskScheduledEventAttributes?.activityType?.name);
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
      const attributes = event.activityTaskCompletedEventAttributes;
      const payload = attributes?.result?.payloads?.[0];
      const name = names.get(idOf(attributes?.scheduledEventId));
      if (name && payload) results[name] = defaultPayloadConverter.fromPayload(payload);
    }
  }
  return results;
}

const idOf = (value) => (typeof value === 'object' && value !== null ? value.toString() : String(value));

/**
 * Where a run's time went, from its workflow history: each activity's own time (started →
 * completed), how long activities waited for the worker (scheduled → started), and the workflow
 * tasks between them (scheduled → completed).
 */
export async function runTimeline(stack, run) {
  const history = await stack.temporalClient.workflow.getHandle(run.sessionId, run.runId).fetchHistory();
  const activities = new Map();
  const tasks = new Map();
  let workflowStarted = Number.NaN;
  let workflowClosed = Number.NaN;
  for (const event of history.events ?? []) {
    const at = toMs(event.eventTime);
    const id = idOf(event.eventId);
    switch (event.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
        workflowStarted = at;
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
        workflowClosed = at;
        break;
      case EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED:
        tasks.set(id, { scheduled: at });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED: {
        const task = tasks.get(idOf(event.workflowTaskCompletedEventAttributes?.scheduledEventId));
        if (task) task.completed = at;
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
        activities.set(id, {
          name: event.activityTaskScheduledEventAttributes?.activityType?.name,
          scheduled: at,
        });
        break;
      case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
        const activity = activities.get(idOf(event.activityTaskStartedEventAttributes?.scheduledEventId));
        if (activity) activity.started = at;
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED: {
        const activity = activities.get(idOf(event.activityTaskCompletedEventAttributes?.scheduledEventId));
        if (activity) activity.completed = at;
        break;
      }
      default:
        break;
    }
  }
  const done = [...activities.values()].filter((a) => Number.isFinite(a.completed));
  const byName = Object.fromEntries(done.map((a) => [a.name, a.completed - a.started]));
  const activityMs = done.reduce((sum, a) => sum + (a.completed - a.started), 0);
  return {
    activityMs,
    byActivity: byName,
    activityQueueMs: done.reduce((sum, a) => sum + (a.started - a.scheduled), 0),
    workflowTaskMs: [...tasks.values()]
      .filter((t) => Number.isFinite(t.completed))
      .reduce((sum, t) => sum + (t.completed - t.scheduled), 0),
    workflowTasks: tasks.size,
    acceptMs: workflowStarted - run.sentAt,
    afterResultMs: workflowClosed - run.endedAt,
  };
}

/**
 * Keeps `inFlight` runs going until `until()` says stop, then waits for those under way. Returns
 * every run; a run that threw (an HTTP error) is kept as `{status: 'error'}`. `runOne(profile)`
 * makes one run: through the product's API unless told otherwise.
 */
export async function keepRunsInFlight(
  stack,
  { inFlight, until, onRun = () => undefined, runOne = (profile) => runOnce(stack, profile) },
) {
  const runs = [];
  let next = 0;
  const slot = async () => {
    while (!until(runs)) {
      const profile = RUN_PROFILES[next++ % RUN_PROFILES.length];
      const startedAt = Date.now();
      try {
        const run = await runOne(profile);
        runs.push(run);
        onRun(run);
      } catch (err) {
        runs.push({ status: 'error', error: err.message, sentAt: startedAt, endedAt: Date.now() });
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, slot));
  return runs;
}
