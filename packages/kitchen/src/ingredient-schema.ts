import { z } from 'zod';
import { ALLERGEN_KEYS } from '@ai-chef/contracts';
import { Per100gSchema } from './per100g.js';
import { MineralsRefSchema, SourceRefSchema } from './source-ref.js';

export { Per100gSchema, solidGrams } from './per100g.js';

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
 * Flags the recipe rules read:
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
 * - choking_risk: round, firm or sticky when whole (grapes, cherry tomatoes, 떡, konjac, chestnuts,
 *   sausages): kept from children under 36 months, as whole nuts are.
 * - iron_source: a food whose iron counts for a baby from 6 months (red meat, poultry, fish, cooked egg
 *   yolk, tofu, legumes): fresh meat, poultry and fish — not processed, canned, dried and salted, or sold to be
 *   eaten raw —, egg yolk, tofu, soybeans and other dry legumes, green peas.
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
  'choking_risk',
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
    /**
     * The smallest common retail pack and its price: `grams` for the arithmetic, `pack` as a shop sells it
     * (160ml, 10구, 1kg), which must weigh those grams by the record's units.
     */
    referencePrice: z
      .object({
        price: z.number().int().min(10).max(1_000_000),
        grams: z.number().positive().max(100_000),
        pack: z.string().regex(/^\d+(\.\d+)?(g|kg|ml|L|구)$/),
      })
      .strict(),
    sourceRef: SourceRefSchema,
    mineralsRef: MineralsRefSchema.optional(),
  })
  .strict()
  .superRefine((record, ctx) => {
    const minerals = ['potassium', 'phosphorus', 'iron'] as const;
    if (record.mineralsRef && record.sourceRef.db === 'usda_sr_legacy') {
      ctx.addIssue({
        code: 'custom',
        path: ['mineralsRef'],
        message: 'an SR Legacy record takes its own minerals',
      });
    }
    if (record.mineralsRef && minerals.some((m) => record.sourceRef.estimated?.includes(m))) {
      ctx.addIssue({
        code: 'custom',
        path: ['mineralsRef'],
        message: 'minerals copied from SR are not estimates',
      });
    }
    if (record.tags.includes('alcohol') !== (record.per100g.alcohol ?? 0) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['per100g', 'alcohol'],
        message: 'alcohol in grams iff tagged alcohol',
      });
    }
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
