import { z } from 'zod';

export const OfferSchema = z.object({
  title: z.string(),
  price: z.number().int(),
  vendor: z.string(),
  link: z.string(),
  productId: z.string(),
  packGrams: z.number().optional(),
  packCount: z.number().int().optional(),
});
export type Offer = z.infer<typeof OfferSchema>;

export const PricedItemSchema = z.object({
  ingredient: z.string(),
  ingredientId: z.string(),
  amount: z.string(),
  unit: z.string(),
  offers: z.array(OfferSchema),
  lowestPrice: z.number().int(),
  /** What is bought; null for what the person already has (owned). */
  chosen: z
    .object({
      vendor: z.string(),
      title: z.string(),
      price: z.number().int(),
      packs: z.number().int(),
      cost: z.number().int(),
      link: z.string(),
    })
    .nullable(),
  estimated: z.boolean(),
  /** Already at home: in the fridge, or in the pantry ("basic" or the person's own list). */
  owned: z.enum(['fridge', 'pantry']).nullable(),
  /** The value of what the recipe uses: the share of a pack, at the chosen or reference price; whole KRW. */
  usedCost: z.number().int(),
});
export type PricedItem = z.infer<typeof PricedItemSchema>;

/** The vendor key of items priced from the bundled reference prices (no shop could price them). */
export const ESTIMATE_VENDOR = 'estimate';

export const VendorBreakdownSchema = z.record(
  z.string(),
  z.object({
    items: z.array(z.object({ name: z.string(), price: z.number().int(), quantity: z.number().int() })),
    subtotal: z.number().int(),
    shipping: z.number().int(),
    /** The shop's name as the person reads it (the estimated shop's, in the profile's language). */
    label: z.string().optional(),
  }),
);

export const PricingSchema = z.object({
  items: z.array(PricedItemSchema),
  /** What the person pays: bought items and shipping. */
  totalEstimatedCost: z.number().int(),
  /** The value of what the recipe uses, owned items included. */
  usedCost: z.number().int(),
  shippingCost: z.number().int(),
  /** The shop with the largest share of the basket; null when nothing is bought from a shop. */
  optimalVendor: z.string().nullable(),
  vendorBreakdown: VendorBreakdownSchema,
  recommendations: z.object({
    sameVendorSavings: z.number().int(),
    alternativeOptions: z.array(z.string()),
  }),
  withinBudget: z.boolean(),
  overBudget: z.object({ by: z.number().int(), suggestions: z.array(z.string()) }).optional(),
  source: z.enum(['naver', 'estimate', 'mixed']),
});
export type Pricing = z.infer<typeof PricingSchema>;
