import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { currency, customerId, minorAmountOrZero, planId, utcTimestamp } from '../fields.js';

/** `subscription.created` v1: a customer subscribed to a plan. */
export const subscriptionCreatedV1 = defineEvent({
  event: 'subscription.created',
  version: 1,
  category: 'payments',
  description: 'A subscription was started, possibly with a trial.',
  resourceIdPrefix: 'sub',
  metadata: z.strictObject({
    customer_id: customerId,
    plan: z.strictObject({
      id: planId,
      name: z.string().min(1).max(128),
      /** Price per interval, minor units (0 for a free plan). */
      amount: minorAmountOrZero,
      currency,
      interval: z.enum(['day', 'week', 'month', 'year']),
      interval_count: z.int().positive(),
    }),
    quantity: z.int().positive(),
    status: z.enum(['trialing', 'active', 'incomplete']),
    current_period_start: utcTimestamp,
    current_period_end: utcTimestamp,
    /** End of the trial; `null` without a trial. */
    trial_end: utcTimestamp.nullable(),
  }),
  example: {
    id: 'evt_01JQ3ZN7E9F1G3H5J7K9L1M3N5',
    event: 'subscription.created',
    version: 1,
    timestamp: '2026-03-13T17:10:03Z',
    resource_id: 'sub_1MowQVLkdIwHu7ix',
    metadata: {
      customer_id: 'cus_NffrFeUfNV2Hib',
      plan: {
        id: 'plan_pro_monthly',
        name: 'Pro',
        amount: 2900,
        currency: 'USD',
        interval: 'month',
        interval_count: 1,
      },
      quantity: 1,
      status: 'trialing',
      current_period_start: '2026-03-13T17:10:03Z',
      current_period_end: '2026-03-27T17:10:03Z',
      trial_end: '2026-03-27T17:10:03Z',
    },
  },
});
