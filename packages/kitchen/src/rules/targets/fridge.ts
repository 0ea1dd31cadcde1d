import type { Profile } from '@ai-chef/contracts';
import type { RecipeFacts } from '../recipe-facts.js';
import type { RuleContext, RuleSpec, TargetModule } from '../rule-spec.js';

/** At least two fridge items (or every usable one when fewer), and more than half the main ingredients. */
export const FRIDGE_LIMITS = { minCount: 2 } as const;
/**
 * "More than half" as a percentage a check can show: with fewer than 50 main ingredients no share lies
 * between 50 % and 51 %, so at least 51 % is the same rule.
 */
const MORE_THAN_HALF_PERCENT = 51;

/** Fridge items the recipe may use: staples aside (every pantry has them) and nothing the profile rules out. */
function usableFridge(profile: Profile, context: RuleContext): number {
  return profile.fridgeIngredients.filter((id) => {
    const ingredient = context.catalog.get(id);
    return ingredient !== undefined && !ingredient.staple && !context.excluded(ingredient);
  }).length;
}

/** Main ingredients: the recipe's distinct non-staple ingredients. */
function mains(facts: RecipeFacts): string[] {
  return [
    ...new Set(
      facts.lines.filter(({ ingredient }) => ingredient?.staple !== true).map(({ line }) => line.ingredientId),
    ),
  ];
}

function fromFridge(facts: RecipeFacts): number {
  const fridge = new Set(facts.profile.fridgeIngredients);
  return mains(facts).filter((id) => fridge.has(id)).length;
}

export const fridge: TargetModule = {
  id: 'fridge',
  label: { ko: '냉장고 파먹기', en: 'use up my fridge' },
  summary: { ko: '주재료의 절반 넘게 냉장고 재료로', en: 'more than half the main ingredients from the fridge' },
  role: { ko: '냉장고 속 재료로 요리하는 가정식 셰프', en: 'a home cook who makes the most of what is in the fridge' },
  mealMinKcal: 350,
  withRice: true,
  rules: (profile, context) => {
    const usable = usableFridge(profile, context);
    const rules: RuleSpec[] = [
      {
        id: 'fridge.count',
        kind: 'min',
        label: { ko: '냉장고 재료', en: 'fridge ingredients used' },
        limit: Math.min(FRIDGE_LIMITS.minCount, usable),
        unit: 'ingredients',
        measure: fromFridge,
      },
    ];
    if (usable > 0) {
      rules.push({
        id: 'fridge.share',
        kind: 'min',
        label: { ko: '주재료 중 냉장고 재료 비율', en: 'share of the main ingredients from the fridge' },
        limit: MORE_THAN_HALF_PERCENT,
        unit: '%',
        measure: (facts) => {
          const all = mains(facts).length;
          return all === 0 ? 0 : (fromFridge(facts) / all) * 100;
        },
      });
    }
    return rules;
  },
  promptLines: (_profile, language) =>
    language === 'ko'
      ? ['냉장고 재료를 주재료로: 주재료의 절반 넘게, 적어도 두 가지를 냉장고 재료로']
      : ['cook from the fridge: more than half the main ingredients, and at least two, from the fridge list'],
};
