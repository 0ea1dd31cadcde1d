import { ALLERGEN_NAMES, allergenKeyFor } from '@ai-chef/contracts';
import type { AllergenKey, Language, Profile, Target } from '@ai-chef/contracts';
import {
  RULE_LIMITS,
  babyStageFor,
  diabetesApplies,
  forbiddenTags,
  getCatalog,
  hypertensionApplies,
  isExcluded,
} from '@ai-chef/kitchen';
import type { Catalog, Ingredient } from '@ai-chef/kitchen';

export interface RecipePrompt {
  system: string;
  user: string;
}

/** Guards the prompt's size should the catalog grow; the bundled one (a few hundred names) fits whole. */
const CATALOG_HINT_LIMIT = 600;

const ROLE: Record<Target, Record<Language, string>> = {
  keto: { ko: '케토제닉 식단 전문 영양사', en: 'a dietitian who specialises in ketogenic diets' },
  baby_food: { ko: '영유아 이유식 전문 영양사', en: 'a paediatric dietitian who writes baby food' },
  diabetes: {
    ko: '당뇨 식단 전문 임상영양사',
    en: 'a clinical dietitian who cooks for people with diabetes',
  },
  diet: { ko: '체중 감량 식단 전문 영양사', en: 'a dietitian who writes weight-loss meals' },
  fridge: {
    ko: '냉장고 속 재료로 요리하는 가정식 셰프',
    en: 'a home cook who makes the most of what is in the fridge',
  },
  general: { ko: '균형 잡힌 가정식을 만드는 셰프', en: 'a chef who writes balanced home cooking' },
};

type Say = (ko: string, en: string) => string;

function allergenLabel(key: AllergenKey, language: Language): string {
  const names = ALLERGEN_NAMES[key];
  const ko = names[0] ?? key;
  const en = names.find((name) => /^[a-z]/i.test(name)) ?? key;
  return language === 'ko' ? `${ko}(${en})` : `${en} (${ko})`;
}

/** Names a profile entry (allergen key, catalog id or free text) in the prompt's language. */
function describeEntry(value: string, catalog: Catalog, language: Language): string {
  const key = allergenKeyFor(value);
  if (key) return allergenLabel(key, language);
  const ingredient = catalog.get(value);
  if (!ingredient) return value;
  return language === 'ko'
    ? `${ingredient.nameKo}(${ingredient.nameEn})`
    : `${ingredient.nameEn} (${ingredient.nameKo})`;
}

/** Everything the profile rules out: allergens (hidden sources included), dislikes and the target's forbidden tags. */
function isOffLimits(
  ingredient: Ingredient,
  profile: Profile,
  catalog: Catalog,
  forbidden: readonly string[],
): boolean {
  return isExcluded(ingredient, profile, catalog) || ingredient.tags.some((tag) => forbidden.includes(tag));
}

/** Catalog names by shelf, without anything the profile rules out, so the model picks from what passes. */
function catalogHints(profile: Profile, catalog: Catalog): string {
  const forbidden = forbiddenTags(profile);
  const byCategory = new Map<string, string[]>();
  const allowed = catalog.all().filter((ingredient) => !isOffLimits(ingredient, profile, catalog, forbidden));
  for (const ingredient of allowed.slice(0, CATALOG_HINT_LIMIT)) {
    const names = byCategory.get(ingredient.category) ?? [];
    names.push(ingredient.nameKo);
    byCategory.set(ingredient.category, names);
  }
  return [...byCategory].map(([category, names]) => `- ${category}: ${names.join(', ')}`).join('\n');
}

/** For each allergy, the catalog ingredients that carry it: the hidden sources a model tends to miss (간장 → soybean, wheat). */
function hiddenSourceLines(profile: Profile, catalog: Catalog, say: Say): string[] {
  const lines: string[] = [];
  for (const entry of profile.allergies) {
    const key = allergenKeyFor(entry);
    if (!key) continue;
    const sources = catalog
      .all()
      .filter((ingredient) => ingredient.allergens.includes(key))
      .map((ingredient) => ingredient.nameKo);
    if (sources.length === 0) continue;
    lines.push(
      say(
        `${allergenLabel(key, 'ko')}이(가) 든 재료: ${sources.join(', ')}`,
        `ingredients that contain ${allergenLabel(key, 'en')}: ${sources.join(', ')}`,
      ),
    );
  }
  return lines;
}

