import { z } from 'zod';
import { component } from '../registry.js';
import {
  amountSchema,
  currencySchema,
  metadataSchema,
  prefixedId,
  timestampSchema,
} from './common.js';
import { customerIdSchema, paymentFailedFields, paymentSucceededFields } from './event-fields.js';
import { userIdSchema } from './user.js';

/** `pay_...` */
export const paymentIdSchema = prefixedId('pay', 'a payment', 'pay_3MtwBwLkdIwHu7ix');
/** `cs_...` (declared here because payments point back at their checkout session) */
export const checkoutSessionIdSchema = prefixedId('cs', 'a checkout session', 'cs_01J9Z6F7G8H9');
/** `sub_...` (declared here because payments point back at their subscription) */
export const subscriptionIdSchema = prefixedId('sub', 'a subscription', 'sub_01J9Z7J1K2L3');

/** Status of a payment. */
export const paymentStatusSchema = component(
  'PaymentStatus',
  '`processing` until the card network answers, then `succeeded` or `failed`.',
  z.enum(['processing', 'succeeded', 'failed']),
);

/** Why a payment failed (the `failure_code` of the `payment.failed` event). */
export const paymentFailureCodeSchema = component(
  'PaymentFailureCode',
  'Why a payment failed; the same codes as `failure_code` in the `payment.failed` event.',
  paymentFailedFields.failure_code,
);

/** The card a payment was made with, without its number. */
export const cardSummarySchema = component(
  'CardSummary',
  'The card a payment was made with. The full number is never stored or returned.',
  z.object({
    brand: paymentSucceededFields.card_brand.unwrap(),
    last4: z.string().regex(/^\d{4}$/),
    exp_month: z.int().min(1).max(12),
    exp_year: z.int().min(2000).max(2100),
  }),
);

/** A payment. */
export const paymentSchema = component(
  'Payment',
  'A charge to a card. Emits `payment.succeeded` or `payment.failed` when it settles.',
  z.object({
    id: paymentIdSchema,
    status: paymentStatusSchema,
    amount: amountSchema,
    currency: currencySchema,
    user_id: userIdSchema.nullable(),
    customer_id: customerIdSchema,
    checkout_session_id: checkoutSessionIdSchema.nullable(),
    subscription_id: subscriptionIdSchema.nullable(),
    card: cardSummarySchema.nullable(),
    failure_code: paymentFailureCodeSchema.nullable(),
    failure_message: z.string().nullable(),
    created_at: timestampSchema,
    metadata: metadataSchema,
  }),
);

/** Query of `GET /v1/payments`. */
export const listPaymentsQuerySchema = z.object({
  status: paymentStatusSchema.optional().meta({ description: 'Only payments in this status.' }),
  user_id: userIdSchema.optional().meta({ description: 'Only payments of this user.' }),
});

/** A payment (see {@link paymentSchema}). */
export type Payment = z.infer<typeof paymentSchema>;
/** Status of a payment. */
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;
