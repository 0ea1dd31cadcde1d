import { profileWithDefaults } from '@ai-chef/contracts';
import { describe, expect, it } from '@jest/globals';
import type { Nutrients, Nutrition, Profile, Recipe, RuleCheck } from '@ai-chef/contracts';
import { Catalog, getCatalog } from './catalog.js';
import type { Ingredient } from './ingredient-schema.js';
import {
  babyStageFor,
  brokenRules,
  checkRecipe,
  forbiddenTags,
  notesNameStage,
  RULE_LIMITS,
} from './rules.js';

const catalog = getCatalog();

function profileOf(overrides: Partial<Profile> = {}): Profile {
  return profileWithDefaults({ cookingLevel: 'advanced', ...overrides });
}

function recipeOf(ids: string[], overrides: Partial<Recipe> = {}): Recipe {
  return {
    recipeName: 'test',
    description: '',
    cookingTime: 20,
    difficulty: 'easy',
    servings: 2,
    ingredients: ids.map((id) => {
      const ingredient = catalog.get(id);
      if (ingredient === undefined) throw new Error(`test uses unknown id ${id}`);
      return { name: ingredient.nameKo, amount: '100', unit: 'g', ingredientId: id, grams: 100 };
    }),
    instructions: ['cook'],
    targetNotes: '',
    language: 'ko',
    ...overrides,
  };
}

const zero: Nutrients = {
  calories: 0,
  carbohydrate: 0,
  fiber: 0,
  netCarbs: 0,
  sugars: 0,
  protein: 0,
  fat: 0,
  sodium: 0,
  potassium: 0,
  phosphorus: 0,
  iron: 0,
};

function nutritionOf(
  perServing: Partial<Nutrients>,
  split = { carbohydrate: 0.05, protein: 0.25, fat: 0.7 },
): Omit<Nutrition, 'checks'> {
  const per = { ...zero, ...perServing };
  return { perServing: per, total: per, energySplit: split };
}

function find(checks: RuleCheck[], rule: string): RuleCheck {
  const found = checks.find((check) => check.rule === rule);
  if (found === undefined)
    throw new Error(`no check ${rule} in ${checks.map((check) => check.rule).join(', ')}`);
  return found;
}

const run = (
  ids: string[],
  profile: Partial<Profile>,
  per: Partial<Nutrients> = {},
  recipe: Partial<Recipe> = {},
  split?: Nutrition['energySplit'],
) => checkRecipe(recipeOf(ids, recipe), nutritionOf(per, split), profileOf(profile), catalog);

describe('keto', () => {
  it('passes at 5 g net carbs, 70 % fat and 20–30 % protein', () => {
    const checks = run(
      ['pork_belly'],
      { target: 'keto' },
      { netCarbs: 5 },
      {},
      { carbohydrate: 0.05, protein: 0.25, fat: 0.7 },
    );
    expect(find(checks, 'keto.net_carbs')).toMatchObject({ ok: true, limit: 5, value: 5, unit: 'g' });
    expect(find(checks, 'keto.fat_share')).toMatchObject({ ok: true, limit: 70, value: 70 });
    expect(find(checks, 'keto.protein_share')).toMatchObject({ ok: true, limit: '20–30', value: 25 });
    expect(brokenRules(checks)).toEqual([]);
  });

  it('breaks on net carbs, a low fat share and protein outside 20–30 %', () => {
    const checks = run(
      ['pork_belly'],
      { target: 'keto' },
      { netCarbs: 5.2 },
      {},
      { carbohydrate: 0.1, protein: 0.32, fat: 0.58 },
    );
    const broken = brokenRules(checks).map((check) => check.rule);
    expect(broken).toEqual(['keto.net_carbs', 'keto.fat_share', 'keto.protein_share']);
    expect(find(checks, 'keto.net_carbs').reason).toContain('5.2');
    const low = run(
      ['pork_belly'],
      { target: 'keto' },
      { netCarbs: 1 },
      {},
      { carbohydrate: 0.02, protein: 0.15, fat: 0.83 },
    );
    expect(find(low, 'keto.protein_share').ok).toBe(false);
  });
});

