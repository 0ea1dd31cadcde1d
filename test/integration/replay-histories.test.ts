import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DeterminismViolationError } from '@temporalio/workflow';
import proto from '@temporalio/proto';
import { buildIdsOf, bundleBuildId, historyFromFile, replay } from '@ai-chef/worker';

const { EventType } = proto.temporal.api.enums.v1;

// Every committed history (recorded from real runs of earlier versions by `npm run record:histories`)
// must keep replaying against the bundle production workers run. A failure here means a workflow
// change needs patched().
const dir = fileURLToPath(new URL('../histories/', import.meta.url));
const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();

describe('committed workflow histories', () => {
  it('exist for the runs the operators need to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s replays against the production workflow bundle', async (file) => {
    await expect(replay(await historyFromFile(join(dir, file)), file)).resolves.toBeUndefined();
  });

  it('covers both sides of the memo-recipe-name patch: v1 runs began before it, v2 runs after', async () => {
    const markers = async (file: string) =>
      (await historyFromFile(join(dir, file))).events?.filter(
        (event) => event.markerRecordedEventAttributes?.markerName === 'core_patch',
      ).length ?? 0;
    expect(await markers('v1-keto-completed.json')).toBe(0);
    expect(await markers('v2-keto-completed.json')).toBe(1);
  });

  /** What a history shows of its activities: each one's type, the attempt it ended on, and how it ended. */
  async function activitiesOf(file: string) {
    const events = (await historyFromFile(join(dir, file))).events ?? [];
    const typeOf = new Map<string, string>();
    const ended: { type: string; attempt: number; how: string }[] = [];
    let attempt = new Map<string, number>();
    for (const event of events) {
      const id = String(event.eventId);
      if (event.activityTaskScheduledEventAttributes) typeOf.set(id, event.activityTaskScheduledEventAttributes.activityType?.name ?? '?');
      const started = event.activityTaskStartedEventAttributes;
      if (started) attempt = new Map(attempt).set(String(started.scheduledEventId), started.attempt ?? 1);
      const end =
        (event.activityTaskCompletedEventAttributes && ['completed', event.activityTaskCompletedEventAttributes]) ||
        (event.activityTaskFailedEventAttributes && ['failed', event.activityTaskFailedEventAttributes]) ||
        (event.activityTaskCanceledEventAttributes && ['cancelled', event.activityTaskCanceledEventAttributes]);
      if (end) {
        const scheduled = String((end[1] as { scheduledEventId?: unknown }).scheduledEventId);
        ended.push({ type: typeOf.get(scheduled) ?? '?', attempt: attempt.get(scheduled) ?? 0, how: end[0] as string });
      }
    }
    const closed = events.at(-1);
    const outcome = closed?.workflowExecutionCompletedEventAttributes
      ? 'completed'
      : closed?.workflowExecutionFailedEventAttributes
        ? 'failed'
        : closed?.workflowExecutionCanceledEventAttributes
          ? 'cancelled'
          : 'open';
    return { ended, outcome };
  }

  it('cover the runs that go wrong in the middle: a price-step failure, a combine-step failure, a cancel during pricing, a retried activity', async () => {
    const priceFailed = await activitiesOf('v2-price-failed.json');
    expect(priceFailed.outcome).toBe('failed');
    expect(priceFailed.ended).toContainEqual({ type: 'fetchPrices', attempt: 3, how: 'failed' });

    const combineFailed = await activitiesOf('v2-combine-failed.json');
    expect(combineFailed.outcome).toBe('failed');
    expect(combineFailed.ended).toContainEqual({ type: 'fetchPrices', attempt: 1, how: 'completed' });
    expect(combineFailed.ended).toContainEqual({ type: 'combineResults', attempt: 2, how: 'failed' });

    const cancelled = await activitiesOf('v2-cancelled-pricing.json');
    expect(cancelled.outcome).toBe('cancelled');
    expect(cancelled.ended).toContainEqual({ type: 'fetchPrices', attempt: 1, how: 'cancelled' });
    expect(cancelled.ended).toContainEqual({ type: 'reportRunOutcome', attempt: 1, how: 'completed' });

    const retried = await activitiesOf('v2-recipe-retried.json');
    expect(retried.outcome).toBe('completed');
    expect(retried.ended).toContainEqual({ type: 'generateRecipe', attempt: 2, how: 'completed' });
  });

  it('name the build that ran them (SDK version and workflow bundle hash), as the replay tool reports', async () => {
    const ranOn = buildIdsOf(await historyFromFile(join(dir, 'v2-keto-completed.json')));
    expect(ranOn).toHaveLength(1);
    expect(ranOn[0]).toMatch(/^@temporalio\/worker@1\.\d+\.\d+\+[0-9a-f]{64}$/);
    expect(await bundleBuildId()).toMatch(/^@temporalio\/worker@1\.\d+\.\d+\+[0-9a-f]{64}$/);
  });

  it('covers meal plans: a completed, a cancelled and a failed plan, and a day of one, each a real run', async () => {
    const last = async (file: string) => (await historyFromFile(join(dir, file))).events?.at(-1)?.eventType;
    expect(await last('v2-plan-completed.json')).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    expect(await last('v2-plan-day-completed.json')).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    expect(await last('v2-plan-cancelled.json')).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED);
    expect(await last('v2-plan-failed.json')).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED);
    // The plan's days are child runs in its history.
    const started = (await historyFromFile(join(dir, 'v2-plan-completed.json'))).events?.filter(
      (event) => event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowType?.name === 'planDayWorkflow',
    );
    expect(started?.length).toBe(2);
  });

  it('a history whose commands no longer match the code fails with a determinism error', async () => {
    const file = files.find((name) => name.includes('completed')) ?? files[0];
    if (!file) throw new Error('no history to tamper with');
    const history = await historyFromFile(join(dir, file));
    // Rename the first scheduled activity: the code schedules generateRecipe, the history now says otherwise.
    const scheduled = history.events?.find((event) => event.activityTaskScheduledEventAttributes);
    const attributes = scheduled?.activityTaskScheduledEventAttributes;
    if (!attributes?.activityType) throw new Error('history has no scheduled activity');
    attributes.activityType.name = 'somethingElse';
    await expect(replay(history, file)).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
