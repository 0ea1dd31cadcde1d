import { describe, expect, it } from '@jest/globals';
import type { RunResult } from '@ai-chef/contracts';
import { ApiError, type RunResultReply } from './api-client.js';
import { waitForResult } from './result-wait.js';

const result = { runId: 'run-1' } as unknown as RunResult;
const pending: RunResultReply = { kind: 'pending', status: 'completed', progress: 100 };

/** A reader answering the given replies in order (an Error is thrown), and how often it was asked. */
function reader(...replies: (RunResultReply | Error)[]): {
  read: () => Promise<RunResultReply>;
  calls: () => number;
} {
  let calls = 0;
  return {
    read: async () => {
      const reply = replies[Math.min(calls, replies.length - 1)]!;
      calls += 1;
      if (reply instanceof Error) throw reply;
      return reply;
    },
    calls: () => calls,
  };
}

describe('waitForResult', () => {
  const sleeps: number[] = [];
  const options = { tries: 4, retryMs: 500, sleep: async (ms: number) => void sleeps.push(ms) };

  it('when the result is written after a pending reply and a transient error, then it returns it', async () => {
    sleeps.length = 0;
    const r = reader(pending, new ApiError(503, 'service_unavailable', ''), { kind: 'ready', result });
    await expect(waitForResult(r.read, options)).resolves.toEqual({ kind: 'ready', result });
    expect(r.calls()).toBe(3);
    expect(sleeps).toEqual([500, 500]);
  });

  it('when the session has no result or is gone, then it stops at once', async () => {
    const none = reader(new ApiError(404, 'result_not_found', ''));
    await expect(waitForResult(none.read, options)).resolves.toEqual({ kind: 'no_result' });
    const gone = reader(new ApiError(404, 'session_not_found', ''));
    await expect(waitForResult(gone.read, options)).resolves.toEqual({ kind: 'session_gone' });
    expect([none.calls(), gone.calls()]).toEqual([1, 1]);
  });

  it('when an error is not transient, then it fails with it without another try', async () => {
    const error = new ApiError(400, 'invalid_session_id', '');
    const r = reader(error);
    await expect(waitForResult(r.read, options)).resolves.toEqual({ kind: 'failed', error });
    expect(r.calls()).toBe(1);
  });

  it('when every try is transient or pending, then it fails after the last (with the error, if the last was one)', async () => {
    const error = new ApiError(0, 'network_error', '');
    const failing = reader(error);
    await expect(waitForResult(failing.read, options)).resolves.toEqual({ kind: 'failed', error });
    expect(failing.calls()).toBe(4);
    const waiting = reader(pending);
    await expect(waitForResult(waiting.read, options)).resolves.toEqual({ kind: 'failed' });
    expect(waiting.calls()).toBe(4);
  });
});