describe('diabetes', () => {
  it('applies for the target and for the health condition in Korean or English', () => {
    for (const profile of [
      { target: 'diabetes' as const },
      { healthConditions: ['당뇨'] },
      { healthConditions: ['Diabetes'] },
    ]) {
      const checks = run(['tofu'], profile, { carbohydrate: 50 });
      expect(find(checks, 'diabetes.carbohydrate')).toMatchObject({ ok: true, limit: 50, value: 50 });
      expect(find(checks, 'diabetes.added_sugar').ok).toBe(true);
    }
    expect(run(['tofu'], {}).some((check) => check.rule.startsWith('diabetes'))).toBe(false);
  });

  it('breaks on more than 50 g carbohydrate and on added sugars, honey and syrups included', () => {
    expect(
      find(run(['tofu'], { target: 'diabetes' }, { carbohydrate: 50.5 }), 'diabetes.carbohydrate').ok,
    ).toBe(false);
    for (const sweet of ['sugar', 'honey', 'corn_syrup', 'oligosaccharide']) {
      const check = find(run(['tofu', sweet], { target: 'diabetes' }), 'diabetes.added_sugar');
      expect(check).toMatchObject({ ok: false, value: 1 });
      expect(check.reason).toContain(catalog.get(sweet)?.nameKo);
    }
    expect(find(run(['tofu', 'allulose'], { target: 'diabetes' }), 'diabetes.added_sugar').ok).toBe(true);
  });
});

describe('diet and general', () => {
  it('diet: at most 500 kcal and at least 20 g protein', () => {
    const pass = run(['chicken_breast'], { target: 'diet' }, { calories: 500, protein: 20 });
    expect(brokenRules(pass)).toEqual([]);
    const fail = run(['chicken_breast'], { target: 'diet' }, { calories: 501, protein: 19.9 });
    expect(brokenRules(fail).map((check) => check.rule)).toEqual(['diet.calories', 'diet.protein']);
  });

  it('general: at most 800 kcal', () => {
    expect(find(run(['beef'], {}, { calories: 800 }), 'general.calories').ok).toBe(true);
    expect(find(run(['beef'], {}, { calories: 801 }), 'general.calories')).toMatchObject({
      ok: false,
      limit: 800,
      unit: 'kcal',
    });
  });
});

describe('baby food', () => {
  it('maps ages to the four stages', () => {
    expect([4, 6, 7, 8, 9, 11, 12, 36].map((age) => babyStageFor(age).key)).toEqual([
      'puree',
      'puree',
      'mashed',
      'mashed',
      'soft_pieces',
      'soft_pieces',
      'family_food',
      'family_food',
    ]);
  });

  it('needs the stage named in the notes, by month range or texture, in either language', () => {
    const stage = babyStageFor(8);
    expect(notesNameStage('7–8개월 (으깬 형태): 잘 으깹니다', stage)).toBe(true);
    expect(notesNameStage('For 7-8 months', stage)).toBe(true);
    expect(notesNameStage('serve it mashed', stage)).toBe(true);
    expect(notesNameStage('17–80 months', stage)).toBe(false);
    const named = run(
      ['rice'],
      { target: 'baby_food', babyAgeMonths: 8 },
      {},
      { targetNotes: RULE_LIMITS.baby.stages[1].ko },
    );
    expect(find(named, 'baby.stage').ok).toBe(true);
    const unnamed = run(
      ['rice'],
      { target: 'baby_food', babyAgeMonths: 8 },
      {},
      { targetNotes: '맛있게 먹입니다' },
    );
    expect(find(unnamed, 'baby.stage')).toMatchObject({ ok: false });
  });

  it('forbids honey, salt, sugar and salty sauces before 12 months only', () => {
    const notes = { targetNotes: '9–11개월' };
    const young = run(
      ['rice', 'honey', 'salt', 'soy_sauce'],
      { target: 'baby_food', babyAgeMonths: 11 },
      {},
      notes,
    );
    expect(find(young, 'baby.honey')).toMatchObject({ ok: false, value: 1 });
    expect(find(young, 'baby.seasoning')).toMatchObject({ ok: false, value: 2 });
    const toddler = run(
      ['rice', 'honey', 'salt', 'soy_sauce'],
      { target: 'baby_food', babyAgeMonths: 12 },
      {},
      { targetNotes: '12–36개월' },
    );
    expect(brokenRules(toddler)).toEqual([]);
    expect(toddler.some((check) => check.rule === 'baby.honey')).toBe(false);
  });

  it('forbids whole nuts before 36 months', () => {
    const checks = run(
      ['rice', 'walnut'],
      { target: 'baby_food', babyAgeMonths: 35 },
      {},
      { targetNotes: '12–36개월' },
    );
    expect(find(checks, 'baby.whole_nuts').ok).toBe(false);
    const older = run(
      ['rice', 'walnut'],
      { target: 'baby_food', babyAgeMonths: 36 },
      {},
      { targetNotes: '12–36개월' },
    );
    expect(older.some((check) => check.rule === 'baby.whole_nuts')).toBe(false);
  });

  it('forbids raw fish, meat and egg at every age', () => {
    const sashimi: Ingredient = {
      id: 'test_sashimi',
      nameKo: '테스트 회',
      nameEn: 'Test sashimi',
      aliases: [],
      category: 'fish',
      per100g: {
        calories: 120,
        carbohydrate: 0,
        fiber: 0,
        sugars: 0,
        protein: 20,
        fat: 4,
        sodium: 50,
        potassium: 300,
        phosphorus: 200,
        iron: 0.5,
      },
      units: { g: 1 },
      allergens: [],
      staple: false,
      tags: ['raw_only'],
      referencePrice: { price: 10000, grams: 200 },
      sourceRef: { db: 'product_label', food: 'test record' },
    };
    const withRaw = new Catalog([...catalog.all(), sashimi]);
    const recipe = { ...recipeOf(['rice']), targetNotes: '12–36개월' };
    recipe.ingredients.push({ name: '회', amount: '50', unit: 'g', ingredientId: 'test_sashimi', grams: 50 });
    for (const age of [4, 12, 36]) {
      const checks = checkRecipe(
        recipe,
        nutritionOf({}),
        profileOf({ target: 'baby_food', babyAgeMonths: age }),
        withRaw,
      );
      expect(find(checks, 'baby.raw').ok).toBe(false);
    }
    expect(forbiddenTags(profileOf({ target: 'baby_food', babyAgeMonths: 40 }))).toEqual(['raw_only']);
  });

  it('fails without an age', () => {
    expect(find(run(['rice'], { target: 'baby_food' }), 'baby.age').ok).toBe(false);
  });
});

