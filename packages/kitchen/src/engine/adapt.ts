import type { Profile } from '@ai-chef/contracts';
import { unitWeight } from '../amount.js';
import type { Catalog } from '../catalog.js';
import type { Ingredient } from '../ingredient-schema.js';
import { exclusionReason, profileRules } from '../rules/index.js';
import type { Label } from '../rules/index.js';
import { substitutesFor } from '../substitutions.js';
import { gramsPerServing, unitOf } from './amounts.js';
import type { WorkLine } from './amounts.js';
import { fridgeAddIns } from './fridge-add-ins.js';
import type { PreparedRecipe } from './prepare.js';

/** What replaced what, and why (told in the notice `substitution`, never in the recipe's words). */
export interface Swap {
  from: Ingredient;
  to: Ingredient;
  why: Label;
}

/** A line left out; `why` is undefined where nothing needs telling (an optional extra the fridge lacks). */
export interface Dropped {
  ingredient: Ingredient;
  why: Label | undefined;
}

export interface Adapted {
  prepared: PreparedRecipe;
  lines: WorkLine[];
  swaps: Swap[];
  dropped: Dropped[];
  addIns: Ingredient[];
  /** Extras from a dish's fallback categories. */
  poorFits: number;
  /** Salty seasonings were reduced to fit the profile's sodium limit. */
  saltReduced: boolean;
}

export interface Rejection {
  kind: 'excluded' | 'rules';
  /** Broken rules (or `excluded`), each with a reason a person can read. */
  reasons: { rule: string; reason: string }[];
}

/** Cooked rice per serving below which a dish is not eaten with rice in any sense. */
const RICE_MIN_G = 70;
/** What sizing the rice leaves under a carbohydrate or energy limit, for rounding and the rest of the plate. */
const RICE_MARGIN = { carbohydrateG: 3, kcal: 15 } as const;
/** Salty seasonings are cut to fit the sodium limit, at most to this share of the library's amount. */
const MIN_SALT_SHARE = 0.5;

function convertLine(work: WorkLine, substitute: Ingredient, ratio: number, fridge: ReadonlySet<string>): WorkLine {
  const swapped: WorkLine = { ...work, ingredient: substitute, fromFridge: fridge.has(substitute.id) };
  if (work.perServing === undefined) return swapped;
  const unit = unitOf(work.unit) ?? '';
  const fromWeight = unitWeight(work.ingredient, unit);
  const toWeight = unitWeight(substitute, unit);
  if (fromWeight === undefined) return swapped;
  const grams = work.perServing * fromWeight * ratio;
  if (toWeight === undefined || work.unit === '') return { ...swapped, perServing: grams, unit: 'g' };
  // A little salt for a spoon of soy sauce reads better in teaspoons.
  const teaspoon = unitWeight(substitute, '작은술');
  if (unit === '큰술' && grams / toWeight < 0.5 && teaspoon !== undefined)
    return { ...swapped, perServing: grams / teaspoon, unit: '작은술' };
  return { ...swapped, perServing: grams / toWeight };
}

function sumPerServing(lines: readonly WorkLine[], nutrient: 'carbohydrate' | 'calories' | 'sodium'): number {
  return lines.reduce((sum, line) => sum + (gramsPerServing(line) * line.ingredient.per100g[nutrient]) / 100, 0);
}

function limitOf(profile: Profile, catalog: Catalog, id: string): number | undefined {
  const rule = profileRules(profile, catalog).rules.find((candidate) => candidate.id === id);
  return rule !== undefined && rule.kind === 'max' ? rule.limit : undefined;
}

/**
 * The rice a dish is eaten with, sized for the profile: at most its rice limit, and less where a
 * carbohydrate or energy limit leaves less room beside the dish (never below a real bowl).
 */
function sizeRice(lines: WorkLine[], profile: Profile, catalog: Catalog): void {
  const rice = lines.filter((line) => line.role === 'rice');
  if (rice.length === 0) return;
  const dish = lines.filter((line) => line.role !== 'rice');
  let grams = profileRules(profile, catalog).context.limits.riceMaxG;
  for (const [rule, nutrient, margin] of [
    ['diabetes.carbohydrate', 'carbohydrate', RICE_MARGIN.carbohydrateG],
    ['diet.calories', 'calories', RICE_MARGIN.kcal],
    ['general.calories', 'calories', RICE_MARGIN.kcal],
  ] as const) {
    const limit = limitOf(profile, catalog, rule);
    if (limit === undefined) continue;
    for (const line of rice) {
      const per100 = line.ingredient.per100g[nutrient];
      if (per100 > 0) grams = Math.min(grams, ((limit - margin - sumPerServing(dish, nutrient)) / per100) * 100);
    }
  }
  const each = Math.max(RICE_MIN_G, grams) / rice.length;
  for (const line of rice) {
    const current = gramsPerServing(line);
    if (current > each || current === 0) {
      line.perServing = Math.round(each / 10) * 10;
      line.unit = 'g';
    }
  }
}

