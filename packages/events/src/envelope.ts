import { z } from 'zod';
import { utcTimestamp } from './fields.js';

/** An event id: `evt_` followed by 1-64 letters, digits, `_` or `-` (e.g. a ULID: `evt_01J...`). */
export const eventIdSchema = z
  .string()
  .regex(
    /^evt_[A-Za-z0-9_-]{1,64}$/,
    'Expected an event id like "evt_01JQ3ZK8Y5" ("evt_" then 1-64 letters, digits, "_" or "-")',
  )
  .describe(
    'Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it.',
  );

/** The envelope's `version`: a positive integer. */
export const eventVersionSchema = z
  .int()
  .positive()
  .describe('Contract version of this event type; `metadata` follows that version.');

/** The envelope's `timestamp`: when the event happened, ISO 8601 in UTC (`...Z`). */
export const eventTimestampSchema = utcTimestamp.describe(
  'When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).',
);

/**
 * The generic envelope every Hookline webhook body has, whatever its type:
 * `{ id, event, version, timestamp, resource_id, metadata }`. `metadata` is any object here;
 * each catalog entry's `schema` pins it down. Unknown top-level fields are rejected.
 *
 * @example
 * envelopeSchema.parse({ id: 'evt_1', event: 'user.login', version: 1,
 *   timestamp: '2026-03-13T17:00:00Z', resource_id: 'usr_abc123', metadata: {} });
 */
export const envelopeSchema = z.strictObject({
  id: eventIdSchema,
  event: z.string().min(1),
  version: eventVersionSchema,
  timestamp: eventTimestampSchema,
  resource_id: z.string().min(1),
  metadata: z.record(z.string(), z.unknown()),
});

/** The envelope with its event name, version and metadata type filled in. */
export interface EventEnvelope<
  TEvent extends string = string,
  TVersion extends number = number,
  TMetadata = Record<string, unknown>,
> {
  /** Unique event id (`evt_...`); the same id on every redelivery, so use it to dedupe. */
  id: string;
  /** The event type, e.g. `payment.succeeded`. */
  event: TEvent;
  /** The contract version of `metadata` (and of this envelope). */
  version: TVersion;
  /** When the event happened, ISO 8601 in UTC. */
  timestamp: string;
  /** The id of the resource the event is about (`usr_...`, `pay_...`). */
  resource_id: string;
  /** Data that depends on `event` and `version`. */
  metadata: TMetadata;
}
