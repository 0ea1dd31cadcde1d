import { describe, expect, it } from '@jest/globals';
import { ProfileInputSchema } from '@ai-chef/contracts';
import fc from 'fast-check';
import {
  defaultDraft,
  draftToProfile,
  loadDraft,
  pantryOf,
  parseBudget,
  parseWhole,
  saveDraft,
  splitNames,
  type ProfileDraft,
} from './profile-draft.js';

const draft = (overrides: Partial<ProfileDraft> = {}): ProfileDraft => ({
  ...defaultDraft('ko'),
  ...overrides,
});

class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
}

describe('draftToProfile', () => {
  it('when the defaults are sent, then the API schema accepts the profile', () => {
    const checked = draftToProfile(draft());
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(ProfileInputSchema.safeParse(checked.profile).success).toBe(true);
  });

  it('when allergy boxes and other names are given, then both are sent once each', () => {
    const checked = draftToProfile(
      draft({ allergies: ['egg', 'milk'], otherAllergies: '연어, 참치캔,, 연어\n오리고기' }),
    );
    expect(checked).toMatchObject({
      ok: true,
      profile: { allergies: ['egg', 'milk', '연어', '참치캔', '오리고기'] },
    });
  });

  it('when health boxes are ticked, then they go out by the names the rules act on', () => {
    const checked = draftToProfile(draft({ diabetes: true, hypertension: true, otherHealth: '통풍' }));
    expect(checked).toMatchObject({
      ok: true,
      profile: { healthConditions: ['diabetes', 'hypertension', '통풍'] },
    });
  });

  it('when the target is baby food, then the age is required and sent; otherwise it is left out', () => {
    expect(draftToProfile(draft({ target: 'baby_food' }))).toMatchObject({
      ok: false,
      errors: [{ field: 'babyAgeMonths' }],
    });
    expect(draftToProfile(draft({ target: 'baby_food', babyAgeMonths: '8' }))).toMatchObject({
      ok: true,
      profile: { babyAgeMonths: 8 },
    });
    const keto = draftToProfile(draft({ target: 'keto', babyAgeMonths: '8' }));
    expect(keto.ok && 'babyAgeMonths' in keto.profile).toBe(false);
  });

  it('when the pantry is left as it starts, then "basic" is sent', () => {
    expect(draftToProfile(draft())).toMatchObject({ ok: true, profile: { pantry: 'basic' } });
  });

  it('when a staple is unticked or another item named, then the pantry goes out as a list', () => {
    expect(pantryOf(draft({ pantry: ['salt', 'sugar'] }))).toEqual(['salt', 'sugar']);
    expect(pantryOf(draft({ pantryOther: '고춧가루, 다진 마늘, 고춧가루' }))).toEqual([
      'salt',
      'black_pepper',
      'sugar',
      'vegetable_oil',
      'soy_sauce',
      'sesame_oil',
      '고춧가루',
      '다진 마늘',
    ]);
    // Nothing ticked: only water is at home.
    expect(draftToProfile(draft({ pantry: [] }))).toMatchObject({ ok: true, profile: { pantry: [] } });
    expect(draftToProfile(draft({ pantryOther: 'x'.repeat(51) }))).toMatchObject({
      ok: false,
      errors: [{ field: 'pantry' }],
    });
  });

  it.each([
    ['servings', { servings: '0' }],
    ['servings', { servings: '13' }],
    ['servings', { servings: '2.5' }],
    ['budget', { budget: '999' }],
    ['budget', { budget: '1000001' }],
    ['budget', { budget: 'lots' }],
    ['budget', { budget: '999원' }],
    ['budget', { budget: '101만' }],
  ] as const)('when %s is out of range (%o), then that field is named', (field, overrides) => {
    expect(draftToProfile(draft(overrides))).toMatchObject({ ok: false, errors: [{ field }] });
  });

  it('when every field is drawn at random, then an accepted profile always passes the API schema', () => {
    fc.assert(
      fc.property(
        fc.record({
          target: fc.constantFrom('keto', 'baby_food', 'diabetes', 'diet', 'fridge', 'general' as const),
          babyAgeMonths: fc.oneof(fc.integer({ min: 0, max: 50 }).map(String), fc.string()),
          servings: fc.oneof(fc.integer({ min: -1, max: 20 }).map(String), fc.string()),
          budget: fc.oneof(fc.integer({ min: 0, max: 2_000_000 }).map(String), fc.string()),
          otherAllergies: fc.string(),
          dislikes: fc.string(),
          otherHealth: fc.string(),
          pantry: fc.subarray(['salt', 'black_pepper', 'sugar', 'vegetable_oil', 'soy_sauce', 'sesame_oil']),
          pantryOther: fc.string(),
        }),
        (fields) => {
          const checked = draftToProfile(draft(fields));
          if (checked.ok) expect(ProfileInputSchema.safeParse(checked.profile).success).toBe(true);
        },
      ),
    );
  });
});

