import {
  type AnyEvent,
  type EventType,
  eventIdSchema as envelopeEventIdSchema,
  eventVersionSchema as envelopeVersionSchema,
  eventCatalog,
  eventPatternMatches,
  eventPatterns,
  eventTypes,
} from '@hookline/events';
import { z } from 'zod';
import { component } from '../registry.js';

/** `evt_...` — the same rule as the envelope id of `@hookline/events`. */
export const eventIdSchema = envelopeEventIdSchema.meta({
  description: 'Identifier of an event, prefixed `evt_`; the `webhook-id` of its deliveries.',
  examples: ['evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1'],
});

/** Every event type of the catalog of `@hookline/events`. */
export const eventTypeSchema = component(
  'EventType',
  'An event type of the catalog (`<resource>.<action>`).',
  z.enum(eventTypes as readonly EventType[] as [EventType, ...EventType[]]),
);

/** A version number of an event type (1, 2, ...). */
export const eventVersionSchema = envelopeVersionSchema.meta({
  description: 'A version of an event type: 1, 2, ...',
});

/**
 * `*`, every `<resource>.*` of the catalog, and every event type, and which of them selects an
 * event type: `@hookline/events`' definitions, which the dispatcher matches with too.
 */
export { eventPatternMatches, eventPatterns };

/** An event type, a `<resource>.*` wildcard or `*` (every event). */
export const eventPatternSchema = component(
  'EventPattern',
  'An event type (`payment.succeeded`), every event of a resource (`payment.*`), or every event (`*`).',
  z.enum(eventPatterns as readonly string[] as [string, ...string[]]),
);

/** Component name of the envelope schema of one event type and version, e.g. `PaymentSucceededV2Event`. */
export function eventComponentId(event: string, version: number): string {
  const words = event.split(/[._]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return `${words.join('')}V${version}Event`;
}

/**
 * The typed envelope of each catalog entry, named `<Type>V<version>Event`. Their JSON Schema in
 * the document is exactly `getEventJsonSchema(event, version)` of `@hookline/events`.
 */
export const eventVersionSchemas = eventCatalog.map((entry) => ({
  event: entry.event,
  version: entry.version,
  id: eventComponentId(entry.event, entry.version),
  schema: component(
    eventComponentId(entry.event, entry.version),
    `\`${entry.event}\` version ${entry.version}: ${entry.description}`,
    entry.schema as z.ZodType,
  ),
}));

/**
 * An event as stored and as delivered: the envelope of one catalog type and version (a union
 * discriminated by `event` and `version`).
 */
export const eventSchema = component(
  'Event',
  'Something that happened: the envelope of one event type at one version, exactly as delivered in the webhook body (see the `webhooks` section). `GET /v1/events` returns each event at the version it was published.',
  z.union(
    eventVersionSchemas.map((entry) => entry.schema) as [z.ZodType, z.ZodType, ...z.ZodType[]],
  ),
) as unknown as z.ZodType<AnyEvent>;

/** Query of `GET /v1/events`. */
export const listEventsQuerySchema = z.object({
  type: eventPatternSchema.optional().meta({
    description: 'Only events of this type; `payment.*` matches every payment event.',
    examples: ['payment.*'],
  }),
  resource_id: z.string().min(1).optional().meta({ description: 'Only events about this object.' }),
});

/** An event envelope (see {@link eventSchema}); the union over every type and version. */
export type ApiEvent = AnyEvent;