describe('fridge', () => {
  const fridge = ['cabbage', 'pork_belly', 'egg', 'salt'];

  it('passes when more than half of the non-staples come from the fridge and at least two are used', () => {
    const checks = run(['cabbage', 'pork_belly', 'onion', 'salt', 'soy_sauce'], {
      target: 'fridge',
      fridgeIngredients: fridge,
    });
    expect(find(checks, 'fridge.count')).toMatchObject({ ok: true, limit: 2, value: 2 });
    expect(find(checks, 'fridge.share')).toMatchObject({ ok: true, value: 66.7 });
  });

  it('breaks at exactly half and when fewer than two fridge items are used', () => {
    const half = run(['cabbage', 'pork_belly', 'onion', 'carrot'], {
      target: 'fridge',
      fridgeIngredients: fridge,
    });
    expect(find(half, 'fridge.share').ok).toBe(false);
    const one = run(['cabbage', 'salt'], { target: 'fridge', fridgeIngredients: fridge });
    expect(find(one, 'fridge.count')).toMatchObject({ ok: false, limit: 2, value: 1 });
  });

  it('asks for every fridge item when there are fewer than two, and ignores staples and forbidden items', () => {
    const single = run(['cabbage', 'salt', 'garlic'], {
      target: 'fridge',
      fridgeIngredients: ['cabbage', 'salt'],
    });
    expect(brokenRules(single)).toEqual([]);
    expect(find(single, 'fridge.count').limit).toBe(1);
    const allergic = run(['cabbage'], {
      target: 'fridge',
      fridgeIngredients: ['cabbage', 'egg'],
      allergies: ['egg'],
    });
    expect(find(allergic, 'fridge.count').limit).toBe(1);
    const empty = run(['cabbage'], { target: 'fridge', fridgeIngredients: [] });
    expect(find(empty, 'fridge.count')).toMatchObject({ ok: true, limit: 0 });
    expect(empty.some((check) => check.rule === 'fridge.share')).toBe(false);
  });
});