/** Salty seasonings cut (at most by half) so the dish fits the profile's sodium limit; true when cut. */
function seasonToFit(lines: WorkLine[], limitMg: number, always: boolean): boolean {
  const salty = lines.filter(
    (line) =>
      line.perServing !== undefined && line.ingredient.tags.some((tag) => tag === 'salt' || tag === 'salty_sauce'),
  );
  if (salty.length === 0) return false;
  const fromSalty = sumPerServing(salty, 'sodium');
  const fromRest = sumPerServing(lines, 'sodium') - fromSalty;
  // With high blood pressure or kidney disease the seasoning is halved whatever the total (a taste habit);
  // otherwise only what the limit asks for is taken out.
  const wanted = always ? MIN_SALT_SHARE : fromSalty > 0 ? (limitMg - fromRest) / fromSalty : 1;
  const share = Math.min(1, Math.max(MIN_SALT_SHARE, wanted));
  if (share >= 1) return false;
  for (const line of salty) line.perServing = (line.perServing ?? 0) * share;
  return true;
}

/**
 * One library recipe adapted to a profile: allergens, dislikes and forbidden foods swapped (side lines) or
 * left out (seasonings, optional lines), fridge items worked in, rice sized, salt fitted to the sodium limit.
 * A rejection when a main ingredient is ruled out, or a dish built from the fridge finds nothing to take in.
 */
export function adapt(prepared: PreparedRecipe, profile: Profile, catalog: Catalog): Adapted | Rejection {
  const rules = profileRules(profile, catalog);
  const why = exclusionReason(profile, catalog);
  const acceptable = (ingredient: Ingredient) => !rules.context.excluded(ingredient);
  const fridge = new Set(profile.fridgeIngredients);
  const fromFridge = profile.target === 'fridge';
  const adapted: Adapted = {
    prepared,
    lines: [],
    swaps: [],
    dropped: [],
    addIns: [],
    poorFits: 0,
    saltReduced: false,
  };
  const rejections: Rejection['reasons'] = [];
  const inRecipe = new Set(prepared.lines.map((line) => line.ingredient.id));

  for (const { line, ingredient, perServing, unit } of prepared.lines) {
    const work: WorkLine = {
      ingredient,
      key: ingredient.id,
      perServing,
      vagueAmount: line.amount,
      unit,
      fromFridge: fridge.has(ingredient.id),
      role: line.role,
    };
    if (line.role === 'rice' && !rules.context.limits.withRice) {
      adapted.dropped.push({ ingredient, why: undefined });
      continue;
    }
    const reason = why(ingredient);
    const droppable = line.optional === true || line.role === 'seasoning';
    if (reason !== undefined) {
      const options = line.role === 'main' ? [] : substitutesFor(ingredient, acceptable, catalog);
      // A substitute the dish already has would only double a line (간장 → 소금 next to the salt): a
      // droppable line is then left out. One already in the fridge is the better one.
      const fresh = options.filter((option) => !inRecipe.has(option.ingredient.id));
      const preferred =
        fresh.find((option) => fridge.has(option.ingredient.id)) ?? fresh[0] ?? (droppable ? undefined : options[0]);
      // Cooking from the fridge, an optional extra is better left out than bought in.
      const bought = preferred !== undefined && !preferred.ingredient.staple && !fridge.has(preferred.ingredient.id);
      const substitute = fromFridge && line.optional === true && bought ? undefined : preferred;
      if (substitute !== undefined) {
        adapted.lines.push(convertLine(work, substitute.ingredient, substitute.ratio, fridge));
        inRecipe.add(substitute.ingredient.id);
        adapted.swaps.push({ from: ingredient, to: substitute.ingredient, why: reason });
      } else if (droppable) {
        adapted.dropped.push({ ingredient, why: reason });
      } else {
        const name = profile.language === 'en' ? ingredient.nameEn : ingredient.nameKo;
        rejections.push({ rule: 'excluded', reason: `${name}: ${reason[profile.language]}` });
      }
      continue;
    }
    // From the fridge, optional extras the fridge lacks are left out: the dish leans on what is there.
    if (fromFridge && line.optional === true && !ingredient.staple && !work.fromFridge) {
      adapted.dropped.push({ ingredient, why: undefined });
      continue;
    }
    adapted.lines.push(work);
  }
  if (rejections.length > 0) return { kind: 'excluded', reasons: rejections };

  if (fromFridge) {
    const carbohydrateG = limitOf(profile, catalog, 'diabetes.carbohydrate') ?? Number.POSITIVE_INFINITY;
    const extras = fridgeAddIns(
      prepared,
      adapted.lines,
      profile.fridgeIngredients,
      acceptable,
      { sodiumMg: rules.context.limits.sodiumMg, carbohydrateG },
      catalog,
    );
    adapted.addIns = extras.items;
    adapted.poorFits = extras.poorFits;
    adapted.lines.push(...extras.lines);
  }
  const usesFridge = adapted.lines.some((line) => line.fromFridge && !line.ingredient.staple);
  if (prepared.recipe.addIns?.required === true && !usesFridge) {
    const reason =
      profile.language === 'en' ? 'Nothing in the fridge fits this dish.' : '이 요리에 맞는 냉장고 재료가 없습니다.';
    return { kind: 'rules', reasons: [{ rule: 'fridge.add_ins', reason }] };
  }

  sizeRice(adapted.lines, profile, catalog);
  // High blood pressure or kidney disease halve the seasoning whatever the total; for anyone else (a
  // toddler's 300 mg too) only what the limit asks for is taken out.
  const halve = rules.conditions.some((condition) => condition.sodiumLimitMg !== undefined);
  adapted.saltReduced = seasonToFit(adapted.lines, rules.context.limits.sodiumMg, halve);
  return adapted;
}
