import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import {
  currency,
  customerId,
  invoiceId,
  minorAmount,
  paymentMethodType,
  utcTimestamp,
} from '../fields.js';

/** `payment.failed` v1: an attempt to charge was declined or errored. */
export const paymentFailedV1 = defineEvent({
  event: 'payment.failed',
  version: 1,
  category: 'payments',
  description:
    'A payment attempt failed: declined by the issuer, needs authentication, or a processing error.',
  resourceIdPrefix: 'pay',
  metadata: z.strictObject({
    amount: minorAmount.describe('Minor units of `currency`.'),
    currency,
    customer_id: customerId.describe('The customer whose payment failed.'),
    payment_method: paymentMethodType,
    failure_code: z
      .enum([
        'card_declined',
        'insufficient_funds',
        'expired_card',
        'incorrect_cvc',
        'incorrect_number',
        'authentication_required',
        'processing_error',
        'fraudulent',
        'do_not_honor',
      ])
      .describe('Why the payment failed, as a stable code.'),
    failure_message: z
      .string()
      .min(1)
      .max(500)
      .describe('Human-readable reason, safe to show to the customer.'),
    decline_code: z
      .string()
      .min(1)
      .max(64)
      .nullable()
      .describe("Issuer's decline code when it gave one (e.g. `generic_decline`)."),
    attempt_count: z.int().positive().describe('1 for the first attempt; retries count up.'),
    next_retry_at: utcTimestamp
      .nullable()
      .describe('When the platform will retry automatically; `null` when it will not.'),
    invoice_id: invoiceId
      .nullable()
      .describe('The invoice this attempt tried to settle; `null` for one-off payments.'),
  }),
  example: {
    id: 'evt_01JQ3ZM2B4C6D8E0F2G4H6J8K0',
    event: 'payment.failed',
    version: 1,
    timestamp: '2026-03-13T17:09:41Z',
    resource_id: 'pay_3MtwBwLkdIwHu7iy',
    metadata: {
      amount: 4298,
      currency: 'USD',
      customer_id: 'cus_NffrFeUfNV2Hib',
      payment_method: 'card',
      failure_code: 'insufficient_funds',
      failure_message: 'Your card has insufficient funds.',
      decline_code: 'insufficient_funds',
      attempt_count: 1,
      next_retry_at: '2026-03-16T17:09:41Z',
      invoice_id: 'inv_1MtHbELkdIwHu7ix',
    },
  },
});
