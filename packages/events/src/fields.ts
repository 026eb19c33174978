import { z } from 'zod';

/**
 * Field schemas shared by the event contracts. Each is written once and reused, so
 * "an IP address" or "an amount" means the same thing in every event.
 */

/** An ISO 8601 timestamp in UTC with seconds, e.g. `2026-03-13T17:00:00Z` (fractions allowed). */
export const utcTimestamp = z.iso
  .datetime()
  .describe('ISO 8601 timestamp in UTC, e.g. `2026-03-13T17:00:00Z`.');

const decOctet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4Text = `${decOctet}(?:\\.${decOctet}){3}`;
const h16 = '[0-9A-Fa-f]{1,4}';
const ls32 = `(?:${h16}:${h16}|${ipv4Text})`;
/** The `IPv6address` rule of RFC 3986 section 3.2.2, one alternative per line; no zone ids. */
const ipv6Text = [
  `(?:${h16}:){6}${ls32}`,
  `::(?:${h16}:){5}${ls32}`,
  `(?:${h16})?::(?:${h16}:){4}${ls32}`,
  `(?:(?:${h16}:){0,1}${h16})?::(?:${h16}:){3}${ls32}`,
  `(?:(?:${h16}:){0,2}${h16})?::(?:${h16}:){2}${ls32}`,
  `(?:(?:${h16}:){0,3}${h16})?::${h16}:${ls32}`,
  `(?:(?:${h16}:){0,4}${h16})?::${ls32}`,
  `(?:(?:${h16}:){0,5}${h16})?::${h16}`,
  `(?:(?:${h16}:){0,6}${h16})?::`,
].join('|');

/** An IPv6 address in any RFC 4291 text form, including an embedded IPv4 (`::ffff:192.0.2.1`). */
export const ipv6Pattern: RegExp = new RegExp(`^(?:${ipv6Text})$`);

/**
 * An IPv4 or IPv6 address of the client that caused the event.
 *
 * IPv6 is checked with {@link ipv6Pattern} rather than `z.ipv6()`: zod's own IPv6 check does
 * not use the regex it writes into JSON Schema, so the two could disagree (on embedded IPv4
 * forms). Here zod and the exported schema run the same regex.
 */
export const ipAddress = z
  .union(
    [z.ipv4(), z.string().regex(ipv6Pattern, 'Invalid IPv6 address').meta({ format: 'ipv6' })],
    { error: 'Expected an IPv4 or IPv6 address' },
  )
  .describe('IPv4 or IPv6 address of the client.');

/** The raw `User-Agent` header of the client that caused the event. */
export const userAgent = z
  .string()
  .min(1)
  .max(1024)
  .describe("The client's `User-Agent` header, as sent.");

/**
 * An email address: zod's default rule, with domain labels that neither end in `-` nor run
 * past 63 characters (RFC 1035). This regex is a subset of what JSON Schema validators accept
 * as `format: "email"`, so zod and the exported schema always agree.
 */
export const emailPattern: RegExp =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** An email address (see {@link emailPattern}). */
export const email = z.email({ pattern: emailPattern }).describe('Email address.');

/** An amount in the currency's minor unit (cents for USD, yen for JPY); a positive integer. */
export const minorAmount = z
  .int()
  .positive()
  .describe('Amount in the minor unit of the currency (1999 = 19.99 USD; JPY has no minor unit).');

/** An amount in minor units that may be zero (e.g. a fully discounted checkout). */
export const minorAmountOrZero = z
  .int()
  .nonnegative()
  .describe('Amount in the minor unit of the currency; may be 0.');

/** An ISO 4217 currency code, upper case: `USD`, `EUR`, `JPY`. */
export const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code like "USD"')
  .describe('ISO 4217 currency code, upper case.');

/** Money as one value: `{ value: 1999, currency: 'USD' }` (value in minor units). */
export const money = z
  .strictObject({ value: minorAmount, currency })
  .describe('An amount and its currency; `value` in minor units.');

/** How a payment was made. */
export const paymentMethodType = z
  .enum(['card', 'sepa_debit', 'us_bank_account', 'paypal', 'apple_pay', 'google_pay', 'link'])
  .describe('How the customer paid.');

/** Card networks. `unknown` when the processor did not report one. */
export const cardBrand = z
  .enum(['visa', 'mastercard', 'amex', 'discover', 'jcb', 'unionpay', 'diners', 'unknown'])
  .describe('Card network; `unknown` when the processor did not report one.');

/** The last four digits of a card number. */
export const cardLast4 = z
  .string()
  .regex(/^\d{4}$/, 'Expected four digits')
  .describe('Last four digits of the card number.');

/** How a user proved who they are. */
export const authMethod = z
  .enum(['password', 'oauth', 'passkey', 'magic_link', 'sso', 'otp'])
  .describe('How the user proved who they are.');

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
    )
    .describe(`Identifier with the prefix \`${prefix}_\`.`);
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