describe('helpers', () => {
  it('splitNames trims, drops empties and repeats', () => {
    expect(splitNames(' 고수 , 가지,고수;; 파\n')).toEqual(['고수', '가지', '파']);
  });

  it('parseWhole reads plain and grouped whole numbers only', () => {
    expect(parseWhole('30,000')).toBe(30000);
    expect(parseWhole(' 12 ')).toBe(12);
    expect(parseWhole('1e3')).toBeUndefined();
    expect(parseWhole('-1')).toBeUndefined();
    expect(parseWhole('')).toBeUndefined();
  });

  it.each([
    ['3만', 30000],
    ['3만원', 30000],
    ['3 만 원', 30000],
    ['30,000', 30000],
    ['30,000원', 30000],
    ['30000', 30000],
    ['₩30,000', 30000],
    ['30000 KRW', 30000],
    ['3.5만', 35000],
    ['3만 5천원', 35000],
    ['5천원', 5000],
    ['100만원', 1000000],
    ['３만', 30000],
  ] as const)('parseBudget reads %s as %d won', (text, won) => {
    expect(parseBudget(text)).toBe(won);
  });

  it.each(['', '만', '원', '3만만', 'lots', '3,5만', '30.000', '-30000', '1e5', '3.12345만', '삼만'])(
    'parseBudget refuses %s',
    (text) => {
      expect(parseBudget(text)).toBeUndefined();
    },
  );

  it('when the budget cannot be read, then the error says how to write it, not that it is out of range', () => {
    expect(draftToProfile(draft({ budget: '삼만' }))).toMatchObject({
      ok: false,
      errors: [{ field: 'budget', message: 'error.budgetFormat' }],
    });
    expect(draftToProfile(draft({ budget: '3만' }))).toMatchObject({ ok: true, profile: { budget: 30000 } });
    expect(draftToProfile(draft({ budget: '500원' }))).toMatchObject({
      ok: false,
      errors: [{ field: 'budget', message: 'error.budget' }],
    });
  });

  it('a saved draft loads back; a corrupt one falls back to the default', () => {
    const storage = new MemoryStorage();
    const saved = draft({
      target: 'fridge',
      allergies: ['peanut'],
      budget: '15000',
      hypertension: true,
      pantry: ['salt'],
      pantryOther: '고춧가루',
      language: 'en',
    });
    saveDraft(storage, saved);
    expect(loadDraft(storage, 'ko')).toEqual(saved);
    storage.setItem(
      'aiChefProfileDraft',
      JSON.stringify({ target: 'pizza', allergies: ['egg', 'kiwi', 3], servings: 4 }),
    );
    expect(loadDraft(storage, 'ko')).toMatchObject({ target: 'general', allergies: ['egg'], servings: '2' });
    // A draft saved before the pantry existed starts with the basic pantry ticked.
    expect(loadDraft(storage, 'ko').pantry).toEqual(defaultDraft('ko').pantry);
    storage.setItem('aiChefProfileDraft', '{not json');
    expect(loadDraft(storage, 'en')).toEqual(defaultDraft('en'));
  });
});