describe('allergies and dislikes (every target)', () => {
  it('finds hidden sources: 버터 → milk, 마요네즈 → egg, 간장 → soybean and wheat, 새우젓 → shrimp', () => {
    const cases: [string, string][] = [
      ['butter', 'milk'],
      ['mayonnaise', 'egg'],
      ['soy_sauce', 'soybean'],
      ['soy_sauce', 'wheat'],
      ['salted_shrimp', 'shrimp'],
    ];
    for (const [id, allergen] of cases) {
      const check = find(run(['rice', id], { allergies: [allergen] }), `allergy.${allergen}`);
      expect(check).toMatchObject({ ok: false, value: 1 });
    }
    expect(find(run(['beef'], { allergies: ['milk'] }), 'allergy.milk').ok).toBe(true);
  });

  it('takes ingredient ids as allergies (kiwi excludes kiwi)', () => {
    expect(find(run(['kiwi', 'banana'], { allergies: ['kiwi'] }), 'allergy.kiwi')).toMatchObject({
      ok: false,
      value: 1,
    });
    expect(find(run(['banana'], { allergies: ['kiwi'] }), 'allergy.kiwi').ok).toBe(true);
  });

  it('matches dislikes by id, name or alias, never by fragment', () => {
    expect(find(run(['cucumber'], { dislikes: ['cucumber'] }), 'dislike.cucumber').ok).toBe(false);
    expect(find(run(['cucumber'], { dislikes: ['오이'] }), 'dislike.오이').ok).toBe(false);
    expect(find(run(['green_onion'], { dislikes: ['파'] }), 'dislike.파').ok).toBe(false);
    expect(find(run(['onion'], { dislikes: ['파'] }), 'dislike.파').ok).toBe(true);
  });
});

describe('hypertension and cooking level', () => {
  it('limits sodium to 800 mg for 고혈압 or hypertension', () => {
    expect(
      find(run(['tofu'], { healthConditions: ['고혈압'] }, { sodium: 800 }), 'hypertension.sodium').ok,
    ).toBe(true);
    expect(
      find(run(['tofu'], { healthConditions: ['hypertension'] }, { sodium: 801 }), 'hypertension.sodium').ok,
    ).toBe(false);
    expect(run(['tofu'], {}, { sodium: 3000 }).some((check) => check.rule === 'hypertension.sodium')).toBe(
      false,
    );
  });

  it('beginner: at most 30 minutes and easy', () => {
    expect(
      brokenRules(run(['tofu'], { cookingLevel: 'beginner' }, {}, { cookingTime: 30, difficulty: 'easy' })),
    ).toEqual([]);
    const slow = run(['tofu'], { cookingLevel: 'beginner' }, {}, { cookingTime: 31, difficulty: 'medium' });
    expect(brokenRules(slow).map((check) => check.rule)).toEqual([
      'cooking_level.time',
      'cooking_level.difficulty',
    ]);
  });

  it('intermediate: at most 60 minutes and not hard; advanced: anything', () => {
    expect(
      brokenRules(
        run(['tofu'], { cookingLevel: 'intermediate' }, {}, { cookingTime: 60, difficulty: 'medium' }),
      ),
    ).toEqual([]);
    expect(
      find(
        run(['tofu'], { cookingLevel: 'intermediate' }, {}, { difficulty: 'hard' }),
        'cooking_level.difficulty',
      ).ok,
    ).toBe(false);
    expect(
      find(run(['tofu'], { cookingLevel: 'intermediate' }, {}, { cookingTime: 61 }), 'cooking_level.time').ok,
    ).toBe(false);
    expect(
      brokenRules(run(['tofu'], { cookingLevel: 'advanced' }, {}, { cookingTime: 180, difficulty: 'hard' })),
    ).toEqual([]);
  });
});

describe('reasons', () => {
  it('are written in the profile language', () => {
    const en = find(run(['butter'], { allergies: ['milk'], language: 'en' }), 'allergy.milk');
    expect(en.reason).toMatch(/^Contains an allergen \(milk\): Butter/);
    const ko = find(run(['butter'], { allergies: ['milk'] }), 'allergy.milk');
    expect(ko.reason).toBe('알레르기(우유) 재료가 들어 있습니다: 버터');
    expect(find(run(['tofu'], { language: 'en' }, { calories: 900 }), 'general.calories').reason).toContain(
      'per serving',
    );
  });

  it('only broken checks carry one', () => {
    const checks = run(['tofu'], { target: 'diet' }, { calories: 300, protein: 10 });
    expect(find(checks, 'diet.calories').reason).toBeUndefined();
    expect(find(checks, 'diet.protein').reason).toBeDefined();
  });
});
