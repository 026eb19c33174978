import type { CheckoutSession, Payment } from '@hookline/openapi';
import { createId, isoSeconds } from '../create-id.js';
import { cutText } from '../cut-text.js';
import type { Queryable } from '../db/database.js';
import type { OperationHandlers } from '../http/operation-types.js';
import type { PlatformContext } from '../platform-context.js';
import { PlatformError } from '../platform-error.js';
import { parseJson } from './paginate.js';
import { insertPayment, type PaymentRow, toPayment } from './payments.js';
import { insertSubscription } from './subscriptions.js';
import { mustGetUserField, type UserRow } from './users.js';

interface CheckoutRow {
  id: string;
  status: string;
  mode: string;
  amount: number;
  currency: string;
  user_id: string | null;
  customer_id: string | null;
  customer_email: string | null;
  plan_id: string | null;
  billing_interval: string | null;
  url: string;
  success_url: string;
  cancel_url: string | null;
  payment_id: string | null;
  subscription_id: string | null;
  created_at: string;
  expires_at: string;
  completed_at: string | null;
  metadata: string;
}

const checkoutLifetimeMs = 24 * 60 * 60 * 1000;

function toCheckoutSession(row: CheckoutRow, now: number): CheckoutSession {
  const expired = row.status === 'open' && Date.parse(row.expires_at) <= now;
  return {
    id: row.id,
    status: expired ? 'expired' : (row.status as CheckoutSession['status']),
    mode: row.mode as CheckoutSession['mode'],
    amount: Number(row.amount),
    currency: row.currency,
    user_id: row.user_id,
    customer_id: row.customer_id,
    customer_email: row.customer_email,
    plan_id: row.plan_id,
    interval: row.billing_interval as CheckoutSession['interval'],
    url: row.url,
    success_url: row.success_url,
    cancel_url: row.cancel_url,
    payment_id: row.payment_id,
    subscription_id: row.subscription_id,
    created_at: row.created_at,
    expires_at: row.expires_at,
    completed_at: row.completed_at,
    metadata: parseJson(row.metadata),
  };
}

/** Test cards, as the pay request's schema documents them. */
const testCards: Record<string, 'card_declined' | 'insufficient_funds'> = {
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
};

const failureMessages = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
} as const;

/** The card network of a number, by its leading digits. */
function cardBrand(number: string): NonNullable<Payment['card']>['brand'] {
  if (number.startsWith('4')) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(6011|65)/.test(number)) return 'discover';
  if (number.startsWith('35')) return 'jcb';
  if (number.startsWith('62')) return 'unionpay';
  if (/^3[068]/.test(number)) return 'diners';
  return 'unknown';
}

/** The checkout session with `id`, or a 404. */
async function mustGetCheckout(db: Queryable, id: string): Promise<CheckoutRow> {
  const row = await db.get<CheckoutRow>('SELECT * FROM platform_checkout_sessions WHERE id = ?', [
    id,
  ]);
  if (!row) {
    throw new PlatformError(
      'not_found',
      `No checkout session has the id ${id}. Check the id; checkout sessions are created with POST /v1/checkout/sessions.`,
    );
  }
  return row;
}

