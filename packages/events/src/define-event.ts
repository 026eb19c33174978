import { z } from 'zod';
import { deepFreeze } from './deep-freeze.js';
import { type EventEnvelope, eventIdSchema, eventTimestampSchema } from './envelope.js';
import { HooklineEventError } from './event-error.js';
import { prefixedId } from './fields.js';

/** The two families of events in the catalog. */
export type EventCategory = 'auth' | 'payments';

/** The zod schema of a whole envelope for one event type and version. */
export type EventSchema<
  TEvent extends string,
  TVersion extends number,
  TMetadata extends z.ZodType,
> = z.ZodObject<
  {
    id: typeof eventIdSchema;
    event: z.ZodLiteral<TEvent>;
    version: z.ZodLiteral<TVersion>;
    timestamp: typeof eventTimestampSchema;
    resource_id: z.ZodString;
    metadata: TMetadata;
  },
  z.core.$strict
>;

/** One catalog entry: the contract of one event type at one version. */
export interface EventDefinition<
  TEvent extends string = string,
  TVersion extends number = number,
  TMetadata extends z.ZodType = z.ZodType,
> {
  /** Event name, e.g. `user.login`. */
  readonly event: TEvent;
  /** Contract version, 1, 2, ... */
  readonly version: TVersion;
  /** `auth` or `payments`. */
  readonly category: EventCategory;
  /** One sentence: when the event is sent. */
  readonly description: string;
  /** Prefix of `resource_id` (`usr`, `pay`, ...). */
  readonly resourceIdPrefix: string;
  /** zod schema of `metadata` alone. */
  readonly metadata: TMetadata;
  /** zod schema of the full envelope for this type and version. */
  readonly schema: EventSchema<TEvent, TVersion, TMetadata>;
  /** A realistic full envelope (valid against `schema`). */
  readonly example: EventEnvelope<TEvent, TVersion, z.output<TMetadata>>;
}

/** What {@link defineEvent} needs; the envelope schema is derived from it. */
export interface EventDefinitionInput<
  TEvent extends string,
  TVersion extends number,
  TMetadata extends z.ZodType,
> {
  readonly event: TEvent;
  readonly version: TVersion;
  readonly category: EventCategory;
  readonly description: string;
  readonly resourceIdPrefix: string;
  readonly metadata: TMetadata;
  readonly example: NoInfer<EventEnvelope<TEvent, TVersion, z.output<TMetadata>>>;
}

/**
 * Declares one event type at one version. The envelope schema is strict (unknown fields are
 * rejected): a published version never changes, so anything new belongs in a new version.
 */
export function defineEvent<
  const TEvent extends string,
  const TVersion extends number,
  TMetadata extends z.ZodType,
>(
  input: EventDefinitionInput<TEvent, TVersion, TMetadata>,
): EventDefinition<TEvent, TVersion, TMetadata> {
  const metadata = input.metadata.describe(
    `Data of \`${input.event}\` version ${input.version}; its shape is fixed by that version.`,
  );
  const schema = z
    .strictObject({
      id: eventIdSchema,
      event: z.literal(input.event).describe('Event type.'),
      version: z.literal(input.version).describe('Contract version of this event type.'),
      timestamp: eventTimestampSchema,
      resource_id: prefixedId(input.resourceIdPrefix).describe(
        `Id of the resource the event is about (\`${input.resourceIdPrefix}_...\`).`,
      ),
      metadata,
    })
    .meta({
      title: `${input.event} v${input.version}`,
      description: input.description,
    });
  // The example is shared by every importer: frozen all the way down, like the schemas.
  return Object.freeze({ ...input, metadata, schema, example: deepFreeze(input.example) });
}

/**
 * One step in an event's version chain: `up` turns version `from` metadata into version
 * `from + 1`, `down` goes back. Both receive the whole envelope for context.
 */
export interface EventMigration<
  TEvent extends string = string,
  TFrom extends number = number,
  TTo extends number = number,
  TFromMeta = unknown,
  TToMeta = unknown,
> {
  readonly event: TEvent;
  readonly from: TFrom;
  readonly to: TTo;
  /** Old to new. Fields the old version lacks get the defaults documented on the step. */
  readonly up: (event: EventEnvelope<TEvent, TFrom, TFromMeta>) => TToMeta;
  /** New to old, losing as little as the old contract allows. */
  readonly down: (event: EventEnvelope<TEvent, TTo, TToMeta>) => TFromMeta;
}

/** Declares the `up`/`down` pair between two consecutive versions of one event type. */
export function defineMigration<
  TEvent extends string,
  TFrom extends number,
  TTo extends number,
  TFromMeta extends z.ZodType,
  TToMeta extends z.ZodType,
>(
  from: EventDefinition<TEvent, TFrom, TFromMeta>,
  to: EventDefinition<TEvent, TTo, TToMeta>,
  steps: {
    up: (event: EventEnvelope<TEvent, TFrom, z.output<TFromMeta>>) => z.output<TToMeta>;
    down: (event: EventEnvelope<TEvent, TTo, z.output<TToMeta>>) => z.output<TFromMeta>;
  },
): EventMigration<TEvent, TFrom, TTo, z.output<TFromMeta>, z.output<TToMeta>> {
  if (to.version !== from.version + 1) {
    throw new HooklineEventError(
      'cast_unavailable',
      `defineMigration(${from.event}): a step goes from one version to the next, got v${from.version} -> v${to.version}. Define one step per pair of consecutive versions.`,
      { event: from.event, version: from.version },
    );
  }
  return Object.freeze({ event: from.event, from: from.version, to: to.version, ...steps });
}
