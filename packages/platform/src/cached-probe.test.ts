import { describe, expect, it } from '@jest/globals';
import { cachedProbe } from './cached-probe.js';

describe('cachedProbe', () => {
  it('when asked again within the ttl, or while a check runs, then the dependency is checked once', async () => {
    let checks = 0;
    let clock = 0;
    const probe = cachedProbe(
      async () => {
        checks += 1;
        return checks;
      },
      1000,
      () => clock,
    );
    expect(await Promise.all([probe(), probe(), probe()])).toEqual([1, 1, 1]);
    clock = 999;
    expect(await probe()).toBe(1);
    clock = 1000;
    expect(await probe()).toBe(2);
    expect(checks).toBe(2);
  });

  it('when a check fails, then the failure is not cached', async () => {
    let fail = true;
    const probe = cachedProbe(async () => {
      if (fail) throw new Error('down');
      return 'up';
    }, 1000);
    await expect(probe()).rejects.toThrow('down');
    fail = false;
    await expect(probe()).resolves.toBe('up');
  });
});
