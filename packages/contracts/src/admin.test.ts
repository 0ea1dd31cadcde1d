import { describe, expect, it } from '@jest/globals';
import { AnalyticsQuerySchema } from './admin.js';

describe('AnalyticsQuerySchema', () => {
  it('when from/to are ISO dates, date-times or epoch ms, then they become epoch ms', () => {
    expect(AnalyticsQuerySchema.parse({ from: '2025-01-31', to: '2025-01-31T09:00:00Z' })).toEqual({
      from: Date.UTC(2025, 0, 31),
      to: Date.UTC(2025, 0, 31, 9),
    });
    expect(AnalyticsQuerySchema.parse({ from: '2025-01-31T09:00:00+09:00' })).toEqual({
      from: Date.UTC(2025, 0, 31, 0),
    });
    expect(AnalyticsQuerySchema.parse({ to: '1700000000000' })).toEqual({ to: 1_700_000_000_000 });
    expect(AnalyticsQuerySchema.parse({})).toEqual({});
  });

  it.each([['yesterday'], ['2025-13-45'], ['12.5'], ['-1'], [''], ['1e12'], ['2025-01-31 09:00']])(
    'when a bound is %j, then it fails',
    (value) => {
      expect(AnalyticsQuerySchema.safeParse({ from: value }).success).toBe(false);
    },
  );

  it('when an unknown parameter or a repeated one is sent, then it fails', () => {
    expect(AnalyticsQuerySchema.safeParse({ since: '1' }).success).toBe(false);
    expect(AnalyticsQuerySchema.safeParse({ from: ['1', '2'] }).success).toBe(false);
  });
});
