import { z } from 'zod';
import { component, requestComponent } from '../registry.js';
import { amountSchema, currencySchema, metadataSchema, timestampSchema } from './common.js';
import {
  customerIdSchema,
  subscriptionCancelledFields,
  subscriptionCreatedFields,
} from './event-fields.js';
import { subscriptionIdSchema } from './payment.js';
import { userIdSchema } from './user.js';

export { subscriptionIdSchema };

/** `plan_...`, as in the subscription events. */
export const planIdSchema = subscriptionCancelledFields.plan_id.meta({
  description: 'Identifier of a plan, prefixed `plan_` (as in the subscription events).',
  examples: ['plan_pro_monthly'],
});

/** How often a subscription is billed (the `plan.interval` of `subscription.created`). */
export const billingIntervalSchema = component(
  'BillingInterval',
  'How often a subscription is billed; the same values as `plan.interval` in `subscription.created`.',
  subscriptionCreatedFields.plan.shape.interval,
);

/** Why a subscription was cancelled (the `reason` of `subscription.cancelled`). */
export const cancellationReasonSchema = component(
  'CancellationReason',
  'Why a subscription was cancelled; the same values as `reason` in `subscription.cancelled`.',
  subscriptionCancelledFields.reason,
);

/** Status of a subscription. */
export const subscriptionStatusSchema = component(
  'SubscriptionStatus',
  '`trialing`, `incomplete` (first payment pending) and `active` as in `subscription.created`; `past_due` after a failed renewal; `cancelled` once ended (spelled like the `subscription.cancelled` event).',
  z.enum(['trialing', 'incomplete', 'active', 'past_due', 'cancelled']),
);

/** A subscription. */
export const subscriptionSchema = component(
  'Subscription',
  'A recurring charge. Creating one emits `subscription.created`; cancelling one emits `subscription.cancelled`.',
  z.object({
    id: subscriptionIdSchema,
    user_id: userIdSchema,
    customer_id: customerIdSchema,
    status: subscriptionStatusSchema,
    plan_id: planIdSchema,
    amount: amountSchema,
    currency: currencySchema,
    interval: billingIntervalSchema,
    current_period_start: timestampSchema,
    current_period_end: timestampSchema,
    cancel_at_period_end: z.boolean(),
    cancelled_at: timestampSchema.nullable(),
    cancellation_reason: cancellationReasonSchema.nullable(),
    created_at: timestampSchema,
    metadata: metadataSchema,
  }),
);

/** Body of `POST /v1/subscriptions`. */
export const createSubscriptionRequestSchema = requestComponent(
  'CreateSubscriptionRequest',
  'Subscribes a user to a plan.',
  z.object({
    user_id: userIdSchema,
    plan_id: planIdSchema,
    amount: amountSchema,
    currency: currencySchema,
    interval: billingIntervalSchema,
    metadata: metadataSchema.optional(),
  }),
);

/** Body of `POST /v1/subscriptions/{subscription_id}/cancel`. */
export const cancelSubscriptionRequestSchema = requestComponent(
  'CancelSubscriptionRequest',
  'Cancels a subscription now (default) or at the end of the current period.',
  z.object({
    at_period_end: z.boolean().default(false).meta({
      description: 'Keep it active until `current_period_end` instead of ending it now.',
    }),
    reason: cancellationReasonSchema.default('requested_by_customer'),
    feedback: z.string().max(2000).optional().meta({ description: "The customer's own words." }),
  }),
);

/** Query of `GET /v1/subscriptions`. */
export const listSubscriptionsQuerySchema = z.object({
  user_id: userIdSchema.optional().meta({ description: 'Only subscriptions of this user.' }),
  status: subscriptionStatusSchema
    .optional()
    .meta({ description: 'Only subscriptions in this status.' }),
});

/** A subscription (see {@link subscriptionSchema}). */
export type Subscription = z.infer<typeof subscriptionSchema>;
/** Body of `POST /v1/subscriptions`. */
export type CreateSubscriptionRequest = z.input<typeof createSubscriptionRequestSchema>;
/** Body of `POST /v1/subscriptions/{subscription_id}/cancel`. */
export type CancelSubscriptionRequest = z.input<typeof cancelSubscriptionRequestSchema>;
