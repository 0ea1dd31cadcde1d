import type { Profile } from '@ai-chef/contracts';
import type { IngredientTag } from '../../ingredient-schema.js';
import { UNDERCOOKED, wordsFound } from '../common/undercooked.js';
import { findForbidden } from '../recipe-facts.js';
import type { RecipeFacts } from '../recipe-facts.js';
import type { Label, RuleSpec, TargetModule } from '../rule-spec.js';
import { babyStageFor, namesStage, otherStagesNamed } from './baby-stages.js';

export const BABY_LIMITS = {
  /** Before this age: no honey, no added salt, sugar or salty sauces. */
  noSeasoningBeforeMonths: 12,
  /** Before this age: no whole nuts (choking). */
  noWholeNutsBeforeMonths: 36,
  /** From this age every recipe has an iron-rich ingredient (WHO; 대한소아청소년과학회). */
  ironSourceFromMonths: 6,
  /** At least this much of it per serving: about two teaspoons of minced meat, not a garnish. */
  ironSourceMinGrams: 8,
  /** Solids before this age are told to talk to a doctor first. */
  solidsNoticeBeforeMonths: 6,
  /** Sodium per serving for 12–36 months. */
  toddlerSodiumMaxMg: 300,
  /**
   * Sodium per serving before 12 months, from the food itself (no salt is added): the Korean adequate intake
   * for 7–11 months is about 370 mg a day, so one meal stays well under it even with cheese or seaweed.
   */
  infantSodiumMaxMg: 200,
} as const;

const SEASONING_TAGS: readonly IngredientTag[] = ['added_sugar', 'salt', 'salty_sauce'];

function forbidTags(id: string, label: Label, tags: readonly IngredientTag[]): RuleSpec {
  return {
    id,
    kind: 'none',
    label,
    find: (facts) => findForbidden(facts, { ingredient: (item) => item.tags.some((tag) => tags.includes(tag)) }),
  };
}

function stageProblems(facts: RecipeFacts, age: number): Label[] {
  const stage = babyStageFor(age);
  const problems: Label[] = [];
  if (!namesStage(facts.recipe.targetNotes, stage))
    problems.push({ ko: `메모에 단계(${stage.label.ko}) 없음`, en: `the notes do not name ${stage.label.en}` });
  for (const part of facts.texts) {
    for (const other of otherStagesNamed(part.text, stage)) problems.push(other.label);
  }
  return problems;
}

function age(profile: Profile): number {
  return profile.babyAgeMonths ?? 0;
}

