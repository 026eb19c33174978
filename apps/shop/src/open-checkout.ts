import { type HooklineClient, unwrap } from '@hookline/client';
import type { Product } from './catalog.js';
import type { Order, ShopStore } from './shop-store.js';

/** Where the checkout sends the customer back to, and who buys what. */
export interface OpenCheckoutInput {
  shopUrl: string;
  userId: string;
  product: Product;
  /** How the shop will learn the outcome. Default `webhook`. */
  watch?: 'webhook' | 'poll';
}

/**
 * Creates an order and its checkout session on the platform (`POST /v1/checkout/sessions`,
 * with the order id as idempotency key and metadata). The customer pays on the session's
 * `url` (the platform's hosted page), which returns to the shop with `?order=<id>`.
 */
export async function openCheckout(
  client: HooklineClient,
  store: ShopStore,
  input: OpenCheckoutInput,
): Promise<Order> {
  const { product } = input;
  const order = store.createOrder({
    userId: input.userId,
    productId: product.id,
    description: product.name,
    amount: product.amount,
    currency: product.currency,
    mode: product.mode,
    ...(input.watch && { watch: input.watch }),
  });
  let session: { id: string; url: string };
  try {
    session = await unwrap(
      client.POST('/v1/checkout/sessions', {
        idempotencyKey: `checkout-${order.id}`,
        body: {
          mode: product.mode,
          amount: product.amount,
          currency: product.currency,
          user_id: input.userId,
          success_url: `${input.shopUrl}/?order=${order.id}`,
          cancel_url: `${input.shopUrl}/?cancelled=${order.id}`,
          metadata: { order_id: order.id, description: product.name },
          ...(product.planId !== undefined && { plan_id: product.planId, interval: 'month' }),
        },
      }),
    );
  } catch (error) {
    // No session to pay: the order would stay pending forever. Buying again opens a new order;
    // this one keeps its id, so its idempotency key still names only this attempt.
    store.markCheckoutFailed(
      order.id,
      `The checkout could not be opened: ${error instanceof Error ? error.message : String(error)}`,
    );
    throw error;
  }
  return store.attachCheckout(order.id, session.id, session.url);
}
