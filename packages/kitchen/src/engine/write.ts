import { josa } from 'es-hangul';
import type { Language, Notice, Profile, Recipe, RecipeIngredient } from '@ai-chef/contracts';
import { babyStageFor } from '../rules/index.js';
import type { BabyStageKey, Label } from '../rules/index.js';
import { renderTemplate } from '../text/step-template.js';
import type { TemplateLine, TemplateValues } from '../text/step-template.js';
import { englishPlural, inSentence, joinNames } from '../text/words.js';
import { writeLine } from './amounts.js';
import type { Adapted } from './adapt.js';

/** Texture advice per baby stage, so a recipe that suits two stages reads right for each. */
const STAGE_TEXTURE: Readonly<Record<BabyStageKey, Label>> = {
  puree: { ko: '곱게 갈아 체에 내린 묽은 퓨레로 먹입니다.', en: 'Blend and sieve it to a thin, smooth purée.' },
  mashed: { ko: '알갱이가 조금 남도록 으깬 형태로 먹입니다.', en: 'Serve it mashed, with small soft lumps.' },
  soft_pieces: {
    ko: '잇몸으로 으깰 수 있는 부드러운 작은 조각으로 먹입니다.',
    en: 'Serve soft small pieces the baby can squash with the gums.',
  },
  family_food: {
    ko: '어른 음식보다 싱겁게, 아이가 먹기 좋은 크기로 잘라 줍니다.',
    en: 'Serve it less salty than adult food, cut into child-sized pieces.',
  },
};

function templateValues(adapted: Adapted, written: RecipeIngredient[], profile: Profile): TemplateValues {
  const language = profile.language;
  const byKey = new Map<string, TemplateLine>();
  adapted.lines.forEach((line, index) => {
    const listed = written[index]!;
    const name = language === 'en' ? inSentence(line.ingredient.nameEn) : line.ingredient.nameKo;
    byKey.set(line.key, {
      name,
      // Only what is counted has a plural: two eggs, but tofu (a swap for the eggs) stays tofu.
      plural: language === 'en' && line.ingredient.units['개'] !== undefined ? englishPlural(name) : name,
      amount: listed.amount,
      unit: listed.unit,
    });
  });
  const extras = adapted.addIns.map((ingredient) =>
    language === 'en' ? inSentence(ingredient.nameEn) : ingredient.nameKo,
  );
  return {
    line: (id) => byKey.get(id),
    ...(extras.length > 0 ? { extra: joinNames(extras, language) } : {}),
    ...(profile.target === 'baby_food' && profile.babyAgeMonths !== undefined
      ? { stage: babyStageFor(profile.babyAgeMonths).label[language] }
      : {}),
  };
}

function targetNotes(adapted: Adapted, values: TemplateValues, profile: Profile): string {
  const language = profile.language;
  const notes: string[] = [];
  if (profile.target === 'baby_food' && profile.babyAgeMonths !== undefined) {
    const stage = babyStageFor(profile.babyAgeMonths);
    notes.push(`${stage.label[language]}: ${STAGE_TEXTURE[stage.key][language]}`);
  }
  const own = renderTemplate(adapted.prepared.recipe.notes[language], language, values);
  if (own !== undefined && own !== '') notes.push(own);
  const fromFridge = adapted.lines
    .filter((line) => line.fromFridge && !line.ingredient.staple)
    .map((line) => (language === 'en' ? inSentence(line.ingredient.nameEn) : line.ingredient.nameKo));
  if (profile.target === 'fridge' && fromFridge.length > 0) {
    notes.push(
      language === 'en'
        ? `Uses ${fromFridge.length} fridge ingredients: ${fromFridge.join(', ')}.`
        : `냉장고 재료 ${fromFridge.length}가지 사용: ${fromFridge.join(', ')}.`,
    );
  }
  return notes.join(' ').slice(0, 1000);
}

/** The ingredient list for the profile's servings and language. */
export function writeIngredients(adapted: Adapted, profile: Profile): RecipeIngredient[] {
  return adapted.lines.map((line) => writeLine(line, profile.servings, profile.language));
}

/** The recipe as the person reads it: the library's templates filled with the adapted lines. */
export function writeRecipe(
  adapted: Adapted,
  profile: Profile,
  ingredients: RecipeIngredient[] = writeIngredients(adapted, profile),
): Recipe {
  const language = profile.language;
  const recipe = adapted.prepared.recipe;
  const values = templateValues(adapted, ingredients, profile);
  const instructions = recipe.steps
    .map((step) => renderTemplate(step[language], language, values))
    .filter((step): step is string => step !== undefined && step !== '');
  // Fridge items a dish takes in are cooked in a step of their own where its steps do not name them.
  const named = recipe.steps.some((step) => step[language].includes('{extra'));
  if (values.extra !== undefined && !named) {
    const step =
      language === 'en'
        ? `Cut the ${values.extra} from the fridge into bites, add them and cook them through.`
        : `냉장고의 ${josa(values.extra, '을/를')} 한입 크기로 썰어 함께 넣고 완전히 익힙니다.`;
    instructions.splice(Math.max(0, instructions.length - 1), 0, step);
  }
  return {
    recipeName: recipe.name[language],
    description: renderTemplate(recipe.description[language], language, values) ?? '',
    cookingTime: recipe.cookingTime,
    difficulty: recipe.difficulty,
    servings: profile.servings,
    ingredients,
    instructions,
    targetNotes: targetNotes(adapted, values, profile),
    language,
  };
}

function nameOf(ingredient: { nameKo: string; nameEn: string }, language: Language): string {
  return language === 'en' ? inSentence(ingredient.nameEn) : ingredient.nameKo;
}

/** What the adaptation changed, told beside the recipe: swaps, lines left out, salt cut. */
export function adaptationNotices(adapted: Adapted, language: Language): Notice[] {
  const notices: Notice[] = adapted.swaps.map((swap) => ({
    code: 'substitution',
    message:
      language === 'en'
        ? `${capitalise(nameOf(swap.to, 'en'))} replaces ${nameOf(swap.from, 'en')} (${swap.why.en}).`
        : `${swap.from.nameKo} 대신 ${swap.to.nameKo}: ${swap.why.ko}.`,
  }));
  for (const dropped of adapted.dropped) {
    if (dropped.why === undefined) continue;
    notices.push({
      code: 'left_out',
      message:
        language === 'en'
          ? `Left out: ${nameOf(dropped.ingredient, 'en')} (${dropped.why.en}).`
          : `뺀 재료: ${dropped.ingredient.nameKo} (${dropped.why.ko}).`,
    });
  }
  if (adapted.saltReduced) {
    notices.push({
      code: 'salt_reduced',
      message:
        language === 'en'
          ? 'Salty seasonings are reduced to keep within the sodium limit.'
          : '나트륨 기준에 맞추어 짠 양념을 줄였습니다.',
    });
  }
  return notices;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
