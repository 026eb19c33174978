import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { customerId, planId, utcTimestamp } from '../fields.js';

/** `subscription.cancelled` v1: a subscription was cancelled, now or at period end. */
export const subscriptionCancelledV1 = defineEvent({
  event: 'subscription.cancelled',
  version: 1,
  category: 'payments',
  description:
    'A subscription was cancelled, effective immediately or at the end of the current period.',
  resourceIdPrefix: 'sub',
  metadata: z.strictObject({
    customer_id: customerId.describe('The customer whose subscription it was.'),
    plan_id: planId.describe('The plan that was cancelled.'),
    cancelled_at: utcTimestamp.describe('When the cancellation was requested.'),
    cancel_at_period_end: z
      .boolean()
      .describe('`true`: access continues until `ends_at` (the current period end).'),
    ends_at: utcTimestamp.describe('When access actually ends.'),
    cancelled_by: z
      .enum(['customer', 'admin', 'system'])
      .describe(
        'Who cancelled: the customer, an admin, or the platform (e.g. after failed payments).',
      ),
    reason: z
      .enum([
        'requested_by_customer',
        'payment_failed',
        'too_expensive',
        'missing_features',
        'switched_service',
        'unused',
        'fraud',
        'other',
      ])
      .describe('Why, as chosen by the customer or set by the platform.'),
    feedback: z
      .string()
      .max(2000)
      .nullable()
      .describe("Free-text feedback from the customer's cancellation form."),
  }),
  example: {
    id: 'evt_01JQ4B5C7D9E1F3G5H7J9K1M3N',
    event: 'subscription.cancelled',
    version: 1,
    timestamp: '2026-04-02T08:30:00Z',
    resource_id: 'sub_1MowQVLkdIwHu7ix',
    metadata: {
      customer_id: 'cus_NffrFeUfNV2Hib',
      plan_id: 'plan_pro_monthly',
      cancelled_at: '2026-04-02T08:30:00Z',
      cancel_at_period_end: true,
      ends_at: '2026-04-27T17:10:03Z',
      cancelled_by: 'customer',
      reason: 'too_expensive',
      feedback: 'Great product, but over budget for now.',
    },
  },
});
