import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkBar, limitNumbers } from './check-bars.js';

describe('checkBar', () => {
  it('when a value is under a maximum, then the bar stops short of the limit mark', () => {
    expect(checkBar({ limit: 5, value: 3.2 })).toEqual({ valuePercent: 51.2, limitPercent: 80 });
  });

  it('when a value is over its limit, then the value sets the scale and the mark sits inside', () => {
    expect(checkBar({ limit: 500, value: 1000 })).toEqual({ valuePercent: 80, limitPercent: 40 });
  });

  it('when the limit is a range, then both ends are marked', () => {
    expect(checkBar({ limit: '20–30', value: 25 })).toEqual({ valuePercent: 66.7, rangePercent: [53.3, 80] });
  });

  it('when the check is yes/no or in words, then there is no bar', () => {
    expect(checkBar({ limit: 0, value: 2 })).toBeUndefined();
    expect(checkBar({ limit: 'easy|medium', value: 'easy' })).toBeUndefined();
    expect(checkBar({ limit: 'any', value: 45 })).toBeUndefined();
  });

  it('when drawn at random, then every position stays within the bar', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0.001, max: 1e6, noNaN: true }),
        (value, limit) => {
          const bar = checkBar({ limit, value });
          expect(bar).toBeDefined();
          for (const n of [bar?.valuePercent, bar?.limitPercent]) {
            expect(n).toBeGreaterThanOrEqual(0);
            expect(n).toBeLessThanOrEqual(80.1);
          }
        },
      ),
    );
  });

  it('limitNumbers reads numbers out of limits as the rules write them', () => {
    expect(limitNumbers('>50')).toEqual([50]);
    expect(limitNumbers('4–36')).toEqual([4, 36]);
    expect(limitNumbers(Number.POSITIVE_INFINITY)).toEqual([]);
  });
});
