import { describe, expect, it } from '@jest/globals';
import { createMemoryQuotaCounter, kstDay } from './quota-counter.js';

describe('kstDay', () => {
  it('turns over at midnight in Korea (15:00 UTC)', () => {
    const beforeMidnightKst = Date.parse('2025-03-01T14:59:59.999Z');
    const midnightKst = Date.parse('2025-03-01T15:00:00.000Z');
    expect(kstDay(midnightKst) - kstDay(beforeMidnightKst)).toBe(1);
    expect(kstDay(Date.parse('2025-03-01T00:00:00Z'))).toBe(kstDay(beforeMidnightKst));
  });
});

describe('createMemoryQuotaCounter', () => {
  it('allows 25,000 calls a day by default', async () => {
    const counter = createMemoryQuotaCounter({ now: () => Date.parse('2025-03-01T03:00:00Z') });
    expect(await counter.tryConsume(24_999)).toBe(true);
    expect(await counter.tryConsume()).toBe(true);
    expect(await counter.tryConsume()).toBe(false);
    expect(counter.used()).toBe(25_000);
  });

  it('does not spend part of a request it cannot grant', async () => {
    const counter = createMemoryQuotaCounter({ dailyLimit: 10 });
    expect(await counter.tryConsume(8)).toBe(true);
    expect(await counter.tryConsume(3)).toBe(false);
    expect(await counter.tryConsume(2)).toBe(true);
    expect(await counter.tryConsume(1)).toBe(false);
  });

  it('resets at midnight KST', async () => {
    let now = Date.parse('2025-03-01T14:59:00Z');
    const counter = createMemoryQuotaCounter({ dailyLimit: 2, now: () => now });
    expect(await counter.tryConsume(2)).toBe(true);
    expect(await counter.tryConsume()).toBe(false);
    now = Date.parse('2025-03-01T15:00:01Z');
    expect(await counter.tryConsume()).toBe(true);
    expect(counter.used()).toBe(1);
  });

  it('refuses a negative or fractional count', async () => {
    const counter = createMemoryQuotaCounter();
    await expect(counter.tryConsume(-1)).rejects.toThrow(RangeError);
    await expect(counter.tryConsume(1.5)).rejects.toThrow(RangeError);
  });
});
