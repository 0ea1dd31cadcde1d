/** A shop's shipping rule (SPEC §3: SHIPPING_FEE, free from FREE_SHIPPING_THRESHOLD). */
export interface ShippingRule {
  fee: number;
  freeFrom: number;
}

export const DEFAULT_SHIPPING: ShippingRule = { fee: 3000, freeFrom: 30000 };

/** Shipping for a shop's subtotal: none for an empty order or from the threshold on. */
export function shippingFor(subtotal: number, rule: ShippingRule): number {
  return subtotal <= 0 || subtotal >= rule.freeFrom ? 0 : rule.fee;
}