/** Checkout sessions: create, get, and the customer's pay step (emits the payment events). */
export function createCheckoutHandlers(
  ctx: PlatformContext,
): Pick<OperationHandlers, 'createCheckoutSession' | 'getCheckoutSession' | 'payCheckoutSession'> {
  return {
    async createCheckoutSession({ body }) {
      if (body.mode === 'subscription' && body.user_id === undefined) {
        const message = 'is required when mode is subscription (a subscription belongs to a user)';
        throw new PlatformError('invalid_request', `body.user_id ${message}.`, {
          errors: [{ path: 'body.user_id', message }],
        });
      }
      // success_url and cancel_url are http(s) already: the request schema (webUrlSchema) says so.
      let user: UserRow | undefined;
      if (body.user_id !== undefined) user = await mustGetUserField(ctx.db, body.user_id);
      const now = ctx.now();
      const id = createId('cs', now);
      const row: CheckoutRow = {
        id,
        status: 'open',
        mode: body.mode,
        amount: body.amount,
        currency: body.currency,
        user_id: user?.id ?? null,
        customer_id: null,
        customer_email: body.customer_email ?? user?.email ?? null,
        plan_id: body.mode === 'subscription' ? (body.plan_id ?? null) : null,
        billing_interval: body.mode === 'subscription' ? (body.interval ?? null) : null,
        url: `${ctx.baseUrl()}/pay/${id}`,
        success_url: body.success_url,
        cancel_url: body.cancel_url ?? null,
        payment_id: null,
        subscription_id: null,
        created_at: isoSeconds(now),
        expires_at: isoSeconds(now + checkoutLifetimeMs),
        completed_at: null,
        metadata: JSON.stringify(body.metadata ?? {}),
      };
      await ctx.db.run(
        `INSERT INTO platform_checkout_sessions (id, status, mode, amount, currency, user_id,
          customer_id, customer_email, plan_id, billing_interval, url, success_url, cancel_url,
          payment_id, subscription_id, created_at, expires_at, completed_at, metadata)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          row.id,
          row.status,
          row.mode,
          row.amount,
          row.currency,
          row.user_id,
          row.customer_id,
          row.customer_email,
          row.plan_id,
          row.billing_interval,
          row.url,
          row.success_url,
          row.cancel_url,
          row.payment_id,
          row.subscription_id,
          row.created_at,
          row.expires_at,
          row.completed_at,
          row.metadata,
        ],
      );
      return toCheckoutSession(row, now);
    },
    async getCheckoutSession({ params }) {
      return toCheckoutSession(
        await mustGetCheckout(ctx.db, params.checkout_session_id),
        ctx.now(),
      );
    },
    payCheckoutSession: ({ params, body }) =>
      ctx.write(async (tx, emit) => {
        const now = ctx.now();
        const session = await mustGetCheckout(tx, params.checkout_session_id);
        const current = toCheckoutSession(session, now);
        const user = session.user_id
          ? await tx.get<UserRow>('SELECT * FROM platform_users WHERE id = ?', [session.user_id])
          : undefined;
        if (session.user_id && !user && current.status !== 'complete') {
          // Deleting a user expires their open checkouts; one left open by an older version
          // of the platform must not be paid either (it would invent a customer).
          throw new PlatformError(
            'conflict',
            `The checkout session ${session.id} belongs to the user ${session.user_id}, who was deleted, so it can no longer be paid. Create a new checkout session (for another user, or without user_id).`,
          );
        }
        if (current.status !== 'open') {
          throw new PlatformError(
            'conflict',
            `The checkout session ${session.id} is ${current.status}; only an open session can be paid. Create a new checkout session.`,
          );
        }
        // A guest checkout keeps the customer id of its first attempt, so payment.failed,
        // payment.succeeded and checkout.completed name the same customer. (The session's own
        // customer_id stays null until it completes, as the document says.)
        const earlier = user
          ? undefined
          : await tx.get<{ customer_id: string }>(
              'SELECT customer_id FROM platform_payments WHERE checkout_session_id = ? ORDER BY id LIMIT 1',
              [session.id],
            );
        const customerId = user?.customer_id ?? earlier?.customer_id ?? createId('cus', now);
        const outcome = body.outcome ?? testCards[body.card.number] ?? 'succeeded';
        const metadata = parseJson<Record<string, string>>(session.metadata);
        const card = {
          brand: cardBrand(body.card.number),
          last4: body.card.number.slice(-4),
          exp_month: body.card.exp_month,
          exp_year: body.card.exp_year,
        };
        const attempts = await tx.get<{ n: number }>(
          'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM platform_payments WHERE checkout_session_id = ?',
          [session.id],
        );
        const paymentBase: Omit<PaymentRow, 'status' | 'failure_code' | 'failure_message'> = {
          id: createId('pay', now),
          amount: Number(session.amount),
          currency: session.currency,
          user_id: session.user_id,
          customer_id: customerId,
          checkout_session_id: session.id,
          subscription_id: null,
          card: JSON.stringify(card),
          created_at: isoSeconds(now),
          metadata: session.metadata,
        };

        if (outcome !== 'succeeded') {
          const payment: PaymentRow = {
            ...paymentBase,
            status: 'failed',
            failure_code: outcome,
            failure_message: failureMessages[outcome],
          };
          await insertPayment(tx, payment);
          await tx.run('UPDATE platform_checkout_sessions SET payment_id = ? WHERE id = ?', [
            payment.id,
            session.id,
          ]);
          await emit({
            event: 'payment.failed',
            resource_id: payment.id,
            metadata: {
              amount: payment.amount,
              currency: payment.currency,
              customer_id: customerId,
              payment_method: 'card',
              failure_code: outcome,
              failure_message: failureMessages[outcome],
              decline_code: outcome === 'card_declined' ? 'generic_decline' : outcome,
              attempt_count: Number(attempts?.n ?? 0) + 1,
              next_retry_at: null,
              invoice_id: null,
            },
          });
          return {
            checkout_session: toCheckoutSession({ ...session, payment_id: payment.id }, now),
            payment: toPayment(payment),
          };
        }

        let subscriptionId: string | null = null;
        if (session.mode === 'subscription' && session.plan_id && session.billing_interval) {
          if (!user) {
            throw new PlatformError(
              'conflict',
              `The subscription checkout ${session.id} has no user_id, and a subscription belongs to a user. Create the checkout session with user_id.`,
            );
          }
          subscriptionId = createId('sub', now);
        }
        const payment: PaymentRow = {
          ...paymentBase,
          subscription_id: subscriptionId,
          status: 'succeeded',
          failure_code: null,
          failure_message: null,
        };
        await insertPayment(tx, payment);
        const receiptEmail = session.customer_email;
        await emit({
          event: 'payment.succeeded',
          resource_id: payment.id,
          metadata: {
            amount: { value: payment.amount, currency: payment.currency },
            fee: {
              value: Math.max(1, Math.round(payment.amount * 0.029) + 30),
              currency: payment.currency,
            },
            customer_id: customerId,
            payment_method: { type: 'card', card: { brand: card.brand, last4: card.last4 } },
            receipt_email: receiptEmail,
            invoice_id: null,
            statement_descriptor: 'HOOKLINE SANDBOX',
          },
        });
        if (subscriptionId !== null && user) {
          await insertSubscription(ctx, tx, emit, {
            id: subscriptionId,
            userId: user.id,
            customerId,
            planId: session.plan_id as string,
            amount: payment.amount,
            currency: payment.currency,
            interval: session.billing_interval as NonNullable<CheckoutSession['interval']>,
            metadata,
          });
        }
        const completedAt = isoSeconds(now);
        const completed: CheckoutRow = {
          ...session,
          status: 'complete',
          customer_id: customerId,
          payment_id: payment.id,
          subscription_id: subscriptionId,
          completed_at: completedAt,
        };
        await tx.run(
          "UPDATE platform_checkout_sessions SET status = 'complete', customer_id = ?, payment_id = ?, subscription_id = ?, completed_at = ? WHERE id = ?",
          [customerId, payment.id, subscriptionId, completedAt, session.id],
        );
        await emit({
          event: 'checkout.completed',
          resource_id: session.id,
          metadata: {
            customer_id: customerId,
            // The event requires an email; a checkout without one gets the customer's sandbox address.
            customer_email: receiptEmail ?? `${customerId.toLowerCase()}@customers.hookline.test`,
            mode: session.mode as 'payment' | 'subscription',
            amount_total: payment.amount,
            amount_discount: 0,
            amount_tax: 0,
            currency: payment.currency,
            payment_id: payment.id,
            subscription_id: subscriptionId,
            line_items: [
              {
                price_id: `price_${session.plan_id?.slice('plan_'.length) ?? session.id.slice(3)}`,
                description: lineItemDescription(metadata.description, session),
                quantity: 1,
                unit_amount: payment.amount,
              },
            ],
          },
        });
        return { checkout_session: toCheckoutSession(completed, now), payment: toPayment(payment) };
      }),
  };
}

/**
 * Expires the open checkout sessions of a user who is being deleted (inside the deletion's
 * transaction): they read as `expired` from now on and can no longer be paid.
 */
export async function expireCheckoutsOfUser(
  tx: Queryable,
  userId: string,
  now: number,
): Promise<void> {
  const at = isoSeconds(now);
  await tx.run(
    "UPDATE platform_checkout_sessions SET status = 'expired', expires_at = ? WHERE user_id = ? AND status = 'open' AND expires_at > ?",
    [at, userId, at],
  );
}

/** Longest `line_items[].description` of `checkout.completed`. */
const lineItemDescriptionMax = 500;

/**
 * What `checkout.completed` says was bought: the checkout's `metadata.description`, trimmed,
 * else the plan or the checkout (the event requires 1–500 characters, and metadata may hold
 * an empty or blank value).
 */
function lineItemDescription(description: string | undefined, session: CheckoutRow): string {
  const given = cutText(description?.trim() ?? '', lineItemDescriptionMax).trim();
  if (given !== '') return given;
  return session.plan_id ? `Plan ${session.plan_id}` : `Checkout ${session.id}`;
}

/** An absolute http(s) URL: the only kind the pay page links or redirects to. */
export function isWebUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
