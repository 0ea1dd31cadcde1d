/** A listing's size: grams per pack and packs per purchase (a 10-pack of 100 g bars). */
export interface PackSize {
  packGrams?: number;
  packCount: number;
}

export interface PackCost {
  packs: number;
  cost: number;
}

/**
 * Whole purchases needed for `gramsNeeded`: ceil(grams / (packGrams × packCount)), at least one.
 * A listing whose size is unknown counts as one purchase: the best guess without a size.
 */
export function packsNeeded(gramsNeeded: number, pack: PackSize): number {
  const grams = Number.isFinite(gramsNeeded) && gramsNeeded > 0 ? gramsNeeded : 0;
  if (pack.packGrams === undefined || pack.packGrams <= 0) return 1;
  const perPurchase = pack.packGrams * Math.max(1, pack.packCount);
  // The epsilon keeps float noise (600 / 300.0000001) from buying an extra pack.
  return Math.max(1, Math.ceil(grams / perPurchase - 1e-9));
}

/** The cost of the amount needed: whole purchases × the listing price, in whole KRW. */
export function packCost(price: number, gramsNeeded: number, pack: PackSize): PackCost {
  const packs = packsNeeded(gramsNeeded, pack);
  return { packs, cost: Math.round(price) * packs };
}

/** The value of what a recipe uses of a pack: its share of the pack's price, whole KRW. */
export function usedValue(price: number, gramsUsed: number, pack: PackSize): number {
  if (pack.packGrams === undefined || pack.packGrams <= 0) return Math.round(price);
  const perPurchase = pack.packGrams * Math.max(1, pack.packCount);
  return Math.round((price * Math.max(0, gramsUsed)) / perPurchase);
}
