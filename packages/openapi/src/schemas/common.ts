import { z } from 'zod';
import { component } from '../registry.js';
import { eventDefinition } from './event-fields.js';

/**
 * A Stripe-like object id: `<prefix>_` then 1–64 letters, digits or `_` (the same rule as the
 * resource ids inside events).
 */
export function prefixedId<P extends string>(prefix: P, what: string, example: string) {
  return z
    .string()
    .regex(new RegExp(`^${prefix}_[A-Za-z0-9_]{1,64}$`))
    .meta({ description: `Identifier of ${what}, prefixed \`${prefix}_\`.`, examples: [example] });
}

/** An RFC 3339 UTC timestamp, e.g. `2026-03-13T17:00:00Z`. */
export const timestampSchema = z.iso.datetime({ offset: false });

/** Free-form string key/value pairs the caller attaches to an object (at most 50 keys). */
export const metadataSchema = component(
  'Metadata',
  'Up to 50 string key/value pairs you attach to an object for your own use; Hookline never interprets them.',
  z
    .record(z.string().min(1).max(40), z.string().max(500))
    .refine((metadata) => Object.keys(metadata).length <= 50, {
      message: 'Too many keys: at most 50',
    })
    .meta({ maxProperties: 50 }),
);

/** Three-letter ISO 4217 currency code, upper case (as in events): `USD`, `EUR`. */
export const currencySchema = component(
  'Currency',
  'Three-letter ISO 4217 currency code, upper case (as in events): `USD`, `EUR`, `JPY`.',
  z.string().regex(/^[A-Z]{3}$/),
);

/** An amount in the currency's smallest unit (cents for `USD`). */
export const amountSchema = z
  .int()
  .min(0)
  .max(99_999_999)
  .meta({ description: "Amount in the currency's smallest unit (cents for `USD`)." });

/** Email address. */
/**
 * An email address, by the rule of the event contracts (an API email ends up in `user.created`
 * and checkout events: one the API took and the event refused would be a 500), at most 254.
 */
export const emailSchema = eventDefinition('user.created', 1).metadata.shape.email.max(254);

/**
 * An http(s) URL, any case of the scheme (`javascript:` or `data:` are refused). `format: uri`
 * alone takes any scheme, so the document carries the scheme rule as a pattern too.
 */
export const webUrlSchema = z
  .url({ protocol: /^https?$/, error: 'Expected an http:// or https:// URL' })
  .max(2048)
  .meta({ pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' });

/** Builds the `{ id, deleted: true }` body returned by a DELETE. */
export function deletedSchema(name: string, idSchema: z.ZodString) {
  return component(
    `Deleted${name}`,
    `Confirms that the ${name} was deleted.`,
    z.object({ id: idSchema, deleted: z.literal(true) }),
  );
}
