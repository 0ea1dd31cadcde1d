import { describe, expect, it } from '@jest/globals';
import { HEALTH_CONDITION_KEYS, TARGETS, profileWithDefaults } from '@ai-chef/contracts';
import { dailyRulesFor, getCatalog, profileRules } from '@ai-chef/kitchen';
import { setLang, tMaybe } from './i18n.js';

/** Every rule id the kitchen can check a recipe or a day by, over every target, condition and level. */
function everyRuleId(): string[] {
  const catalog = getCatalog();
  const ids = new Set<string>();
  for (const target of TARGETS)
    for (const babyAgeMonths of target === 'baby_food' ? [5, 8, 11, 20] : [undefined])
      for (const cookingLevel of ['beginner', 'intermediate'] as const) {
        const profile = profileWithDefaults({
          target,
          cookingLevel,
          healthConditions: [...HEALTH_CONDITION_KEYS],
          ...(babyAgeMonths === undefined ? {} : { babyAgeMonths }),
        });
        for (const rule of profileRules(profile, catalog).rules) ids.add(rule.id);
        for (const rule of dailyRulesFor(profile, 3, catalog)) ids.add(rule.id);
      }
  return [...ids].filter((id) => !id.startsWith('allergy.') && !id.startsWith('dislike.')).sort();
}

describe('the checks’ names', () => {
  it('exist for every rule the kitchen checks, in both languages (no rule id is shown as it is)', () => {
    const ids = everyRuleId();
    expect(ids.length).toBeGreaterThan(20);
    for (const language of ['ko', 'en'] as const) {
      setLang(language);
      try {
        expect(ids.filter((id) => tMaybe(`rule.${id}`) === undefined)).toEqual([]);
      } finally {
        setLang('ko');
      }
    }
  });
});
