import type { Catalog } from '@ai-chef/kitchen';
import type { ReferencePriceSource } from './reference-price.js';

/** Reference prices from the bundled ingredient catalog: the estimate when no shop can price an item. */
export function catalogReferencePrices(catalog: Catalog): ReferencePriceSource {
  return {
    referencePrice(ingredientId) {
      const item = catalog.get(ingredientId);
      if (!item) return undefined;
      const pieceGrams = item.units['개'];
      return {
        nameKo: item.nameKo,
        nameEn: item.nameEn,
        aliases: item.aliases,
        price: item.referencePrice.price,
        grams: item.referencePrice.grams,
        pack: item.referencePrice.pack,
        ...(pieceGrams ? { pieceGrams } : {}),
      };
    },
  };
}
