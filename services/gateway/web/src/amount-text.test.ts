import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { amountText } from './amount-text.js';

describe('amountText', () => {
  it('when a weight has decimals, then it is shown in whole grams', () => {
    expect(amountText('147.2', 'g')).toBe('147 g');
    expect(amountText('152.5', 'ml')).toBe('153 ml');
    expect(amountText('300', 'g')).toBe('300 g');
  });

  it('when a small weight has decimals, then it is shown to the half gram and never as nothing', () => {
    expect(amountText('2.3', 'g')).toBe('2.5 g');
    expect(amountText('0.1', 'g')).toBe('0.5 g');
  });

  it('when the unit is a spoon, a piece or a kilogram, then at most one decimal is kept', () => {
    expect(amountText('1.25', 'kg')).toBe('1.3 kg');
    expect(amountText('1.333', '큰술')).toBe('1.3큰술');
    expect(amountText('2', '개')).toBe('2개');
  });

  it('when the amount is words or a fraction, then it is shown as written', () => {
    expect(amountText('약간', '')).toBe('약간');
    expect(amountText('1/2', '개')).toBe('1/2개');
    expect(amountText('1 1/2', '컵')).toBe('1 1/2컵');
    expect(amountText('약간', '큰술')).toBe('약간 큰술');
  });

  it('when any gram amount is drawn, then the shown number has no more than one decimal', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 5000, noNaN: true }), (value) => {
        const shown = amountText(String(Math.round(value * 1000) / 1000), 'g');
        expect(shown).toMatch(/^\d+(\.5)? g$/);
      }),
    );
  });
});
