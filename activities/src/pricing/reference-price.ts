/**
 * What pricing needs to know about an ingredient from the bundled catalog: its search name, the
 * names a listing may carry, and its reference price. Kept as a small interface so pricing does not
 * depend on the catalog's full shape.
 */
export interface ReferencePrice {
  /** The Korean name, used as the search query. */
  nameKo: string;
  /** The English name, for an English basket's estimate lines. */
  nameEn?: string;
  /** Other names a shop title may use ("계란" for 달걀). */
  aliases?: readonly string[];
  /** Whole KRW for `grams` grams: one pack at the reference size. */
  price: number;
  grams: number;
  /** The pack as a shop sells it (160ml, 10구); grams when absent. */
  pack?: string;
  /** Weight of one piece (개), for titles that count pieces ("특란 30구"). */
  pieceGrams?: number;
}

export interface ReferencePriceSource {
  referencePrice(ingredientId: string): ReferencePrice | undefined;
}

/** A source over a fixed table, for tests and callers that already hold the prices. */
export function referencePricesFrom(table: Readonly<Record<string, ReferencePrice>>): ReferencePriceSource {
  return { referencePrice: (id) => (Object.hasOwn(table, id) ? table[id] : undefined) };
}
