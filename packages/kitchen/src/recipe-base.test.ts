import { describe, expect, it } from '@jest/globals';
import { TARGETS } from '@ai-chef/contracts';
import type { Profile, RecipeDraft, Target } from '@ai-chef/contracts';
import { getCatalog } from './catalog.js';
import { recipeBaseProblems } from './offline-engine.js';
import { BABY_STAGE_KEYS, getRecipeBase, RecipeBaseSchema } from './recipe-base.js';
import type { BaseRecipe } from './recipe-base.js';
import { resolveDraft } from './recipe-resolver.js';
import { RULE_LIMITS } from './rules.js';

const base = getRecipeBase();
const catalog = getCatalog();

function draftOf(recipe: BaseRecipe): RecipeDraft {
  return {
    recipeName: recipe.nameKo,
    description: recipe.descriptionKo,
    cookingTime: recipe.cookingTime,
    difficulty: recipe.difficulty,
    servings: recipe.baseServings,
    ingredients: recipe.ingredients.map(({ name, amount, unit }) => ({ name, amount, unit })),
    instructions: recipe.instructionsKo,
    targetNotes: recipe.targetNotesKo,
  };
}

function profileFor(recipe: BaseRecipe, target: Target, babyAgeMonths?: number): Profile {
  // The fridge holds the dish's own main ingredients, as a fridge-friendly dish assumes.
  const fridge = recipe.ingredients
    .map((line) => catalog.resolve(line.name))
    .filter((ingredient) => ingredient !== undefined && !ingredient.staple);
  return {
    target,
    allergies: [],
    healthConditions: [],
    cookingLevel: 'advanced',
    budget: 30000,
    servings: recipe.baseServings,
    fridgeIngredients: target === 'fridge' ? fridge.map((ingredient) => ingredient?.id ?? '') : [],
    dislikes: [],
    language: 'ko',
    ...(babyAgeMonths === undefined ? {} : { babyAgeMonths }),
  };
}

describe('the bundled recipe base', () => {
  it('parses, with unique ids and every ingredient resolving to the catalog with a weight', () => {
    expect(RecipeBaseSchema.safeParse(base).success).toBe(true);
    expect(base.length).toBeGreaterThanOrEqual(64);
    expect(recipeBaseProblems(catalog)).toEqual([]);
  });

  it('has at least 8 recipes designed for each target', () => {
    for (const target of TARGETS) {
      expect(base.filter((recipe) => recipe.targets.includes(target)).length).toBeGreaterThanOrEqual(8);
    }
  });

  it('spreads baby food across the four stages', () => {
    for (const stage of BABY_STAGE_KEYS) {
      expect(base.filter((recipe) => recipe.babyStages?.includes(stage)).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('is Korean home cooking, written in Korean and English', () => {
    const hangul = /[가-힣]/;
    for (const recipe of base) {
      expect(hangul.test(recipe.nameKo)).toBe(true);
      expect(recipe.ingredients.every((line) => hangul.test(line.name))).toBe(true);
      expect(recipe.instructionsEn.every((step) => !hangul.test(step))).toBe(true);
    }
    const names = base.map((recipe) => recipe.nameKo).join(' ');
    for (const dish of [
      '된장찌개',
      '김치찌개',
      '순두부찌개',
      '제육볶음',
      '닭가슴살 샐러드',
      '소고기미역국',
      '애호박죽',
      '단호박 이유식',
      '두부조림',
      '달걀찜',
      '삼겹살 구이',
      '버터 삼겹 양배추 볶음',
      '연어 아보카도 샐러드',
      '곤약 볶음밥',
      '콩나물국',
      '시금치나물',
      '잡채',
      '비빔밥',
      '닭볶음탕',
      '김치볶음밥',
      '계란말이',
    ]) {
      expect([dish, names.includes(dish)]).toEqual([dish, true]);
    }
  });

  // The claims are checked against the catalog's numbers: a recipe that says keto must compute as keto.
  it.each(base.map((recipe) => [recipe.id, recipe] as const))(
    '%s passes the rules of every target it claims',
    (_id, recipe) => {
      for (const target of recipe.targets) {
        const ages =
          target === 'baby_food'
            ? RULE_LIMITS.baby.stages
                .filter((stage) => recipe.babyStages?.includes(stage.key))
                .flatMap((stage) => [stage.fromMonths, stage.toMonths])
            : [undefined];
        for (const age of ages) {
          const { problems, nutrition } = resolveDraft(
            draftOf(recipe),
            profileFor(recipe, target, age),
            catalog,
          );
          // The engine writes the stage into the notes; everything else must already hold.
          const real = nutrition.checks.filter((check) => !check.ok && check.rule !== 'baby.stage');
          expect({ target, age, broken: real }).toEqual({ target, age, broken: [] });
          expect(problems.length).toBe(nutrition.checks.filter((check) => !check.ok).length);
        }
      }
    },
  );

  it('keeps keto recipes at 5 g net carbs or less per serving', () => {
    for (const recipe of base.filter((candidate) => candidate.targets.includes('keto'))) {
      const { nutrition } = resolveDraft(draftOf(recipe), profileFor(recipe, 'keto'), catalog);
      expect([recipe.id, nutrition.perServing.netCarbs <= 5]).toEqual([recipe.id, true]);
    }
  });
});
