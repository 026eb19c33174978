import { type HooklineClient, isHooklineApiError, unwrap } from '@hookline/client';
import type { AnyEventHandler, HandlerContext, Receiver } from '@hookline/receiver';
import type { LiveUpdates } from './live-updates.js';
import type { Order, ShopStore } from './shop-store.js';

/** What the webhook handlers work with. */
export interface ShopHandlerDeps {
  store: ShopStore;
  client: HooklineClient;
  live: LiveUpdates;
}

/** Any event the receiver hands its catch-all handler. */
type AnyEvent = Parameters<AnyEventHandler>[0];

type ApiResult = Awaited<Parameters<typeof unwrap>[0]>;

/** The data of a successful API call, `undefined` for a 404; other failures throw (the event is retried). */
async function unlessMissing<R extends ApiResult>(
  call: Promise<R>,
): Promise<Extract<R, { ok: true }>['data'] | undefined> {
  try {
    return await unwrap(call);
  } catch (error) {
    if (isHooklineApiError(error) && error.status === 404) return undefined;
    throw error;
  }
}

/** An order and the API requests it took to find it (0 when the shop already knew). */
interface FoundOrder {
  order: Order;
  apiRequests: number;
}

/**
 * Wires the shop's reactions to the platform's events into `receiver`. Every handler is
 * idempotent on its own (a retry after a crash repeats nothing), and the receiver's dedupe
 * keeps push and catch-up from running one event twice.
 *
 * - `user.created`: mirror the user, open the "welcome" onboarding task.
 * - `user.login`: security log; a login from an address the user never used is suspicious.
 * - `user.deleted`: the user is gone; revoke all their shop sessions.
 * - `session.revoked`: a logout ends that session; any other reason ends all the user's sessions.
 * - `checkout.completed`, `payment.succeeded`: mark the order paid and start fulfilment (once).
 * - `payment.failed`: mark the order failed.
 * - `subscription.created` / `subscription.cancelled`: grant / revoke the plan's access.
 * - every event: a line in the live feed with its source (push or pull).
 */
