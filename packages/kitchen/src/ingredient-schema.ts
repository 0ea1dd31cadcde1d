import { z } from 'zod';
import { ALLERGEN_KEYS } from '@ai-chef/contracts';

/** Shelf groups of a Korean kitchen; every record belongs to exactly one. */
export const INGREDIENT_CATEGORIES = [
  'vegetable',
  'mushroom',
  'seaweed',
  'fruit',
  'meat',
  'poultry',
  'processed_meat',
  'fish',
  'seafood',
  'egg',
  'tofu_soy',
  'legume',
  'grain',
  'rice_cake',
  'noodle',
  'flour_bread',
  'dairy',
  'nut_seed',
  'sauce_paste',
  'seasoning',
  'oil_fat',
  'sweetener',
  'kimchi_pickle',
  'water_broth',
] as const;
export type IngredientCategory = (typeof INGREDIENT_CATEGORIES)[number];

/**
 * Flags the recipe rules read (SPEC §3):
 * - added_sugar: the ingredient is itself added sugar or mostly sugar (sugar, syrups, honey, 물엿, 올리고당, jam, ketchup, 맛술).
 * - honey: honey or made with it (never before 12 months).
 * - salt: table/sea salt.
 * - salty_sauce: soy sauces, pastes, fish sauces, 젓갈 and other salt-cured foods that season by their salt.
 * - whole_nut: whole or chopped tree nuts and peanuts (a choking risk before 36 months).
 * - raw_only: eaten raw as sold (회, 육회).
 * - keto_sweetener: a sweetener with no metabolisable carbohydrate (erythritol, allulose, stevia blends).
 * - alcohol: contains alcohol (청주, 맛술).
 * - spicy: hot chili (청양고추, 고춧가루, 고추장 ...).
 * - processed: ultra-processed foods (ham, sausage, instant noodles, 어묵 ...).
 */
export const INGREDIENT_TAGS = [
  'added_sugar',
  'honey',
  'salt',
  'salty_sauce',
  'whole_nut',
  'raw_only',
  'keto_sweetener',
  'alcohol',
  'spicy',
  'processed',
  'iron_source',
] as const;
export type IngredientTag = (typeof INGREDIENT_TAGS)[number];

/**
 * Units an ingredient may weigh. Korean conventions: 컵 = 200 ml, 큰술 = 15 ml, 작은술 = 5 ml.
 * Volume units store grams for this ingredient (density included), count units the weight of one piece.
 */
export const INGREDIENT_UNITS = [
  'g',
  'kg',
  'ml',
  'L',
  '개',
  '큰술',
  '작은술',
  '컵',
  '모',
  '대',
  '줌',
  '쪽',
  '장',
  '마리',
  '송이',
  '포기',
  '봉지',
  '캔',
  '팩',
  '알',
  '통',
  '토막',
  '조각',
  '뿌리',
  '단',
  '인분',
  '공기',
  '꼬집',
  '근',
] as const;
export type IngredientUnit = (typeof INGREDIENT_UNITS)[number];

const grams = (max: number) => z.number().min(0).max(max);

export const Per100gSchema = z
  .object({
    calories: grams(950),
    carbohydrate: grams(100),
    fiber: grams(100),
    sugars: grams(100),
    protein: grams(100),
    fat: grams(100),
    sodium: grams(40_000),
    potassium: grams(10_000).optional(),
    phosphorus: grams(10_000).optional(),
    iron: grams(1_000).optional(),
  })
  .strict()
  .superRefine((n, ctx) => {
    if (n.fiber > n.carbohydrate) ctx.addIssue({ code: 'custom', message: 'fiber exceeds carbohydrate' });
    if (n.sugars > n.carbohydrate) ctx.addIssue({ code: 'custom', message: 'sugars exceed carbohydrate' });
    // Sodium (mg) counts as salt mass too: 1 g sodium is about 2.5 g salt.
    const solids = n.carbohydrate + n.protein + n.fat + (n.sodium * 2.5) / 1000;
    if (solids > 100.5)
      ctx.addIssue({ code: 'custom', message: `macros add up to ${solids.toFixed(1)} g per 100 g` });
  });

const slug = z.string().regex(/^[a-z0-9_]+$/, 'a lower-case slug of a-z, 0-9 and _');

export const IngredientSchema = z
  .object({
    id: slug.max(50),
    nameKo: z.string().trim().min(1).max(50),
    nameEn: z.string().trim().min(1).max(50),
    aliases: z.array(z.string().trim().min(1).max(50)),
    category: z.enum(INGREDIENT_CATEGORIES),
    per100g: Per100gSchema,
    units: z
      .partialRecord(z.enum(INGREDIENT_UNITS), z.number().positive().max(50_000))
      .refine((units) => units.g === 1, { message: 'units must include "g": 1' }),
    allergens: z.array(z.enum(ALLERGEN_KEYS)),
    staple: z.boolean(),
    tags: z.array(z.enum(INGREDIENT_TAGS)),
    referencePrice: z
      .object({ price: z.number().int().min(10).max(1_000_000), grams: z.number().positive().max(100_000) })
      .strict(),
    source: z.string().min(5).max(200),
  })
  .strict()
  .superRefine((record, ctx) => {
    if (new Set(record.allergens).size !== record.allergens.length) {
      ctx.addIssue({ code: 'custom', path: ['allergens'], message: 'duplicate allergen' });
    }
    if (new Set(record.tags).size !== record.tags.length) {
      ctx.addIssue({ code: 'custom', path: ['tags'], message: 'duplicate tag' });
    }
  });
export type Ingredient = z.infer<typeof IngredientSchema>;

/** How names are compared everywhere: NFC, lower case, no spaces, underscores or hyphens. */
export function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_\-·]+/g, '');
}

/** The whole data file: ids unique, and every name (id, nameKo, nameEn, alias) points at one record only. */
export const IngredientFileSchema = z.array(IngredientSchema).superRefine((records, ctx) => {
  const ids = new Set<string>();
  const owners = new Map<string, string>();
  records.forEach((record, index) => {
    if (ids.has(record.id))
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id ${record.id}` });
    ids.add(record.id);
    for (const name of [record.id, record.nameKo, record.nameEn, ...record.aliases]) {
      const key = nameKey(name);
      const owner = owners.get(key);
      if (owner !== undefined && owner !== record.id) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `name "${name}" of ${record.id} already names ${owner}`,
        });
      }
      owners.set(key, record.id);
    }
  });
});
