import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { EventBatchInputSchema, EventInputSchema, isVisitorSessionId } from './events.js';

describe('EventInputSchema', () => {
  it('when the event is empty, then the seed defaults apply', () => {
    expect(EventInputSchema.parse({})).toEqual({
      event_type: 'page_view',
      page_url: '',
      referrer: '',
      properties: {},
    });
  });

  it('when a string has 2,048 characters it passes; 2,049 fail', () => {
    expect(EventInputSchema.safeParse({ page_url: 'x'.repeat(2048) }).success).toBe(true);
    expect(EventInputSchema.safeParse({ page_url: 'x'.repeat(2049) }).success).toBe(false);
  });

  it('when properties serialise to more than 4 KiB (counted in bytes), then they fail', () => {
    const fits = 'x'.repeat(4096 - JSON.stringify({ k: '' }).length);
    expect(EventInputSchema.safeParse({ properties: { k: fits } }).success).toBe(true);
    expect(EventInputSchema.safeParse({ properties: { k: `${fits}x` } }).success).toBe(false);
    // Hangul takes three bytes in UTF-8: 1,400 syllables are over 4 KiB though under 4,096 characters.
    expect(EventInputSchema.safeParse({ properties: { k: '가'.repeat(1400) } }).success).toBe(false);
  });

  it('when properties hold what MongoDB and FerretDB cannot both store, then they fail', () => {
    expect(EventInputSchema.safeParse({ properties: { 'a\0b': 1 } }).success).toBe(false);
    expect(EventInputSchema.safeParse({ properties: { deep: { x: { 'k\0': true } } } }).success).toBe(false);
    expect(EventInputSchema.safeParse({ properties: { grid: [1, [2]] } }).success).toBe(false);
    expect(
      EventInputSchema.safeParse({ properties: { list: [{ inner: [1, { grid: [[1]] }] }] } }).success,
    ).toBe(false);
    expect(
      EventInputSchema.safeParse({
        properties: { list: [null, true, { inner: [1, 2] }], text: 'a\0b', '': 1 },
      }).success,
    ).toBe(true);
  });

  it('when any field is unknown or of the wrong type, then the event fails', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('user_id', 'session_id', 'event_type', 'page_url', 'referrer', 'user_agent'),
        fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())),
        (field, value) => {
          expect(EventInputSchema.safeParse({ [field]: value }).success).toBe(false);
        },
      ),
    );
    expect(EventInputSchema.safeParse({ timestamp: 1 }).success).toBe(false);
  });

  it('when a batch has 1 to 100 events it passes; 0 or 101 fail', () => {
    const events = (n: number) => ({ events: Array.from({ length: n }, () => ({})) });
    expect(EventBatchInputSchema.safeParse(events(1)).success).toBe(true);
    expect(EventBatchInputSchema.safeParse(events(100)).success).toBe(true);
    expect(EventBatchInputSchema.safeParse(events(0)).success).toBe(false);
    expect(EventBatchInputSchema.safeParse(events(101)).success).toBe(false);
  });
});

describe('isVisitorSessionId', () => {
  it('accepts vs_ and 22 base64url characters only', () => {
    expect(isVisitorSessionId('vs_AAAAAAAAAAAAAAAAAAAAAA')).toBe(true);
    expect(isVisitorSessionId('vs_AAAAAAAAAAAAAAAAAAAAA')).toBe(false);
    expect(isVisitorSessionId('sess_123')).toBe(false);
    expect(isVisitorSessionId('vs_AAAAAAAAAAAAAAAAAAAAA=')).toBe(false);
  });
});