export function registerShopHandlers(receiver: Receiver, deps: ShopHandlerDeps): void {
  const { store, client, live } = deps;

  /** The order paid by `paymentId`: known locally, or looked up through the API. */
  const orderForPayment = async (paymentId: string): Promise<FoundOrder | undefined> => {
    const known = store.orderByPayment(paymentId);
    if (known) return { order: known, apiRequests: 0 };
    // The event names the payment, not the checkout; the payment names its checkout session.
    const payment = await unlessMissing(
      client.GET('/v1/payments/{payment_id}', { params: { path: { payment_id: paymentId } } }),
    );
    if (!payment) return undefined; // not a payment of this account any more
    const checkoutId = payment.checkout_session_id;
    const order = checkoutId === null ? undefined : store.orderByCheckout(checkoutId);
    return order && { order, apiRequests: 1 };
  };

  const settlePaid = (
    found: FoundOrder,
    eventType: string,
    context: HandlerContext,
    ids: { paymentId: string | null; subscriptionId: string | null },
  ) => {
    const { order } = found;
    store.addOrderEvent(order.id, context.id, eventType, context.source);
    if (order.watch === 'poll') return; // compare: this order is learned by polling only
    const changed = store.markPaid(order.id, {
      ...ids,
      learnedBy: 'webhook',
      eventId: context.id,
      source: context.source,
    });
    if (changed) {
      live.publish({
        kind: 'order',
        orderId: order.id,
        status: 'paid',
        learnedBy: 'webhook',
        apiRequests: found.apiRequests,
        userId: order.user_id,
      });
    }
  };

  receiver.on('user.created', (event, context) => {
    store.upsertUser({
      id: event.resource_id,
      email: event.metadata.email,
      name: event.metadata.name,
    });
    if (store.addOnboardingTask(event.resource_id, 'welcome', context.id)) {
      live.publish({ kind: 'onboarding', userId: event.resource_id });
    }
  });

  receiver.on('user.login', (event, context) => {
    const record = store.recordLogin({
      eventId: context.id,
      userId: event.resource_id,
      ipAddress: event.metadata.client.ip_address,
      userAgent: event.metadata.client.user_agent,
      at: event.timestamp,
    });
    live.publish({ kind: 'security', userId: record.user_id, suspicious: record.suspicious });
  });

  receiver.on('user.deleted', (event) => {
    const revoked = store.deleteUser(event.resource_id);
    live.publish({ kind: 'sessions', userId: event.resource_id, revoked });
  });

  receiver.on('session.revoked', (event) => {
    const { user_id: userId, reason } = event.metadata;
    const revoked =
      reason === 'logout'
        ? store.revokePlatformSession(event.resource_id, reason)
        : store.revokeUserSessions(userId, reason);
    live.publish({ kind: 'sessions', userId, revoked });
  });

  receiver.on('checkout.completed', (event, context) => {
    const order = store.orderByCheckout(event.resource_id);
    if (!order) return; // a checkout another integration opened
    const { payment_id: paymentId, subscription_id: subscriptionId } = event.metadata;
    settlePaid({ order, apiRequests: 0 }, event.event, context, { paymentId, subscriptionId });
    if (subscriptionId !== null) {
      store.grantAccess({ subscriptionId, userId: order.user_id, planId: null });
      live.publish({ kind: 'access', subscriptionId, status: 'active', userId: order.user_id });
    }
  });

  receiver.on('payment.succeeded', async (event, context) => {
    const found = await orderForPayment(event.resource_id);
    if (!found) return;
    settlePaid(found, event.event, context, { paymentId: event.resource_id, subscriptionId: null });
  });

  receiver.on('payment.failed', async (event, context) => {
    const found = await orderForPayment(event.resource_id);
    if (!found) return;
    store.addOrderEvent(found.order.id, context.id, event.event, context.source);
    if (found.order.watch === 'poll') return;
    const changed = store.markFailed(found.order.id, {
      paymentId: event.resource_id,
      failureMessage: event.metadata.failure_message,
      learnedBy: 'webhook',
      eventId: context.id,
      source: context.source,
    });
    if (changed) {
      live.publish({
        kind: 'order',
        orderId: found.order.id,
        status: 'failed',
        learnedBy: 'webhook',
        apiRequests: found.apiRequests,
        userId: found.order.user_id,
      });
    }
  });

  receiver.on('subscription.created', async (event) => {
    // The event names the customer; the subscription names the user it belongs to.
    const subscription = await unlessMissing(
      client.GET('/v1/subscriptions/{subscription_id}', {
        params: { path: { subscription_id: event.resource_id } },
      }),
    );
    if (!subscription) return;
    const userId = subscription.user_id;
    if (!store.getUser(userId)) return; // not a customer of this shop
    store.grantAccess({
      subscriptionId: event.resource_id,
      userId,
      planId: event.metadata.plan.id,
    });
    live.publish({ kind: 'access', subscriptionId: event.resource_id, status: 'active', userId });
  });

  receiver.on('subscription.cancelled', (event) => {
    store.revokeAccess(event.resource_id, event.metadata.plan_id);
    const userId = store.getAccess(event.resource_id)?.user_id ?? null;
    live.publish({ kind: 'access', subscriptionId: event.resource_id, status: 'revoked', userId });
  });

  /** The customer an event concerns, from what the typed handlers (run first) stored. */
  const customerOf = (event: AnyEvent, eventId: string): string | null => {
    switch (event.event) {
      case 'user.created':
      case 'user.login':
      case 'user.deleted':
        return event.resource_id;
      case 'session.revoked':
        return event.metadata.user_id;
      case 'subscription.created':
      case 'subscription.cancelled':
        return store.getAccess(event.resource_id)?.user_id ?? null;
      default:
        // checkout.completed, payment.*: the order they were recorded on.
        return store.userOfOrderEvent(eventId) ?? null;
    }
  };

  receiver.onAny((event, context) => {
    const userId = customerOf(event, context.id);
    store.addFeed({
      event_id: context.id,
      event_type: event.event,
      resource_id: event.resource_id,
      user_id: userId,
      source: context.source,
    });
    live.publish({
      kind: 'feed',
      eventId: context.id,
      eventType: event.event,
      source: context.source,
      userId,
    });
  });
}
