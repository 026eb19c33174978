import { z } from 'zod';
import { defineEvent, defineMigration } from '../define-event.js';
import {
  cardBrand,
  cardLast4,
  currency,
  customerId,
  email,
  invoiceId,
  minorAmount,
  money,
  paymentMethodType,
} from '../fields.js';

/** `payment.succeeded` v1: amount and currency as two flat fields, card details flat. */
export const paymentSucceededV1 = defineEvent({
  event: 'payment.succeeded',
  version: 1,
  category: 'payments',
  description: 'A payment was captured. v1: `amount` (minor units) and `currency` side by side.',
  resourceIdPrefix: 'pay',
  metadata: z.strictObject({
    amount: minorAmount.describe('Minor units of `currency` (1999 = $19.99).'),
    currency,
    customer_id: customerId.describe('The customer who paid.'),
    payment_method: paymentMethodType,
    card_brand: cardBrand
      .nullable()
      .describe('Set when `payment_method` is a card (or a wallet backed by one).'),
    card_last4: cardLast4
      .nullable()
      .describe('Last four card digits when `payment_method` is card-backed; otherwise `null`.'),
    receipt_email: email.nullable().describe('Where the receipt was sent; `null` when none was.'),
    invoice_id: invoiceId
      .nullable()
      .describe('The invoice this payment settles; `null` for one-off payments.'),
  }),
  example: {
    id: 'evt_01JQ3ZJ9T1V3W5X7Y9Z1A3B5C7',
    event: 'payment.succeeded',
    version: 1,
    timestamp: '2026-03-13T17:10:01Z',
    resource_id: 'pay_3MtwBwLkdIwHu7ix',
    metadata: {
      amount: 4298,
      currency: 'USD',
      customer_id: 'cus_NffrFeUfNV2Hib',
      payment_method: 'card',
      card_brand: 'visa',
      card_last4: '4242',
      receipt_email: 'ada@example.com',
      invoice_id: null,
    },
  },
});

/**
 * `payment.succeeded` v2 (breaking): `amount` is `{ value, currency }`, the payment method is
 * an object with its card details, and the processor fee and statement descriptor are reported.
 */
export const paymentSucceededV2 = defineEvent({
  event: 'payment.succeeded',
  version: 2,
  category: 'payments',
  description:
    'A payment was captured. v2: `amount` is `{ value, currency }`, `payment_method` is an object, plus fee and statement descriptor.',
  resourceIdPrefix: 'pay',
  metadata: z.strictObject({
    amount: money,
    fee: money
      .nullable()
      .describe('Processor fee in the same currency; `null` when not (yet) known.'),
    customer_id: customerId.describe('The customer who paid.'),
    payment_method: z
      .strictObject({
        type: paymentMethodType,
        card: z
          .strictObject({
            brand: cardBrand.nullable().describe('Card network; `null` when not reported.'),
            last4: cardLast4.nullable().describe('Last four digits; `null` when not reported.'),
          })
          .nullable()
          .describe(
            'Card details when the method is card-backed; a field is `null` when the processor did not report it.',
          ),
      })
      .describe('How the customer paid, with card details when card-backed.'),
    receipt_email: email.nullable().describe('Where the receipt was sent; `null` when none was.'),
    invoice_id: invoiceId
      .nullable()
      .describe('The invoice this payment settles; `null` for one-off payments.'),
    statement_descriptor: z
      .string()
      .min(1)
      .max(22)
      .nullable()
      .describe("Text on the customer's bank statement; `null` when the account default was used."),
  }),
  example: {
    id: 'evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1',
    event: 'payment.succeeded',
    version: 2,
    timestamp: '2026-03-13T17:10:01Z',
    resource_id: 'pay_3MtwBwLkdIwHu7ix',
    metadata: {
      amount: { value: 4298, currency: 'USD' },
      fee: { value: 155, currency: 'USD' },
      customer_id: 'cus_NffrFeUfNV2Hib',
      payment_method: { type: 'card', card: { brand: 'visa', last4: '4242' } },
      receipt_email: 'ada@example.com',
      invoice_id: null,
      statement_descriptor: 'HOOKLINE SHOP',
    },
  },
});

/**
 * `payment.succeeded` v1 <-> v2.
 * - up: `amount` + `currency` become `amount: { value, currency }`; `card_brand` + `card_last4`
 *   become `payment_method.card` (`null` when both are `null`); v1 did not carry the rest, so
 *   `fee` = `null` and `statement_descriptor` = `null`.
 * - down: the reverse; `fee` and `statement_descriptor` are dropped (v1 has no place for them).
 *   down(up(v1)) is exactly v1.
 */
export const paymentSucceededV1ToV2 = defineMigration(paymentSucceededV1, paymentSucceededV2, {
  up: ({ metadata }) => ({
    amount: { value: metadata.amount, currency: metadata.currency },
    fee: null,
    customer_id: metadata.customer_id,
    payment_method: {
      type: metadata.payment_method,
      card:
        metadata.card_brand === null && metadata.card_last4 === null
          ? null
          : { brand: metadata.card_brand, last4: metadata.card_last4 },
    },
    receipt_email: metadata.receipt_email,
    invoice_id: metadata.invoice_id,
    statement_descriptor: null,
  }),
  down: ({ metadata }) => ({
    amount: metadata.amount.value,
    currency: metadata.amount.currency,
    customer_id: metadata.customer_id,
    payment_method: metadata.payment_method.type,
    card_brand: metadata.payment_method.card?.brand ?? null,
    card_last4: metadata.payment_method.card?.last4 ?? null,
    receipt_email: metadata.receipt_email,
    invoice_id: metadata.invoice_id,
  }),
});
