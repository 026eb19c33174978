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
    customer_id: customerId.describe('The subscribing customer.'),
    plan: z
      .strictObject({
        id: planId,
        name: z.string().min(1).max(128).describe('Plan name as shown to the customer.'),
        amount: minorAmountOrZero.describe('Price per interval, minor units (0 for a free plan).'),
        currency,
        interval: z.enum(['day', 'week', 'month', 'year']).describe('Billing period unit.'),
        interval_count: z
          .int()
          .positive()
          .describe('Billing periods per charge (3 with `month` = quarterly).'),
      })
      .describe('The plan subscribed to.'),
    quantity: z.int().positive().describe('Seats or units subscribed.'),
    status: z
      .enum(['trialing', 'active', 'incomplete'])
      .describe('Status right after creation; `incomplete` until the first payment succeeds.'),
    current_period_start: utcTimestamp.describe('Start of the first billing period.'),
    current_period_end: utcTimestamp.describe(
      'End of the first billing period (the next renewal).',
    ),
    trial_end: utcTimestamp.nullable().describe('End of the trial; `null` without a trial.'),
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
