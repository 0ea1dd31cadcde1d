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
  chosen: z.object({
    vendor: z.string(),
    title: z.string(),
    price: z.number().int(),
    packs: z.number().int(),
    cost: z.number().int(),
    link: z.string(),
  }),
  estimated: z.boolean(),
});
export type PricedItem = z.infer<typeof PricedItemSchema>;

export const VendorBreakdownSchema = z.record(
  z.string(),
  z.object({
    items: z.array(z.object({ name: z.string(), price: z.number().int(), quantity: z.number().int() })),
    subtotal: z.number().int(),
    shipping: z.number().int(),
  }),
);

export const PricingSchema = z.object({
  items: z.array(PricedItemSchema),
  totalEstimatedCost: z.number().int(),
  shippingCost: z.number().int(),
  optimalVendor: z.string(),
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
