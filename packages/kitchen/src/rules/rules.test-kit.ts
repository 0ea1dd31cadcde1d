// Builders for the rule modules' tests: a recipe of catalog ingredients, nutrition numbers, and the
// checks a profile gets for them through the registry (the one evaluator).
import { profileWithDefaults } from '@ai-chef/contracts';
import type { Nutrients, Profile, Recipe, RuleCheck } from '@ai-chef/contracts';
import { getCatalog } from '../catalog.js';
import type { ComputedNutrition } from '../nutrition.js';
import { checkRecipeRules } from './registry.js';

export const catalog = getCatalog();

export function profileOf(overrides: Partial<Profile> = {}): Profile {
  return profileWithDefaults({ cookingLevel: 'advanced', ...overrides });
}

/** A recipe of catalog ids, 100 g each, whose one step names every line (so the text rules pass). */
export function recipeOf(ids: readonly string[], overrides: Partial<Recipe> = {}): Recipe {
  const lines = ids.map((id) => {
    const ingredient = catalog.get(id);
    if (ingredient === undefined) throw new Error(`test uses unknown id ${id}`);
    return { name: ingredient.nameKo, amount: '100', unit: 'g', ingredientId: id, grams: 100 };
  });
  return {
    recipeName: '테스트 요리',
    description: '',
    cookingTime: 20,
    difficulty: 'easy',
    servings: 2,
    ingredients: lines,
    instructions: [`${lines.map((line) => line.name).join(', ')}을 넣고 익힙니다.`],
    targetNotes: '',
    language: 'ko',
    ...overrides,
  };
}

const zero: Nutrients = {
  calories: 500,
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

export function nutritionOf(
  perServing: Partial<Nutrients> = {},
  split = { carbohydrate: 0.05, protein: 0.25, fat: 0.7 },
): ComputedNutrition {
  const per = { ...zero, ...perServing };
  return { perServing: per, total: per, energySplit: split };
}

export function checksFor(
  ids: readonly string[],
  profile: Partial<Profile>,
  per: Partial<Nutrients> = {},
  recipe: Partial<Recipe> = {},
  split?: ComputedNutrition['energySplit'],
): RuleCheck[] {
  return checkRecipeRules(recipeOf(ids, recipe), nutritionOf(per, split), profileOf(profile), catalog);
}

export function find(checks: readonly RuleCheck[], rule: string): RuleCheck {
  const found = checks.find((check) => check.rule === rule);
  if (found === undefined) throw new Error(`no check ${rule} in ${checks.map((check) => check.rule).join(', ')}`);
  return found;
}

export function broken(checks: readonly RuleCheck[]): string[] {
  return checks.filter((check) => !check.ok).map((check) => check.rule);
}
