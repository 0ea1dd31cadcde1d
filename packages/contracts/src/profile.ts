import { z } from 'zod';
import { ALLERGEN_KEYS } from './allergens.js';

export const TARGETS = ['keto', 'baby_food', 'diabetes', 'diet', 'fridge', 'general'] as const;
export type Target = (typeof TARGETS)[number];
export const COOKING_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type CookingLevel = (typeof COOKING_LEVELS)[number];
export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Health conditions the rules act on (docs/contract.md, The profile); other conditions are kept as written. */
export const HEALTH_CONDITION_KEYS = ['diabetes', 'hypertension', 'kidney_disease', 'pregnancy'] as const;
export type HealthConditionKey = (typeof HEALTH_CONDITION_KEYS)[number];

/**
 * What "basic" means in `pantry`: the staples nearly every kitchen has. Water is owned whatever the pantry
 * says (it is never bought).
 */
export const BASIC_PANTRY = ['water', 'salt', 'black_pepper', 'sugar', 'vegetable_oil', 'soy_sauce', 'sesame_oil'] as const;

/** A disliked shelf of the catalog is stored with this prefix (category:seafood), an ingredient by its id. */
export const DISLIKED_CATEGORY_PREFIX = 'category:';

const COOKING_LEVEL_KO: Record<string, CookingLevel> = { 초급: 'beginner', 중급: 'intermediate', 고급: 'advanced' };

const name = z.string().trim().min(1).max(50);

/** The profile as a caller sends it: strict, unknown fields rejected, numbers must be numbers. */
export const ProfileInputSchema = z
  .object({
    target: z.enum(TARGETS).default('general'),
    allergies: z.array(name).max(20).default([]),
    healthConditions: z.array(name).max(10).default([]),
    cookingLevel: z
      .enum([...COOKING_LEVELS, '초급', '중급', '고급'])
      .default('beginner')
      .transform((level): CookingLevel => COOKING_LEVEL_KO[level] ?? (level as CookingLevel)),
    budget: z.number().int().min(1000).max(1_000_000).default(30000),
    servings: z.number().int().min(1).max(12).default(2),
    babyAgeMonths: z.number().int().min(4).max(36).optional(),
    fridgeIngredients: z.array(name).max(50).default([]),
    dislikes: z.array(name).max(20).default([]),
    pantry: z.union([z.literal('basic'), z.array(name).max(100)]).default('basic'),
    language: z.enum(LANGUAGES).default('ko'),
  })
  .strict()
  .superRefine((profile, ctx) => {
    if (profile.target === 'baby_food' && profile.babyAgeMonths === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['babyAgeMonths'],
        message: 'babyAgeMonths (4 to 36) is required for target baby_food',
      });
    }
  });
export type ProfileInput = z.input<typeof ProfileInputSchema>;
export type ParsedProfileInput = z.output<typeof ProfileInputSchema>;

/**
 * The profile after normalisation: allergies are allergen keys or catalog ingredient ids; fridge and
 * pantry items catalog ingredient ids; dislikes ingredient ids or `category:<shelf>`; health conditions
 * their key when recognised (HEALTH_CONDITION_KEYS), else as written.
 */
export const ProfileSchema = z
  .object({
    target: z.enum(TARGETS),
    allergies: z.array(z.string().min(1).max(50)).max(20),
    healthConditions: z.array(z.string().min(1).max(50)).max(10),
    cookingLevel: z.enum(COOKING_LEVELS),
    budget: z.number().int().min(1000).max(1_000_000),
    servings: z.number().int().min(1).max(12),
    babyAgeMonths: z.number().int().min(4).max(36).optional(),
    fridgeIngredients: z.array(z.string().min(1).max(50)).max(100),
    dislikes: z.array(z.string().min(1).max(60)).max(20),
    pantry: z.union([z.literal('basic'), z.array(z.string().min(1).max(50)).max(100)]),
    language: z.enum(LANGUAGES),
  })
  .strict();
export type Profile = z.infer<typeof ProfileSchema>;

export const AllergenKeySchema = z.enum(ALLERGEN_KEYS);

/** The profile of a caller who sent `{}`: every default of docs/contract.md, The profile. */
export const DEFAULT_PROFILE: Profile = ProfileSchema.parse(ProfileInputSchema.parse({}));

/** A complete profile: the defaults with `overrides` applied (not re-validated: tests probe the edges). */
export function profileWithDefaults(overrides: Partial<Profile> = {}): Profile {
  return { ...DEFAULT_PROFILE, ...overrides };
}