function targetRules(profile: Profile, catalog: Catalog, say: Say): string[] {
  const { keto, diet, general, baby, fridge } = RULE_LIMITS;
  const generalEnergy = say(
    `1인분 ${general.caloriesMaxKcal}kcal 이하`,
    `at most ${general.caloriesMaxKcal} kcal per serving`,
  );
  switch (profile.target) {
    case 'keto':
      return [
        say(
          `1인분 순탄수화물(탄수화물 − 식이섬유) ${keto.netCarbsMaxG}g 이하`,
          `net carbohydrate (carbohydrate minus fibre) at most ${keto.netCarbsMaxG} g per serving`,
        ),
        say(
          `에너지의 ${keto.fatMinPercent}% 이상을 지방에서, 단백질은 ${keto.proteinMinPercent}~${keto.proteinMaxPercent}%`,
          `at least ${keto.fatMinPercent} % of the energy from fat, protein ${keto.proteinMinPercent}–${keto.proteinMaxPercent} %`,
        ),
        say(
          '곡류, 밥, 면, 빵, 감자·고구마 같은 전분 채소, 설탕과 대부분의 과일은 쓰지 마세요',
          'no grains, rice, noodles, bread, starchy vegetables such as potato or sweet potato, no sugar and almost no fruit',
        ),
      ];
    case 'baby_food': {
      const months = profile.babyAgeMonths ?? baby.noSeasoningBeforeMonths;
      const stage = babyStageFor(months);
      return [
        say(
          `아기 월령 ${months}개월: ${stage.ko} 단계의 질감으로 만드세요`,
          `the baby is ${months} months old: make ${stage.en}`,
        ),
        say(
          `targetNotes에 단계 이름 "${stage.ko}"을 그대로 적으세요`,
          `name the stage "${stage.en}" in targetNotes`,
        ),
        ...(months < baby.noSeasoningBeforeMonths
          ? [
              say(
                `${baby.noSeasoningBeforeMonths}개월 미만: 꿀, 소금, 설탕, 간장·된장·고추장·젓갈 같은 짠 양념을 넣지 마세요`,
                `under ${baby.noSeasoningBeforeMonths} months: no honey, no added salt or sugar, no salty sauces (soy sauce, doenjang, gochujang, jeotgal)`,
              ),
            ]
          : []),
        ...(months < baby.noWholeNutsBeforeMonths
          ? [
              say(
                `${baby.noWholeNutsBeforeMonths}개월 미만: 통견과류를 쓰지 마세요(곱게 간 가루만)`,
                `under ${baby.noWholeNutsBeforeMonths} months: no whole nuts (finely ground only)`,
              ),
            ]
          : []),
        say(
          '날생선, 날고기, 날달걀은 어떤 월령에도 쓰지 마세요. 모든 재료를 완전히 익히세요',
          'never raw fish, raw meat or raw egg: cook everything through',
        ),
      ];
    }
    case 'diabetes':
      return [];
    case 'diet':
      return [
        say(`1인분 ${diet.caloriesMaxKcal}kcal 이하`, `at most ${diet.caloriesMaxKcal} kcal per serving`),
        say(`1인분 단백질 ${diet.proteinMinG}g 이상`, `at least ${diet.proteinMinG} g protein per serving`),
        say('튀김과 기름을 많이 쓰는 조리는 피하세요', 'avoid deep frying and heavy oil'),
      ];
    case 'fridge': {
      const items = profile.fridgeIngredients.map((id) => describeEntry(id, catalog, profile.language));
      const staples = catalog
        .all()
        .filter((ingredient) => ingredient.staple)
        .map((ingredient) => ingredient.nameKo);
      return [
        say(`냉장고 재료: ${items.join(', ') || '(없음)'}`, `fridge items: ${items.join(', ') || '(none)'}`),
        say(
          `기본 재료(${staples.join(', ')})를 뺀 재료의 절반 넘게를 냉장고 재료로 채우세요`,
          `more than half of the ingredients other than pantry staples (${staples.join(', ')}) must come from the fridge`,
        ),
        say(
          `냉장고 재료를 적어도 ${fridge.minCount}가지(냉장고 재료가 그보다 적으면 전부) 쓰세요`,
          `use at least ${fridge.minCount} fridge items (every fridge item when there are fewer)`,
        ),
      ];
    }
    case 'general':
      return [
        generalEnergy,
        say('채소와 단백질이 고루 든 균형 잡힌 한 끼', 'a balanced meal with vegetables and protein'),
      ];
  }
}

