import { type HooklineClient, poll, unwrap } from '@hookline/client';
import type { Product } from './catalog.js';
import type { LiveUpdates, ShopChange } from './live-updates.js';
import { openCheckout } from './open-checkout.js';
import { ShopError } from './shop-error.js';
import type { ShopStore } from './shop-store.js';

/** How one side of the comparison learned its payment. */
export interface CompareSide {
  orderId: string;
  checkoutSessionId: string;
  /** From the customer pressing Pay until the shop knew the order was paid. */
  msAfterPayment: number;
  /** API requests the shop made to learn it (polls, or a webhook handler's lookups). */
  apiRequests: number;
  /** Of those, how many were made before the customer had even paid (wasted polls). */
  requestsBeforePayment: number;
}

/** The result of {@link compareWebhookAndPolling}. */
export interface CompareResult {
  product: string;
  /** How long the stand-in customer took on the payment page. */
  customerDelayMs: number;
  pollIntervalMs: number;
  webhook: CompareSide;
  polling: CompareSide;
  at: string;
}

/** Options of {@link compareWebhookAndPolling}. */
export interface CompareOptions {
  /** How long the customer "spends" on the payment page before paying. Default 1500 ms. */
  customerDelayMs?: number;
  /** Polling interval of the polled order. Default 500 ms. */
  pollIntervalMs?: number;
  /** Give up after this long. Default 30 s. */
  timeoutMs?: number;
}

const testCard = { number: '4242424242424242', exp_month: 12, exp_year: 2040, cvc: '123' };

/**
 * Webhook against polling, for the same kind of payment: opens two checkouts, one the shop
 * learns about from its webhook handlers and one it polls (`GET /v1/checkout/sessions/{id}`
 * with `poll()`, starting right away, as a polling integration must: it cannot know when the
 * customer pays). After `customerDelayMs` a stand-in customer pays both. Reports for each how
 * long after the payment the shop knew, and how many API requests it took.
 */
export async function compareWebhookAndPolling(
  deps: { client: HooklineClient; store: ShopStore; live: LiveUpdates; shopUrl: string },
  input: { userId: string; product: Product },
  options: CompareOptions = {},
): Promise<CompareResult> {
  const { client, store, live } = deps;
  const customerDelayMs = options.customerDelayMs ?? 1500;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const open = (watch: 'webhook' | 'poll') =>
    openCheckout(client, store, { shopUrl: deps.shopUrl, ...input, watch });
  const [pushed, polled] = await Promise.all([open('webhook'), open('poll')]);
  const pushedSession = pushed.checkout_session_id as string;
  const polledSession = polled.checkout_session_id as string;

  const webhookKnown = live.waitFor(
    (change): change is Extract<ShopChange, { kind: 'order' }> =>
      change.kind === 'order' && change.orderId === pushed.id && change.learnedBy === 'webhook',
    timeoutMs,
  );
  let paidAt = Number.POSITIVE_INFINITY;
  const pollRequestTimes: number[] = [];
  const polling = poll(
    () => {
      pollRequestTimes.push(performance.now());
      return client.GET('/v1/checkout/sessions/{checkout_session_id}', {
        params: { path: { checkout_session_id: polledSession } },
      });
    },
    (result) => result.ok && result.data.status !== 'open',
    { intervalMs: pollIntervalMs, timeoutMs },
  );
  // Awaited below; until then a failure must not surface as an unhandled rejection.
  polling.catch(() => {});

  try {
    await new Promise((resolve) => setTimeout(resolve, customerDelayMs));
    const pay = (checkout_session_id: string) =>
      unwrap(
        client.POST('/v1/checkout/sessions/{checkout_session_id}/pay', {
          params: { path: { checkout_session_id } },
          body: { card: testCard },
        }),
      );
    paidAt = performance.now();
    await Promise.all([pay(pushedSession), pay(polledSession)]);

    // Each side is timed when it resolves, not when both have.
    const stamp = <T>(promise: Promise<T>) =>
      promise.then((value) => ({ value, at: performance.now() }));
    const [webhookSide, pollSide] = await Promise.all([
      stamp(webhookKnown.promise),
      stamp(polling),
    ]);
    const change = webhookSide.value;
    const polledOutcome = pollSide.value;
    // The poll resolved with the completed session: record what it learned on the order.
    if (polledOutcome.result.ok) {
      const session = polledOutcome.result.data;
      if (store.markPaid(polled.id, { paymentId: session.payment_id, learnedBy: 'poll' })) {
        live.publish({
          kind: 'order',
          orderId: polled.id,
          status: 'paid',
          learnedBy: 'poll',
          apiRequests: polledOutcome.requests,
          userId: polled.user_id,
        });
      }
    }
    return {
      product: input.product.name,
      customerDelayMs,
      pollIntervalMs,
      webhook: {
        orderId: pushed.id,
        checkoutSessionId: pushedSession,
        msAfterPayment: Math.round(webhookSide.at - paidAt),
        apiRequests: change.apiRequests,
        requestsBeforePayment: 0,
      },
      polling: {
        orderId: polled.id,
        checkoutSessionId: polledSession,
        msAfterPayment: Math.round(pollSide.at - paidAt),
        apiRequests: polledOutcome.requests,
        requestsBeforePayment: pollRequestTimes.filter((t) => t < paidAt).length,
      },
      at: new Date().toISOString(),
    };
  } catch (error) {
    webhookKnown.cancel();
    throw new ShopError(
      'timeout',
      `The comparison did not finish within ${timeoutMs} ms: ${error instanceof Error ? error.message : String(error)}. Check that the platform's delivery worker is running and the shop's webhook endpoint is enabled.`,
      { cause: error },
    );
  }
}
