/** Something the shop sells: a one-time product or a monthly plan. */
export interface Product {
  id: string;
  name: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  /** `payment`: bought once; `subscription`: a monthly plan that grants access. */
  mode: 'payment' | 'subscription';
  /** The platform plan (`mode: subscription`). */
  planId?: string;
}

/** The shop's catalogue. */
export const products: readonly Product[] = [
  { id: 'mug', name: 'Hookline mug', amount: 1200, currency: 'USD', mode: 'payment' },
  { id: 'stickers', name: 'Sticker pack', amount: 499, currency: 'USD', mode: 'payment' },
  {
    id: 'pro',
    name: 'Pro membership (monthly)',
    amount: 900,
    currency: 'USD',
    mode: 'subscription',
    planId: 'plan_pro_monthly',
  },
];

/** The product with `id`, if the shop sells it. */
export function findProduct(id: string): Product | undefined {
  return products.find((product) => product.id === id);
}
