import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TARGETS, profileWithDefaults } from '@ai-chef/contracts';
import type { Profile } from '@ai-chef/contracts';
import { babyStageFor, getCatalog } from '@ai-chef/kitchen';
import { buildRecipePrompt, profileJsonFromPrompt, repairInstruction } from './prompts.js';

function buildProfile(overrides: Partial<Profile> = {}): Profile {
  return profileWithDefaults({ ...overrides });
}

/** How a Korean prompt names a catalog ingredient. */
function koName(id: string): string {
  const ingredient = getCatalog().get(id);
  if (!ingredient) throw new Error(`no ingredient ${id}`);
  return `${ingredient.nameKo}(${ingredient.nameEn})`;
}

/** The ingredient names the prompt's catalog section offers the model. */
function listedNames(system: string): Set<string> {
  const start = Math.max(system.indexOf('재료 목록 ('), system.indexOf('Ingredient list ('));
  expect(start).toBeGreaterThan(0);
  const names = system
    .slice(start)
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .flatMap((line) => line.slice(line.indexOf(':') + 1).split(','))
    .map((name) => name.trim());
  return new Set(names);
}

describe('buildRecipePrompt', () => {
  it.each([
    ['keto', 'ko', ['순탄수화물', '5g', '70%', '20~30%']],
    ['keto', 'en', ['net carbohydrate', '5 g', '70 %', '20–30 %']],
    ['diabetes', 'ko', ['총탄수화물 50g', '물엿', '올리고당', '꿀']],
    ['diabetes', 'en', ['50 g', 'honey', 'syrups']],
    ['diet', 'ko', ['500kcal', '단백질 20g']],
    ['diet', 'en', ['500 kcal', '20 g protein']],
    ['general', 'ko', ['800kcal']],
    ['general', 'en', ['800 kcal']],
  ] as const)('for target %s in %s, then the system prompt states the rules', (target, language, phrases) => {
    const { system } = buildRecipePrompt(buildProfile({ target, language }));
    for (const phrase of phrases) expect(system).toContain(phrase);
  });

  it.each([4, 6, 7, 8, 9, 11, 12, 36])(
    'for a baby of %i months, then the prompt names the stage the checks look for',
    (months) => {
      const stage = babyStageFor(months);
      const korean = buildRecipePrompt(buildProfile({ target: 'baby_food', babyAgeMonths: months }));
      const english = buildRecipePrompt(
        buildProfile({ target: 'baby_food', babyAgeMonths: months, language: 'en' }),
      );
      expect(korean.system).toContain(`targetNotes에 단계 이름 "${stage.ko}"`);
      expect(english.system).toContain(`name the stage "${stage.en}" in targetNotes`);
      expect(english.user).toContain(`${months} months`);
    },
  );

  it('before 12 months forbids honey and salt and leaves them out of the list; from 12 months only nuts and raw food stay out', () => {
    const young = buildRecipePrompt(buildProfile({ target: 'baby_food', babyAgeMonths: 9, language: 'en' }));
    const toddler = buildRecipePrompt(
      buildProfile({ target: 'baby_food', babyAgeMonths: 18, language: 'en' }),
    );
    expect(young.system).toContain('no honey');
    expect(toddler.system).not.toContain('no honey');
    expect(toddler.system).toContain('whole nuts');
    expect(toddler.system).toContain('raw');
    const youngList = listedNames(young.system);
    const toddlerList = listedNames(toddler.system);
    for (const name of ['꿀', '소금', '간장', '땅콩', '광어회']) expect(youngList.has(name)).toBe(false);
    for (const name of ['꿀', '소금', '간장']) expect(toddlerList.has(name)).toBe(true);
    for (const name of ['땅콩', '광어회']) expect(toddlerList.has(name)).toBe(false);
  });

  it('for diabetes as a health condition, then added sugars leave the list and the carbohydrate rule applies', () => {
    const { system } = buildRecipePrompt(buildProfile({ target: 'diet', healthConditions: ['당뇨'] }));
    expect(system).toContain('총탄수화물 50g');
    const list = listedNames(system);
    for (const name of ['설탕', '꿀', '물엿', '올리고당']) expect(list.has(name)).toBe(false);
    expect(list.has('두부')).toBe(true);
  });

  it('for target fridge, then the fridge items are named and the staples that do not count are listed', () => {
    const { system, user } = buildRecipePrompt(
      buildProfile({ target: 'fridge', fridgeIngredients: ['avocado', 'cucumber'] }),
    );
    const items = `${koName('avocado')}, ${koName('cucumber')}`;
    expect(system).toContain(`냉장고 재료: ${items}`);
    expect(user).toContain(`냉장고 재료: ${items}`);
    expect(system).toMatch(/기본 재료\([^)]*소금[^)]*\)를 뺀 재료의 절반 넘게/);
    expect(system).toContain('적어도 2가지');
  });

  it('names allergens with their hidden sources and leaves those out of the ingredient list', () => {
    const { system } = buildRecipePrompt(buildProfile({ allergies: ['milk', 'soybean'], language: 'en' }));
    expect(system).toContain(
      'no allergens, including the sauces and processed foods that hide them: milk (우유), soybean (대두)',
    );
    expect(system).toMatch(/contain milk \(우유\): .*버터/);
    expect(system).toMatch(/contain soybean \(대두\): .*간장.*두부|contain soybean \(대두\): .*두부.*간장/);
    const list = listedNames(system);
    for (const hidden of ['우유', '버터', '간장', '두부', '된장']) expect(list.has(hidden)).toBe(false);
    expect(list.has('아보카도')).toBe(true);
  });

  it('keeps a catalog-ingredient allergy and dislikes out of the ingredient list', () => {
    const { system } = buildRecipePrompt(
      buildProfile({ allergies: ['kiwi'], dislikes: ['cucumber', 'cilantro'] }),
    );
    expect(system).toContain(`쓰지 마세요: ${koName('kiwi')}`);
    expect(system).toContain(`싫어하는 재료는 쓰지 마세요: ${koName('cucumber')}, ${koName('cilantro')}`);
    const list = listedNames(system);
    for (const name of ['키위', '오이', '고수']) expect(list.has(name)).toBe(false);
  });

  it('adds the hypertension rule and passes other conditions on as context', () => {
    const { system, user } = buildRecipePrompt(
      buildProfile({ target: 'general', healthConditions: ['hypertension', 'gout'], language: 'en' }),
    );
    expect(system).toContain('800 mg sodium');
    expect(system).not.toContain('total carbohydrate');
    expect(user).toContain('Health conditions: hypertension, gout');
  });

  it.each([
    ['beginner', 'at most 30 minutes, difficulty easy'],
    ['intermediate', 'at most 60 minutes, difficulty easy or medium'],
    ['advanced', 'no limit'],
  ] as const)('for cooking level %s, then the limit is "%s"', (cookingLevel, phrase) => {
    expect(buildRecipePrompt(buildProfile({ cookingLevel, language: 'en' })).system).toContain(phrase);
  });

  it('states servings and budget, and asks for the Korean catalog names in either language', () => {
    const ko = buildRecipePrompt(buildProfile({ servings: 3, budget: 15000 }));
    expect(ko.system).toContain('servings는 3');
    expect(ko.system).toContain('15,000원');
    expect(ko.system).toContain('재료 목록의 한국어 이름');
    const en = buildRecipePrompt(buildProfile({ servings: 3, budget: 15000, language: 'en' }));
    expect(en.system).toContain('15000 KRW');
    expect(en.system).toContain('use the Korean name from the ingredient list');
    expect(en.system).toContain('in English');
  });

  it('lists the whole bundled catalog when nothing is excluded', () => {
    const list = listedNames(buildRecipePrompt(buildProfile({ target: 'keto' })).system);
    expect(list.size).toBe(getCatalog().all().length);
  });

  it('for every target and language, the profile can be read back from the user prompt', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TARGETS),
        fc.constantFrom('ko' as const, 'en' as const),
        fc.integer({ min: 4, max: 36 }),
        (target, language, babyAgeMonths) => {
          const profile = buildProfile({ target, language, babyAgeMonths, fridgeIngredients: ['avocado'] });
          const { system, user } = buildRecipePrompt(profile);
          expect(system.length).toBeGreaterThan(500);
          expect(profileJsonFromPrompt(user)).toEqual(profile);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('repairInstruction', () => {
  it('lists every problem in the profile language', () => {
    const text = repairInstruction(['net carbs 12 g > 5 g', '버터 contains milk'], 'ko');
    expect(text).toContain('다시 제출');
    expect(text).toContain('- net carbs 12 g > 5 g');
    expect(text).toContain('- 버터 contains milk');
    expect(repairInstruction(['x'], 'en')).toContain('submit it again');
  });
});

describe('profileJsonFromPrompt', () => {
  it('returns undefined when there is no profile or it is not JSON', () => {
    expect(profileJsonFromPrompt('no profile here')).toBeUndefined();
    expect(profileJsonFromPrompt('<profile>{oops</profile>')).toBeUndefined();
  });
});
