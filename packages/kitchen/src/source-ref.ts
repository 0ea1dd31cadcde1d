import { z } from 'zod';
import { Per100gSchema } from './per100g.js';

/**
 * Where an ingredient's per-100 g numbers come from (data/SOURCES.md):
 * - usda_sr_legacy: USDA's Standard Reference, the SR Legacy data type of FoodData Central; `id` is the food's
 *   NDB number (5 digits), under which FoodData Central also lists it. Checked by scripts/audit_nutrition.py.
 * - jp_standard_tables: Standard Tables of Food Composition in Japan; `id` is the table's food number.
 * - kr_food_composition: representative values of the Korean Food Composition Table (RDA/MFDS); no food code
 *   is given because none could be checked against a copy of the table.
 * - product_label: the nutrition labels of common Korean products, scaled to 100 g.
 */
export const SOURCE_DBS = [
  'usda_sr_legacy',
  'jp_standard_tables',
  'kr_food_composition',
  'product_label',
] as const;
export type SourceDb = (typeof SOURCE_DBS)[number];

/** Databases whose records have ids, and the form of the id. */
const ID_PATTERNS: Partial<Record<SourceDb, RegExp>> = {
  usda_sr_legacy: /^\d{5}$/,
  jp_standard_tables: /^\d{5}$/,
};

const text = z.string().trim().min(1).max(200);

export const SourceRefSchema = z
  .object({
    db: z.enum(SOURCE_DBS),
    id: z.string().optional(),
    /** The source's own name of the food, as it spells it. */
    food: text,
    /** How the record relates to the source food, when not plainly the same. */
    note: text.optional(),
    /** Fields that are our estimate, not the source's number (the source does not report them, or is bent on purpose). */
    estimated: z.array(Per100gSchema.keyof()).optional(),
  })
  .strict()
  .superRefine((ref, ctx) => {
    const pattern = ID_PATTERNS[ref.db];
    if (pattern && (ref.id === undefined || !pattern.test(ref.id)))
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `${ref.db} needs an id matching ${String(pattern)}`,
      });
    if (!pattern && ref.id !== undefined)
      ctx.addIssue({ code: 'custom', path: ['id'], message: `${ref.db} records carry no checked id` });
    if (ref.estimated && new Set(ref.estimated).size !== ref.estimated.length)
      ctx.addIssue({ code: 'custom', path: ['estimated'], message: 'duplicate field' });
  });
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** For a record whose own source lists no minerals: the SR Legacy food its potassium, phosphorus and iron copy. */
export const MineralsRefSchema = z
  .object({
    db: z.literal('usda_sr_legacy'),
    id: z.string().regex(/^\d{5}$/),
    food: text,
    note: text,
  })
  .strict();
export type MineralsRef = z.infer<typeof MineralsRefSchema>;