export const babyFood: TargetModule = {
  id: 'baby_food',
  label: { ko: '이유식', en: 'baby food' },
  summary: {
    ko: '월령별 질감, 12개월 전 소금·설탕·꿀 없음, 6개월부터 철분 식품',
    en: 'texture by age, no salt, sugar or honey before 12 months, iron-rich food from 6 months',
  },
  role: { ko: '영유아 이유식 전문 영양사', en: 'a paediatric dietitian who writes baby food' },
  mealMinKcal: null,
  withRice: false,
  sodiumLimitMg: (profile) =>
    age(profile) >= BABY_LIMITS.noSeasoningBeforeMonths ? BABY_LIMITS.toddlerSodiumMaxMg : BABY_LIMITS.infantSodiumMaxMg,
  forbiddenTags: (profile) => {
    const tags: IngredientTag[] = ['raw_only'];
    if (age(profile) < BABY_LIMITS.noSeasoningBeforeMonths) tags.push('honey', ...SEASONING_TAGS);
    if (age(profile) < BABY_LIMITS.noWholeNutsBeforeMonths) tags.push('whole_nut', 'choking_risk');
    return tags;
  },
  rules: (profile) => {
    const months = age(profile);
    const stage = babyStageFor(months);
    const rules: RuleSpec[] = [
      {
        id: 'baby_food.stage',
        kind: 'none',
        label: { ko: `이유식 단계(${stage.label.ko})와 맞지 않는 표시`, en: `stage words that do not fit ${stage.label.en}` },
        find: (facts) => stageProblems(facts, months),
      },
      {
        id: 'baby_food.raw',
        kind: 'none',
        label: { ko: '아기에게 날것·덜 익힌 음식', en: 'raw or undercooked food for a baby' },
        find: (facts) => [
          ...findForbidden(facts, { ingredient: (item) => item.tags.includes('raw_only') }),
          ...wordsFound(facts, UNDERCOOKED),
        ],
      },
    ];
    if (months < BABY_LIMITS.noSeasoningBeforeMonths) {
      rules.push(
        forbidTags('baby_food.honey', { ko: '12개월 전 꿀', en: 'honey before 12 months' }, ['honey']),
        forbidTags(
          'baby_food.seasoning',
          { ko: '12개월 전 소금·설탕·짠 양념', en: 'added salt, sugar or salty sauce before 12 months' },
          SEASONING_TAGS,
        ),
      );
    }
    if (months < BABY_LIMITS.noWholeNutsBeforeMonths) {
      rules.push(
        forbidTags('baby_food.whole_nuts', { ko: '36개월 전 통견과', en: 'whole nuts before 36 months' }, [
          'whole_nut',
        ]),
        forbidTags(
          'baby_food.choking',
          { ko: '36개월 전 질식 위험 식품(떡, 통포도, 방울토마토 등)', en: 'choking hazards before 36 months (rice cakes, whole grapes, cherry tomatoes…)' },
          ['choking_risk'],
        ),
      );
    }
    if (months >= BABY_LIMITS.ironSourceFromMonths) {
      rules.push({
        id: 'baby_food.iron_source',
        kind: 'min',
        label: { ko: '철분이 풍부한 재료(1인분)', en: 'iron-rich food per serving' },
        limit: BABY_LIMITS.ironSourceMinGrams,
        unit: 'g',
        measure: (facts) =>
          facts.lines
            .filter(({ ingredient }) => ingredient?.tags.includes('iron_source') === true)
            .reduce((sum, { line }) => sum + line.grams, 0) / facts.recipe.servings,
      });
    }
    return rules;
  },
  notices: (profile) =>
    age(profile) < BABY_LIMITS.solidsNoticeBeforeMonths
      ? [
          {
            code: 'solids_before_6_months',
            message: {
              ko: '세계보건기구와 대한소아청소년과학회는 6개월 무렵 이유식을 시작하도록 권합니다. 6개월 전에 시작한다면 소아청소년과 의사와 먼저 상의하세요.',
              en: 'WHO and Korean paediatricians advise starting solids at about 6 months. Before 6 months, talk to your paediatrician first.',
            },
          },
        ]
      : [],
  promptLines: (profile, language) => {
    const months = age(profile);
    const stage = babyStageFor(months);
    const lines =
      language === 'ko'
        ? [
            `${months}개월 아기: ${stage.label.ko} 단계의 질감으로, targetNotes에 이 단계를 적으세요. 다른 단계 이름은 쓰지 마세요`,
            '날 생선·고기·달걀 금지, 모두 완전히 익히기',
          ]
        : [
            `a ${months}-month-old: the texture of ${stage.label.en}, named in targetNotes; name no other stage`,
            'nothing raw: fish, meat and egg fully cooked',
          ];
    if (months < BABY_LIMITS.noSeasoningBeforeMonths)
      lines.push(
        language === 'ko'
          ? '12개월 전: 꿀, 소금, 설탕, 간장·된장 같은 짠 양념 금지'
          : 'before 12 months: no honey, salt, sugar or salty sauces such as soy sauce',
      );
    if (months < BABY_LIMITS.noWholeNutsBeforeMonths)
      lines.push(language === 'ko' ? '36개월 전: 통견과 금지' : 'before 36 months: no whole nuts');
    if (months >= BABY_LIMITS.ironSourceFromMonths)
      lines.push(
        language === 'ko'
          ? '철분이 풍부한 재료(소고기, 닭고기, 생선, 익힌 달걀노른자, 두부, 콩류) 하나 이상'
          : 'at least one iron-rich ingredient (beef, chicken, fish, cooked egg yolk, tofu, legumes)',
      );
    return lines;
  },
};
