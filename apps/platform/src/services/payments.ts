import type { Payment } from '@hookline/openapi';
import type { Transaction } from '../db/database.js';
import type { OperationHandlers } from '../http/operation-types.js';
import type { PlatformContext } from '../platform-context.js';
import { notFound } from '../platform-error.js';
import { paginate, parseJson } from './paginate.js';

/** A row of `platform_payments`. */
export interface PaymentRow {
  id: string;
  status: string;
  amount: number;
  currency: string;
  user_id: string | null;
  customer_id: string;
  checkout_session_id: string | null;
  subscription_id: string | null;
  card: string | null;
  failure_code: string | null;
  failure_message: string | null;
  created_at: string;
  metadata: string;
}

/** The API shape of a payment row. */
export const toPayment = (row: PaymentRow): Payment => ({
  id: row.id,
  status: row.status as Payment['status'],
  amount: Number(row.amount),
  currency: row.currency,
  user_id: row.user_id,
  customer_id: row.customer_id,
  checkout_session_id: row.checkout_session_id,
  subscription_id: row.subscription_id,
  card: parseJson(row.card),
  failure_code: row.failure_code as Payment['failure_code'],
  failure_message: row.failure_message,
  created_at: row.created_at,
  metadata: parseJson(row.metadata),
});

/** Inserts a payment row (inside the pay transaction). */
export async function insertPayment(tx: Transaction, row: PaymentRow): Promise<void> {
  await tx.run(
    `INSERT INTO platform_payments (id, status, amount, currency, user_id, customer_id,
      checkout_session_id, subscription_id, card, failure_code, failure_message, created_at, metadata)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      row.id,
      row.status,
      row.amount,
      row.currency,
      row.user_id,
      row.customer_id,
      row.checkout_session_id,
      row.subscription_id,
      row.card,
      row.failure_code,
      row.failure_message,
      row.created_at,
      row.metadata,
    ],
  );
}

/** Payments: list and get (they are made by the pay step of a checkout). */
export function createPaymentHandlers(
  ctx: PlatformContext,
): Pick<OperationHandlers, 'listPayments' | 'getPayment'> {
  return {
    listPayments: ({ query }) =>
      paginate(ctx.db, {
        table: 'platform_payments',
        where: { status: query.status, user_id: query.user_id },
        limit: query.limit,
        startingAfter: query.starting_after,
        map: toPayment,
      }),
    async getPayment({ params }) {
      const row = await ctx.db.get<PaymentRow>('SELECT * FROM platform_payments WHERE id = ?', [
        params.payment_id,
      ]);
      if (!row) throw notFound('payment', params.payment_id, '/v1/payments');
      return toPayment(row);
    },
  };
}
