import { describe, expect, it } from '@jest/globals';
import { profileNotices } from '../registry.js';
import { broken, catalog, checksFor, find, profileOf } from '../rules.test-kit.js';
import { babyStageFor } from './baby-stages.js';

const baby = (months: number, ids: string[], recipe: Parameters<typeof checksFor>[3] = {}, per = {}) =>
  checksFor(ids, { target: 'baby_food', babyAgeMonths: months }, per, {
    targetNotes: `${babyStageFor(months).label.ko}: 곱게 만듭니다.`,
    ...recipe,
  });

describe('baby food', () => {
  it('wants the stage named in the notes, and no other stage named anywhere', () => {
    expect(find(baby(7, ['beef', 'zucchini']), 'baby_food.stage').ok).toBe(true);
    expect(broken(baby(7, ['beef', 'zucchini'], { targetNotes: '부드럽게' }))).toContain('baby_food.stage');
    const mixed = baby(10, ['beef', 'zucchini'], { instructions: ['중기 이유식처럼 소고기, 애호박을 으깹니다.'] });
    expect(find(mixed, 'baby_food.stage')).toMatchObject({ ok: false, value: 1 });
  });

  it('forbids salt, sugar, honey and salty sauce before 12 months, in lines and words', () => {
    expect(broken(baby(9, ['beef', 'salt']))).toContain('baby_food.seasoning');
    expect(broken(baby(9, ['beef', 'honey']))).toContain('baby_food.honey');
    const word = baby(9, ['beef', 'zucchini'], { instructions: ['소고기, 애호박에 간장을 약간 넣습니다.'] });
    expect(broken(word)).toContain('baby_food.seasoning');
    expect(broken(baby(13, ['beef', 'salt']))).not.toContain('baby_food.seasoning');
  });

  it('forbids whole nuts before 36 months and raw food at any age', () => {
    expect(broken(baby(24, ['beef', 'walnut']))).toContain('baby_food.whole_nuts');
    expect(broken(baby(30, ['salmon_sashimi']))).toContain('baby_food.raw');
  });

  it('wants an iron-rich ingredient from 6 months, not before', () => {
    expect(find(baby(6, ['beef', 'zucchini']), 'baby_food.iron_source')).toMatchObject({ kind: 'min', limit: 8, unit: 'g', ok: true });
    // A garnish is not a source: 5 g of peas per serving.
    const garnish = baby(8, ['zucchini'], {
      ingredients: [
        { name: '애호박', amount: '100', unit: 'g', ingredientId: 'zucchini', grams: 100 },
        { name: '완두콩', amount: '10', unit: 'g', ingredientId: 'green_peas', grams: 10 },
      ],
      instructions: ['애호박, 완두콩을 익혀 으깹니다.'],
    });
    expect(broken(garnish)).toContain('baby_food.iron_source');
    expect(broken(baby(8, ['zucchini', 'potato']))).toContain('baby_food.iron_source');
    expect(baby(5, ['zucchini']).some((check) => check.rule === 'baby_food.iron_source')).toBe(false);
  });

  it('keeps sodium to 300 mg from 12 months and 200 mg before (the food’s own: no salt is added)', () => {
    expect(find(baby(18, ['beef']), 'sodium')).toMatchObject({ limit: 300 });
    expect(find(baby(9, ['beef']), 'sodium')).toMatchObject({ limit: 200 });
  });

  it('keeps choking hazards (rice cakes, whole grapes, cherry tomatoes) and undercooked words from under-threes', () => {
    expect(broken(baby(24, ['beef', 'garaetteok']))).toContain('baby_food.choking');
    expect(broken(baby(24, ['beef', 'grape']))).toContain('baby_food.choking');
    const runny = baby(18, ['beef', 'egg'], { instructions: ['소고기를 볶고 달걀은 반숙으로 부칩니다.'] });
    expect(broken(runny)).toContain('baby_food.raw');
  });

  it('tells about solids before 6 months, and that adult conditions are not applied', () => {
    const young = profileOf({ target: 'baby_food', babyAgeMonths: 4, healthConditions: ['diabetes'] });
    const codes = profileNotices(young, catalog).map((notice) => notice.code);
    expect(codes).toEqual(['solids_before_6_months', 'condition_not_applied', 'medical_disclaimer']);
    const checks = checksFor(['zucchini'], { target: 'baby_food', babyAgeMonths: 4, healthConditions: ['diabetes'] });
    expect(checks.some((check) => check.rule.startsWith('diabetes.'))).toBe(false);
  });
});
