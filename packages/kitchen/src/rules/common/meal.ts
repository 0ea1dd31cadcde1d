import type { RuleModule, RuleSpec } from '../rule-spec.js';

/** Cooked rice a dish eaten with rice lists (README, The answer: "a meal"): plain, brown and multigrain. */
export const COOKED_RICE_IDS: ReadonlySet<string> = new Set(['cooked_rice', 'cooked_brown_rice', 'multigrain_rice']);
/** Cooked rice per serving where no target or condition asks for less. */
export const DEFAULT_RICE_MAX_G = 210;

/**
 * A served recipe is a whole meal: enough energy (the target's meal minimum), and a dish eaten with rice
 * lists its rice, no more than the profile allows, so every check counts it.
 */
export const meal: RuleModule = {
  rules: (_profile, context) => {
    const rules: RuleSpec[] = [];
    if (context.limits.mealMinKcal !== null) {
      rules.push({
        id: 'meal.calories',
        kind: 'min',
        label: { ko: '한 끼 열량', en: 'energy of the meal' },
        limit: context.limits.mealMinKcal,
        unit: 'kcal',
        measure: (facts) => facts.nutrition.perServing.calories,
      });
    }
    rules.push({
      id: 'meal.rice',
      kind: 'max',
      label: { ko: '1인분 밥', en: 'cooked rice per serving' },
      limit: context.limits.riceMaxG,
      unit: 'g',
      measure: (facts) =>
        facts.lines
          .filter(({ line }) => COOKED_RICE_IDS.has(line.ingredientId))
          .reduce((sum, { line }) => sum + line.grams, 0) / facts.recipe.servings,
    });
    return rules;
  },
  promptLines: (_profile, language, context) => {
    const lines: string[] = [];
    if (context.limits.mealMinKcal !== null) {
      lines.push(
        language === 'ko'
          ? `한 끼 식사: 1인분 ${context.limits.mealMinKcal}kcal 이상`
          : `a whole meal: at least ${context.limits.mealMinKcal} kcal per serving`,
      );
    }
    lines.push(
      context.limits.withRice
        ? language === 'ko'
          ? `밥과 먹는 요리라면 밥을 재료에 적으세요(1인분 ${context.limits.riceMaxG}g 이하)`
          : `a dish eaten with rice lists its cooked rice (at most ${context.limits.riceMaxG} g per serving)`
        : language === 'ko'
          ? '밥 없이 완성되는 요리로'
          : 'a dish complete without rice',
    );
    return lines;
  },
};