function healthRules(profile: Profile, say: Say): string[] {
  const rules: string[] = [];
  if (diabetesApplies(profile)) {
    const limit = RULE_LIMITS.diabetes.carbohydrateMaxG;
    rules.push(
      say(`1인분 총탄수화물 ${limit}g 이하`, `total carbohydrate at most ${limit} g per serving`),
      say(
        '첨가당 금지: 설탕, 각종 시럽, 꿀, 물엿, 올리고당을 쓰지 마세요',
        'no added sugars: no sugar, syrups, honey, mulyeot (물엿) or oligosaccharide syrup (올리고당)',
      ),
      say('식이섬유가 많고 혈당지수가 낮은 재료를 고르세요', 'prefer high-fibre, low-glycaemic ingredients'),
    );
  }
  if (hypertensionApplies(profile)) {
    const limit = RULE_LIMITS.hypertension.sodiumMaxMg;
    rules.push(
      say(
        `고혈압: 1인분 나트륨 ${limit}mg 이하 (소금, 간장, 된장, 젓갈, 김치를 아껴 쓰세요)`,
        `hypertension: at most ${limit} mg sodium per serving (go easy on salt, soy sauce, doenjang, jeotgal, kimchi)`,
      ),
    );
  }
  return rules;
}

function cookingLevelRule(profile: Profile, say: Say): string {
  const level = RULE_LIMITS.cookingLevel[profile.cookingLevel];
  const difficulties = level.difficulties.join(say(' 또는 ', ' or '));
  if (!Number.isFinite(level.maxMinutes)) {
    return say(
      `요리 실력 ${profile.cookingLevel}: 시간·난이도 제한 없음`,
      `cooking level ${profile.cookingLevel}: no limit on time or difficulty`,
    );
  }
  return say(
    `요리 실력 ${profile.cookingLevel}: 조리 시간 ${level.maxMinutes}분 이내, 난이도 ${difficulties}`,
    `cooking level ${profile.cookingLevel}: at most ${level.maxMinutes} minutes, difficulty ${difficulties}`,
  );
}

function bullet(lines: readonly string[]): string {
  return lines.map((line) => `- ${line}`).join('\n');
}

