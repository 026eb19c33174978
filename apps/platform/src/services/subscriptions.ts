import type { Subscription } from '@hookline/openapi';
import { createId, isoSeconds } from '../create-id.js';
import type { Transaction } from '../db/database.js';
import type { OperationHandlers } from '../http/operation-types.js';
import type { EventDraft, PlatformContext } from '../platform-context.js';
import { notFound, PlatformError } from '../platform-error.js';
import { paginate, parseJson } from './paginate.js';
import { mustGetUserField } from './users.js';

interface SubscriptionRow {
  id: string;
  user_id: string;
  customer_id: string;
  status: string;
  plan_id: string;
  amount: number;
  currency: string;
  billing_interval: string;
  current_period_start: string;
  current_period_end: string;
  cancel_at_period_end: number;
  cancelled_at: string | null;
  cancellation_reason: string | null;
  created_at: string;
  metadata: string;
}

type Interval = Subscription['interval'];

const toSubscription = (row: SubscriptionRow): Subscription => ({
  id: row.id,
  user_id: row.user_id,
  customer_id: row.customer_id,
  status: row.status as Subscription['status'],
  plan_id: row.plan_id,
  amount: Number(row.amount),
  currency: row.currency,
  interval: row.billing_interval as Interval,
  current_period_start: row.current_period_start,
  current_period_end: row.current_period_end,
  cancel_at_period_end: Number(row.cancel_at_period_end) === 1,
  cancelled_at: row.cancelled_at,
  cancellation_reason: row.cancellation_reason as Subscription['cancellation_reason'],
  created_at: row.created_at,
  metadata: parseJson(row.metadata),
});

/** The end of a billing period that starts at `start`. */
function periodEnd(start: number, interval: Interval): number {
  const date = new Date(start);
  if (interval === 'day') date.setUTCDate(date.getUTCDate() + 1);
  if (interval === 'week') date.setUTCDate(date.getUTCDate() + 7);
  if (interval === 'month') date.setUTCMonth(date.getUTCMonth() + 1);
  if (interval === 'year') date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.getTime();
}

/** What a new subscription is made of. */
export interface NewSubscription {
  /** The id to use (a checkout names its subscription before creating it). */
  id?: string;
  userId: string;
  customerId: string;
  planId: string;
  amount: number;
  currency: string;
  interval: Interval;
  metadata: Record<string, string>;
}

/** Inserts an active subscription and emits `subscription.created` (inside `tx`). */
export async function insertSubscription(
  ctx: PlatformContext,
  tx: Transaction,
  emit: (draft: EventDraft) => Promise<string>,
  input: NewSubscription,
): Promise<Subscription> {
  const now = ctx.now();
  const row: SubscriptionRow = {
    id: input.id ?? createId('sub', now),
    user_id: input.userId,
    customer_id: input.customerId,
    status: 'active',
    plan_id: input.planId,
    amount: input.amount,
    currency: input.currency,
    billing_interval: input.interval,
    current_period_start: isoSeconds(now),
    current_period_end: isoSeconds(periodEnd(now, input.interval)),
    cancel_at_period_end: 0,
    cancelled_at: null,
    cancellation_reason: null,
    created_at: isoSeconds(now),
    metadata: JSON.stringify(input.metadata),
  };
  await tx.run(
    `INSERT INTO platform_subscriptions (id, user_id, customer_id, status, plan_id, amount, currency,
      billing_interval, current_period_start, current_period_end, cancel_at_period_end, cancelled_at,
      cancellation_reason, created_at, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      row.id,
      row.user_id,
      row.customer_id,
      row.status,
      row.plan_id,
      row.amount,
      row.currency,
      row.billing_interval,
      row.current_period_start,
      row.current_period_end,
      row.cancel_at_period_end,
      row.cancelled_at,
      row.cancellation_reason,
      row.created_at,
      row.metadata,
    ],
  );
  await emit({
    event: 'subscription.created',
    resource_id: row.id,
    metadata: {
      customer_id: row.customer_id,
      plan: {
        id: row.plan_id,
        name: row.plan_id.slice('plan_'.length).replaceAll('_', ' ') || row.plan_id,
        amount: row.amount,
        currency: row.currency,
        interval: input.interval,
        interval_count: 1,
      },
      quantity: 1,
      status: 'active',
      current_period_start: row.current_period_start,
      current_period_end: row.current_period_end,
      trial_end: null,
    },
  });
  return toSubscription(row);
}

/** Subscriptions: create (emits `subscription.created`), list, get, cancel (emits `subscription.cancelled`). */
export function createSubscriptionHandlers(
  ctx: PlatformContext,
): Pick<
  OperationHandlers,
  'createSubscription' | 'listSubscriptions' | 'getSubscription' | 'cancelSubscription'
> {
  const mustGet = async (db: Pick<Transaction, 'get'>, id: string) => {
    const row = await db.get<SubscriptionRow>('SELECT * FROM platform_subscriptions WHERE id = ?', [
      id,
    ]);
    if (!row) throw notFound('subscription', id, '/v1/subscriptions');
    return row;
  };
  return {
    createSubscription: ({ body }) =>
      ctx.write(async (tx, emit) => {
        const user = await mustGetUserField(tx, body.user_id);
        return insertSubscription(ctx, tx, emit, {
          userId: user.id,
          customerId: user.customer_id,
          planId: body.plan_id,
          amount: body.amount,
          currency: body.currency,
          interval: body.interval,
          metadata: body.metadata ?? {},
        });
      }),
    listSubscriptions: ({ query }) =>
      paginate(ctx.db, {
        table: 'platform_subscriptions',
        where: { user_id: query.user_id, status: query.status },
        limit: query.limit,
        startingAfter: query.starting_after,
        map: toSubscription,
      }),
    async getSubscription({ params }) {
      return toSubscription(await mustGet(ctx.db, params.subscription_id));
    },
    cancelSubscription: ({ params, body }) =>
      ctx.write(async (tx, emit) => {
        const row = await mustGet(tx, params.subscription_id);
        if (row.status === 'cancelled' || Number(row.cancel_at_period_end) === 1) {
          throw new PlatformError(
            'conflict',
            `The subscription ${row.id} is already ${row.status === 'cancelled' ? 'cancelled' : 'set to cancel at the end of its period'}; there is nothing left to cancel.`,
          );
        }
        const now = isoSeconds(ctx.now());
        const next: SubscriptionRow = {
          ...row,
          status: body.at_period_end ? row.status : 'cancelled',
          cancel_at_period_end: body.at_period_end ? 1 : 0,
          cancelled_at: now,
          cancellation_reason: body.reason,
        };
        await tx.run(
          'UPDATE platform_subscriptions SET status = ?, cancel_at_period_end = ?, cancelled_at = ?, cancellation_reason = ? WHERE id = ?',
          [
            next.status,
            next.cancel_at_period_end,
            next.cancelled_at,
            next.cancellation_reason,
            row.id,
          ],
        );
        await emit({
          event: 'subscription.cancelled',
          resource_id: row.id,
          metadata: {
            customer_id: row.customer_id,
            plan_id: row.plan_id,
            cancelled_at: now,
            cancel_at_period_end: body.at_period_end,
            ends_at: body.at_period_end ? row.current_period_end : now,
            cancelled_by: body.reason === 'requested_by_customer' ? 'customer' : 'admin',
            reason: body.reason,
            feedback: body.feedback ?? null,
          },
        });
        return toSubscription(next);
      }),
  };
}
