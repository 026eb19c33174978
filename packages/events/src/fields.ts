import { z } from 'zod';

/**
 * Field schemas shared by the event contracts. Each is written once and reused, so
 * "an IP address" or "an amount" means the same thing in every event.
 */

/** An ISO 8601 timestamp in UTC with seconds, e.g. `2026-03-13T17:00:00Z` (fractions allowed). */
export const utcTimestamp = z.iso.datetime();

/** An IPv4 or IPv6 address of the client that caused the event. */
export const ipAddress = z.union([z.ipv4(), z.ipv6()], {
  error: 'Expected an IPv4 or IPv6 address',
});

/** The raw `User-Agent` header of the client that caused the event. */
export const userAgent = z.string().min(1).max(1024);

/** An email address. */
export const email = z.email();

/** An amount in the currency's minor unit (cents for USD, yen for JPY); a positive integer. */
export const minorAmount = z.int().positive();

/** An amount in minor units that may be zero (e.g. a fully discounted checkout). */
export const minorAmountOrZero = z.int().nonnegative();

/** An ISO 4217 currency code, upper case: `USD`, `EUR`, `JPY`. */
export const currency = z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code like "USD"');

/** Money as one value: `{ value: 1999, currency: 'USD' }` (value in minor units). */
export const money = z.strictObject({ value: minorAmount, currency });

/** How a payment was made. */
export const paymentMethodType = z.enum([
  'card',
  'sepa_debit',
  'us_bank_account',
  'paypal',
  'apple_pay',
  'google_pay',
  'link',
]);

/** Card networks. `unknown` when the processor did not report one. */
export const cardBrand = z.enum([
  'visa',
  'mastercard',
  'amex',
  'discover',
  'jcb',
  'unionpay',
  'diners',
  'unknown',
]);

/** The last four digits of a card number. */
export const cardLast4 = z.string().regex(/^\d{4}$/, 'Expected four digits');

/** How a user proved who they are. */
export const authMethod = z.enum(['password', 'oauth', 'passkey', 'magic_link', 'sso', 'otp']);

/**
 * A Hookline resource id: a prefix, an underscore, then 1-64 letters, digits or underscores
 * (`usr_abc123`, `pay_3MtwBw`, `plan_pro_monthly`).
 */
export function prefixedId(prefix: string) {
  return z
    .string()
    .regex(
      new RegExp(`^${prefix}_[A-Za-z0-9_]{1,64}$`),
      `Expected an id like "${prefix}_abc123" (prefix "${prefix}_", then 1-64 letters, digits or "_")`,
    );
}

/** A user id (`usr_...`). */
export const userId = prefixedId('usr');
/** A session id (`ses_...`). */
export const sessionId = prefixedId('ses');
/** A customer id (`cus_...`). */
export const customerId = prefixedId('cus');
/** A payment id (`pay_...`). */
export const paymentId = prefixedId('pay');
/** A subscription id (`sub_...`). */
export const subscriptionId = prefixedId('sub');
/** A plan id (`plan_...`). */
export const planId = prefixedId('plan');
/** A price id (`price_...`). */
export const priceId = prefixedId('price');
/** An invoice id (`inv_...`). */
export const invoiceId = prefixedId('inv');