/** The system and user prompt for one profile; the model answers through the submit_recipe tool. */
export function buildRecipePrompt(profile: Profile, catalog: Catalog = getCatalog()): RecipePrompt {
  const say: Say = (ko, en) => (profile.language === 'ko' ? ko : en);
  const name = (value: string): string => describeEntry(value, catalog, profile.language);
  const list = (values: readonly string[]): string =>
    values.length > 0 ? values.map(name).join(', ') : say('없음', 'none');
  const budget = say(`${profile.budget.toLocaleString('ko-KR')}원`, `${profile.budget} KRW`);

  const rules = [
    ...targetRules(profile, catalog, say),
    ...healthRules(profile, say),
    cookingLevelRule(profile, say),
    say(
      `알레르기 재료와, 그것이 숨어 있는 양념·가공식품을 쓰지 마세요: ${list(profile.allergies)}`,
      `no allergens, including the sauces and processed foods that hide them: ${list(profile.allergies)}`,
    ),
    ...hiddenSourceLines(profile, catalog, say),
    say(
      `싫어하는 재료는 쓰지 마세요: ${list(profile.dislikes)}`,
      `no disliked ingredients: ${list(profile.dislikes)}`,
    ),
  ];
  const howTo = [
    say(
      '모든 글(레시피 이름, 설명, 조리 순서, targetNotes)은 한국어로 쓰세요',
      'write every text (recipe name, description, instructions, targetNotes) in English',
    ),
    say(
      '재료 이름은 아래 재료 목록의 한국어 이름을 그대로 쓰세요. 목록에 없으면 가장 흔한 한국어 이름을 쓰세요',
      'ingredient names: use the Korean name from the ingredient list below exactly as written; for anything not listed, its usual Korean name',
    ),
    say(
      `servings는 ${profile.servings}이고, 분량은 ${profile.servings}인분 전체의 양입니다`,
      `servings is ${profile.servings}; amounts are for all ${profile.servings} servings together`,
    ),
    say(
      'amount는 숫자나 분수("200", "1/2")로, unit은 g, kg, ml, L, 개, 큰술, 작은술, 컵, 모, 대, 줌, 쪽, 장 중에서 쓰세요',
      'amount is a number or fraction ("200", "1/2"); unit is one of g, kg, ml, L, 개, 큰술, 작은술, 컵, 모, 대, 줌, 쪽, 장',
    ),
    say('"약간"은 소금·후추에만 쓰세요', 'use "약간" (a pinch) only for salt and pepper'),
    say(
      `재료비 합계가 ${budget}(한국 온라인 장보기 가격 기준) 안에 들게 하세요`,
      `the ingredients must cost at most ${budget} in total at Korean online grocery prices`,
    ),
    say('조리 순서는 번호 없이 한 단계씩 적으세요', 'one step per instruction, without numbering'),
    say(
      'targetNotes에는 이 레시피가 위 규칙을 어떻게 지키는지 짧게 적으세요',
      'targetNotes: a short note on how the recipe keeps the rules above',
    ),
  ];
  const system = [
    say(
      `당신은 ${ROLE[profile.target].ko}입니다. 아래 사람을 위해 레시피 한 개를 만들어 submit_recipe 도구로 제출하세요.`,
      `You are ${ROLE[profile.target].en}. Write one recipe for the person below and submit it with the submit_recipe tool.`,
    ),
    say(
      '제출한 레시피는 프로그램이 검사합니다. 영양 성분은 정해진 재료표로 계산하므로 재료와 분량을 정확히 적고, 영양 수치를 지어내지 마세요.',
      'A program checks the recipe: nutrition is computed from a fixed ingredient table, so give exact ingredients and amounts and never invent nutrition figures.',
    ),
    '',
    say('반드시 지킬 규칙 (1인분 기준):', 'Rules you must keep (per serving):'),
    bullet(rules),
    '',
    say('작성 방법:', 'How to write it:'),
    bullet(howTo),
    '',
    say(
      '재료 목록 (이 사람이 먹을 수 있는 재료):',
      'Ingredient list (Korean names this person can eat, by shelf):',
    ),
    catalogHints(profile, catalog),
  ].join('\n');

  const user = [
    say(`목표: ${profile.target}`, `Target: ${profile.target}`),
    say(`인분: ${profile.servings}`, `Servings: ${profile.servings}`),
    say(`예산: ${budget}`, `Budget: ${budget}`),
    say(`요리 실력: ${profile.cookingLevel}`, `Cooking level: ${profile.cookingLevel}`),
    say(
      `건강 상태: ${profile.healthConditions.join(', ') || '없음'}`,
      `Health conditions: ${profile.healthConditions.join(', ') || 'none'}`,
    ),
    ...(profile.target === 'baby_food' && profile.babyAgeMonths !== undefined
      ? [say(`아기 월령: ${profile.babyAgeMonths}개월`, `Baby's age: ${profile.babyAgeMonths} months`)]
      : []),
    ...(profile.fridgeIngredients.length > 0
      ? [
          say(
            `냉장고 재료: ${list(profile.fridgeIngredients)}`,
            `In the fridge: ${list(profile.fridgeIngredients)}`,
          ),
        ]
      : []),
    '',
    // The whole profile, machine-readable, for the model and for the fake Messages API in tests.
    `<profile>${JSON.stringify(profile)}</profile>`,
    '',
    say(
      '이 조건에 맞는 레시피를 submit_recipe 도구로 제출하세요.',
      'Submit a recipe that meets these conditions with the submit_recipe tool.',
    ),
  ].join('\n');
  return { system, user };
}

/** The tool_result text that sends a rejected answer back with its reasons. */
export function repairInstruction(problems: readonly string[], language: Language): string {
  const head =
    language === 'ko'
      ? '제출한 레시피가 검사를 통과하지 못했습니다. 아래 문제를 모두 고쳐 submit_recipe로 다시 제출하세요:'
      : 'The recipe you submitted failed the checks. Fix every problem below and submit it again with submit_recipe:';
  return [head, bullet(problems)].join('\n');
}

/** Pulls the profile back out of a prompt (the fake Messages API cooks for it). */
export function profileJsonFromPrompt(text: string): unknown {
  const match = /<profile>(.*?)<\/profile>/s.exec(text);
  if (!match?.[1]) return undefined;
  try {
    return JSON.parse(match[1]) as unknown;
  } catch {
    return undefined;
  }
}
