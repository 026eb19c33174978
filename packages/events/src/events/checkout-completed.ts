import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import {
  currency,
  customerId,
  email,
  minorAmount,
  minorAmountOrZero,
  paymentId,
  priceId,
  subscriptionId,
} from '../fields.js';

/** `checkout.completed` v1: the customer finished the hosted checkout. */
export const checkoutCompletedV1 = defineEvent({
  event: 'checkout.completed',
  version: 1,
  category: 'payments',
  description:
    'A checkout session was completed: the customer paid (mode `payment`) or subscribed (mode `subscription`).',
  resourceIdPrefix: 'cs',
  metadata: z.strictObject({
    customer_id: customerId.describe('The paying customer.'),
    customer_email: email.describe('Email the customer entered at checkout.'),
    mode: z
      .enum(['payment', 'subscription'])
      .describe('`payment` for a one-off purchase, `subscription` when it started a subscription.'),
    amount_total: minorAmountOrZero.describe(
      'Total charged, minor units, after discounts and tax.',
    ),
    amount_discount: minorAmountOrZero.describe('Discounts applied, minor units.'),
    amount_tax: minorAmountOrZero.describe('Tax charged, minor units.'),
    currency,
    payment_id: paymentId
      .nullable()
      .describe(
        'Set in `payment` mode (and for the first invoice in `subscription` mode when charged).',
      ),
    subscription_id: subscriptionId.nullable().describe('Set in `subscription` mode.'),
    line_items: z
      .array(
        z.strictObject({
          price_id: priceId.describe('The price that was charged.'),
          description: z
            .string()
            .min(1)
            .max(500)
            .describe('What was bought, as shown to the customer.'),
          quantity: z.int().positive().describe('How many units.'),
          unit_amount: minorAmount.describe('Unit price, minor units.'),
        }),
      )
      .min(1)
      .describe('The items bought; at least one.'),
  }),
  example: {
    id: 'evt_01JQ3ZH3J5K7L9M1N3P5Q7R9S1',
    event: 'checkout.completed',
    version: 1,
    timestamp: '2026-03-13T17:10:02Z',
    resource_id: 'cs_a1B2c3D4e5',
    metadata: {
      customer_id: 'cus_NffrFeUfNV2Hib',
      customer_email: 'ada@example.com',
      mode: 'payment',
      amount_total: 4298,
      amount_discount: 500,
      amount_tax: 0,
      currency: 'USD',
      payment_id: 'pay_3MtwBwLkdIwHu7ix',
      subscription_id: null,
      line_items: [
        {
          price_id: 'price_1MoBy5LkdIwHu7ix',
          description: 'Analytical Engine notebook',
          quantity: 2,
          unit_amount: 2399,
        },
      ],
    },
  },
});
