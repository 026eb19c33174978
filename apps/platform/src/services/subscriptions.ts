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

/**
 * SQL true for a row stored `active` whose cancellation at period end has taken effect (its
 * period ended); takes the current time (RFC 3339 seconds) as its one parameter. Such a row
 * reads as `cancelled`, as an open checkout past `expires_at` reads as `expired`.
 */
export const endedAtPeriodEndSql =
  "(status = 'active' AND cancel_at_period_end = 1 AND current_period_end <= ?)";

/** The status a row has at `now`: see {@link endedAtPeriodEndSql}. */
function statusAt(row: SubscriptionRow, now: number): Subscription['status'] {
  const ended =
    row.status === 'active' &&
    Number(row.cancel_at_period_end) === 1 &&
    Date.parse(row.current_period_end) <= now;
  return ended ? 'cancelled' : (row.status as Subscription['status']);
}

const toSubscription = (row: SubscriptionRow, now: number): Subscription => ({
  id: row.id,
  user_id: row.user_id,
  customer_id: row.customer_id,
  status: statusAt(row, now),
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
  return toSubscription(row, now);
}

/** How a subscription is cancelled. */
interface Cancellation {
  atPeriodEnd: boolean;
  reason: NonNullable<Subscription['cancellation_reason']>;
  feedback: string | null;
  cancelledBy: 'customer' | 'admin' | 'system';
}

/** Cancels `row` (now, or at the end of its period) and emits `subscription.cancelled`. */
async function cancel(
  ctx: PlatformContext,
  tx: Transaction,
  emit: (draft: EventDraft) => Promise<string>,
  row: SubscriptionRow,
  cancellation: Cancellation,
): Promise<Subscription> {
  const nowMs = ctx.now();
  const now = isoSeconds(nowMs);
  const next: SubscriptionRow = {
    ...row,
    status: cancellation.atPeriodEnd ? row.status : 'cancelled',
    cancel_at_period_end: cancellation.atPeriodEnd ? 1 : 0,
    cancelled_at: now,
    cancellation_reason: cancellation.reason,
  };
  await tx.run(
    'UPDATE platform_subscriptions SET status = ?, cancel_at_period_end = ?, cancelled_at = ?, cancellation_reason = ? WHERE id = ?',
    [next.status, next.cancel_at_period_end, next.cancelled_at, next.cancellation_reason, row.id],
  );
  await emit({
    event: 'subscription.cancelled',
    resource_id: row.id,
    metadata: {
      customer_id: row.customer_id,
      plan_id: row.plan_id,
      cancelled_at: now,
      cancel_at_period_end: cancellation.atPeriodEnd,
      ends_at: cancellation.atPeriodEnd ? row.current_period_end : now,
      cancelled_by: cancellation.cancelledBy,
      reason: cancellation.reason,
      feedback: cancellation.feedback,
    },
  });
  return toSubscription(next, nowMs);
}

/**
 * Cancels at once every subscription of a deleted user that is still running, including
 * one set to end with its period (its earlier event promised a later `ends_at`): emits
 * `subscription.cancelled` for each, by an admin, reason `other` (the contract has no
 * "user deleted").
 */
export async function cancelSubscriptionsOfUser(
  ctx: PlatformContext,
  tx: Transaction,
  emit: (draft: EventDraft) => Promise<string>,
  userId: string,
): Promise<void> {
  const running = await tx.all<SubscriptionRow>(
    `SELECT * FROM platform_subscriptions WHERE user_id = ? AND status <> 'cancelled' AND NOT ${endedAtPeriodEndSql} ORDER BY id`,
    [userId, isoSeconds(ctx.now())],
  );
  for (const row of running) {
    await cancel(ctx, tx, emit, row, {
      atPeriodEnd: false,
      reason: 'other',
      feedback: null,
      cancelledBy: 'admin',
    });
  }
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
    listSubscriptions: ({ query }) => {
      const now = ctx.now();
      const nowText = isoSeconds(now);
      // Filter on the status a subscription reads as, not the stored one.
      const conditions =
        query.status === 'active'
          ? [{ sql: `status = 'active' AND NOT ${endedAtPeriodEndSql}`, params: [nowText] }]
          : query.status === 'cancelled'
            ? [{ sql: `(status = 'cancelled' OR ${endedAtPeriodEndSql})`, params: [nowText] }]
            : query.status !== undefined
              ? [{ sql: 'status = ?', params: [query.status] }]
              : [];
      return paginate(ctx.db, {
        table: 'platform_subscriptions',
        where: { user_id: query.user_id },
        conditions,
        limit: query.limit,
        startingAfter: query.starting_after,
        map: (row: SubscriptionRow) => toSubscription(row, now),
      });
    },
    async getSubscription({ params }) {
      return toSubscription(await mustGet(ctx.db, params.subscription_id), ctx.now());
    },
    cancelSubscription: ({ params, body }) =>
      ctx.write(async (tx, emit) => {
        const row = await mustGet(tx, params.subscription_id);
        if (statusAt(row, ctx.now()) === 'cancelled') {
          throw new PlatformError(
            'conflict',
            `The subscription ${row.id} is already cancelled; there is nothing left to cancel.`,
          );
        }
        // Set to end with its period: cancelling again at period end changes nothing, but an
        // immediate cancel still ends it now.
        if (Number(row.cancel_at_period_end) === 1 && body.at_period_end) {
          throw new PlatformError(
            'conflict',
            `The subscription ${row.id} is already set to cancel at the end of its period (${row.current_period_end}). To end it now, cancel it with "at_period_end": false.`,
          );
        }
        return cancel(ctx, tx, emit, row, {
          atPeriodEnd: body.at_period_end,
          reason: body.reason,
          feedback: body.feedback ?? null,
          cancelledBy: body.reason === 'requested_by_customer' ? 'customer' : 'admin',
        });
      }),
  };
}
