import type { Profile } from '@ai-chef/contracts';
import type { Catalog } from '../catalog.js';
import { ownedBy } from './ownership.js';
import type { Owned } from './ownership.js';
import { packCost, usedValue } from './packs.js';
import { DEFAULT_SHIPPING, vendorShipping } from './shipping.js';
import type { ShippingPolicy } from './shipping.js';

/** The estimate for an ingredient the catalog cannot price: about a small grocery pack. */
export const GENERIC_REFERENCE = { price: 3000, grams: 300, pack: '300g' } as const;

export interface EstimatedItem {
  ingredientId: string;
  grams: number;
  owned: Owned | null;
  packs: number;
  /** What buying it costs (0 when owned). */
  cost: number;
  /** What the recipe uses of it, at the reference price per gram. */
  usedCost: number;
}

export interface BasketEstimate {
  items: EstimatedItem[];
  subtotal: number;
  shipping: number;
  /** What the person pays: bought packs and shipping. */
  outOfPocket: number;
  /** What the recipe uses, owned items included. */
  usedCost: number;
}

/**
 * A basket at the catalog's reference prices from the one estimated shop: owned items are not bought,
 * the rest in whole reference packs, with the standard shipping rule. The engine ranks dishes with it,
 * so its idea of a dish's cost is what the basket charges when no shop prices are known.
 */
export function estimateBasket(
  lines: readonly { ingredientId: string; grams: number }[],
  profile: Pick<Profile, 'fridgeIngredients' | 'pantry'>,
  catalog: Catalog,
  shipping: ShippingPolicy = DEFAULT_SHIPPING,
): BasketEstimate {
  const owned = ownedBy(profile);
  const grams = new Map<string, number>();
  for (const line of lines) grams.set(line.ingredientId, (grams.get(line.ingredientId) ?? 0) + line.grams);
  const items: EstimatedItem[] = [];
  for (const [ingredientId, needed] of grams) {
    const reference = catalog.get(ingredientId)?.referencePrice ?? GENERIC_REFERENCE;
    const pack = { packGrams: reference.grams, packCount: 1 };
    const own = owned(ingredientId);
    const bought = own === null ? packCost(reference.price, needed, pack) : { packs: 0, cost: 0 };
    items.push({
      ingredientId,
      grams: needed,
      owned: own,
      packs: bought.packs,
      cost: bought.cost,
      usedCost: usedValue(reference.price, needed, pack),
    });
  }
  const subtotal = items.reduce((sum, item) => sum + item.cost, 0);
  const fee = vendorShipping(subtotal, shipping);
  return {
    items,
    subtotal,
    shipping: fee,
    outOfPocket: subtotal + fee,
    usedCost: items.reduce((sum, item) => sum + item.usedCost, 0),
  };
}
