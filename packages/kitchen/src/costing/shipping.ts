/** A shop's shipping rule (SHIPPING_FEE, free from FREE_SHIPPING_THRESHOLD; README, Configuration). */
export interface ShippingPolicy {
  fee: number;
  /** A shop's subtotal at or above this ships free. */
  freeThreshold: number;
}

export const DEFAULT_SHIPPING: ShippingPolicy = { fee: 3000, freeThreshold: 30000 };

/** The shipping a shop charges on a subtotal: none for an empty order or from the threshold on. */
export function vendorShipping(subtotal: number, shipping: ShippingPolicy): number {
  return subtotal <= 0 || subtotal >= shipping.freeThreshold ? 0 : shipping.fee;
}
