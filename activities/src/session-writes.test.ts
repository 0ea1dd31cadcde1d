import { describe, expect, it } from '@jest/globals';
import { AppError } from '@ai-chef/platform';
import { writeThroughOutage } from './session-writes.js';

const outage = (): AppError => new AppError(503, 'service_unavailable', 'down', undefined, 5);
const fast = { initialDelayMs: 1, maxDelayMs: 4 };

/** A write that fails with `errors` in turn, then succeeds; counts its tries. */
function scripted(errors: unknown[]): { write: () => Promise<void>; tries: () => number } {
  let tries = 0;
  return {
    write: async () => {
      const error = errors[tries];
      tries += 1;
      if (error !== undefined) throw error;
    },
    tries: () => tries,
  };
}

describe('writeThroughOutage', () => {
  it('when the session service answers 503 a few times, then the write is repeated until it lands', async () => {
    const write = scripted([outage(), outage(), outage()]);
    await writeThroughOutage(write.write, { ...fast, patienceMs: 5_000 });
    expect(write.tries()).toBe(4);
  });

  it('when the service asks to come back later, then the next try waits at least that long', async () => {
    const times: number[] = [];
    const busy = new AppError(503, 'service_unavailable', 'busy', undefined, 0.08);
    const write = async (): Promise<void> => {
      times.push(Date.now());
      if (times.length === 1) throw busy;
    };
    await writeThroughOutage(write, { initialDelayMs: 1, maxDelayMs: 1000, patienceMs: 5_000 });
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(75);
  });

  it('when the answer is a 4xx, then it is thrown at once without a second try', async () => {
    const gone = new AppError(404, 'session_not_found', 'gone');
    const write = scripted([gone]);
    await expect(writeThroughOutage(write.write, { ...fast, patienceMs: 5_000 })).rejects.toBe(gone);
    expect(write.tries()).toBe(1);
  });

  it('when the outage outlasts the patience, then the last 503 is thrown', async () => {
    const write = scripted(Array.from({ length: 10_000 }, outage));
    // Patience far above the 4 ms pauses: a loaded machine that stalls the first try for a few
    // dozen ms must still leave room for a second (30 ms did not, under a load average of 8).
    await expect(writeThroughOutage(write.write, { ...fast, patienceMs: 500 })).rejects.toMatchObject({ status: 503 });
    expect(write.tries()).toBeGreaterThan(1);
    expect(write.tries()).toBeLessThan(10_000);
  });

  it('when the activity is cancelled while it waits, then the wait ends with the cancellation', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const write = scripted(Array.from({ length: 10_000 }, outage));
    const pending = writeThroughOutage(write.write, { signal: controller.signal, initialDelayMs: 60_000, patienceMs: 120_000 });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(write.tries()).toBe(1);
  });
});
