import { z } from 'zod';
import { component, requestComponent } from '../registry.js';
import { amountSchema, currencySchema, metadataSchema, timestampSchema } from './common.js';
import { subscriptionIdSchema } from './payment.js';
import { userIdSchema } from './user.js';

export { subscriptionIdSchema };

/** How often a subscription is billed. */
export const billingIntervalSchema = component(
  'BillingInterval',
  'How often a subscription is billed.',
  z.enum(['month', 'year']),
);

/** Status of a subscription. */
export const subscriptionStatusSchema = component(
  'SubscriptionStatus',
  '`active` while billed; `cancelled` once ended (spelled like the `subscription.cancelled` event).',
  z.enum(['active', 'past_due', 'cancelled']),
);

/** A subscription. */
export const subscriptionSchema = component(
  'Subscription',
  'A recurring charge. Creating one emits `subscription.created`; cancelling one emits `subscription.cancelled`.',
  z.object({
    id: subscriptionIdSchema,
    user_id: userIdSchema,
    status: subscriptionStatusSchema,
    plan: z.string(),
    amount: amountSchema,
    currency: currencySchema,
    interval: billingIntervalSchema,
    current_period_start: timestampSchema,
    current_period_end: timestampSchema,
    cancel_at_period_end: z.boolean(),
    cancelled_at: timestampSchema.nullable(),
    cancellation_reason: z.string().nullable(),
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
    plan: z.string().min(1).max(100),
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
    reason: z.string().max(500).optional(),
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
