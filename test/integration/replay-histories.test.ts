import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DeterminismViolationError } from '@temporalio/workflow';
import proto from '@temporalio/proto';
import { historyFromFile, replay } from '@ai-chef/worker';

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
