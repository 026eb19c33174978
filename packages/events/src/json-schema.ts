import { z } from 'zod';
import { eventCatalog, eventVersions } from './catalog.js';
import { deepFreeze } from './deep-freeze.js';
import { envelopeSchema } from './envelope.js';
import { HooklineEventError } from './event-error.js';
import type { EventType, EventVersion } from './types.js';

/** A JSON Schema document (draft 2020-12) with `$schema` set. */
export type EventJsonSchema = z.core.JSONSchema.BaseSchema & { readonly $schema: string };

/** The key of {@link eventJsonSchemas}: `'<event>.v<version>'`, e.g. `'user.login.v2'`. */
export type EventJsonSchemaKey = {
  [T in EventType]: `${T}.v${EventVersion<T>}`;
}[EventType];

/** The `$schema` URI every exported schema carries. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

function toJsonSchema(schema: z.ZodType): EventJsonSchema {
  // Self-contained: everything is inlined (no $ref to anything outside the document).
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw',
    reused: 'inline',
    cycles: 'throw',
  });
  return deepFreeze({ ...json, $schema: JSON_SCHEMA_DIALECT });
}

/**
 * The JSON Schema (draft 2020-12) of every event type x version, keyed `'<event>.v<version>'`.
 * Each is self-contained, has `$schema`, `title` and `description`, and is frozen.
 *
 * @example eventJsonSchemas['payment.succeeded.v2']
 */
export const eventJsonSchemas: Readonly<Record<EventJsonSchemaKey, EventJsonSchema>> =
  Object.freeze(
    Object.fromEntries(
      eventCatalog.map((entry) => [`${entry.event}.v${entry.version}`, toJsonSchema(entry.schema)]),
    ) as Record<EventJsonSchemaKey, EventJsonSchema>,
  );

/** The JSON Schema of the generic envelope (metadata: any object). */
export const envelopeJsonSchema: EventJsonSchema = toJsonSchema(
  envelopeSchema.meta({
    title: 'Hookline event envelope',
    description: 'The body of every Hookline webhook; `metadata` depends on `event` and `version`.',
  }),
);

/**
 * The JSON Schema (draft 2020-12, `$schema` set, self-contained) of one event type and
 * version: the whole envelope with its typed metadata. Returns a fresh, mutable copy.
 *
 * @throws {HooklineEventError} `unknown_event` / `unknown_version` when not in the catalog.
 * @example
 * const ajv = new Ajv2020(); addFormats(ajv);
 * const validate = ajv.compile(getEventJsonSchema('user.login', 1));
 */
export function getEventJsonSchema(event: EventType, version: number): EventJsonSchema {
  const schema = (eventJsonSchemas as Partial<Record<string, EventJsonSchema>>)[
    `${event}.v${version}`
  ];
  if (schema === undefined) {
    const known = eventVersions(event).length > 0;
    throw new HooklineEventError(
      known ? 'unknown_version' : 'unknown_event',
      known
        ? `There is no version ${version} of "${event}" in the catalog.`
        : `Unknown event type "${String(event)}".`,
      { event, version },
    );
  }
  return structuredClone(schema) as EventJsonSchema;
}
