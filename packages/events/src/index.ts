/**
 * @hookline/events — the versioned webhook event contracts of Hookline: the envelope, the
 * catalog (event type x version), up/down casts between versions, and JSON Schema.
 *
 * @example
 * import { castEvent, parseEvent } from '@hookline/events';
 *
 * const result = parseEvent(rawBody, { headers: request.headers });
 * if (result.ok && result.event.event === 'user.login') {
 *   const login = castEvent(result.event, 2);
 *   console.log(login.metadata.client.ip_address);
 * }
 */

export { castEvent, downcast, upcast } from './cast-event.js';
export {
  eventCatalog,
  eventCategories,
  eventMigrations,
  eventTypes,
  eventVersions,
  getEventDefinition,
  isEventType,
  latestVersion,
} from './catalog.js';
export type {
  EventCategory,
  EventDefinition,
  EventMigration,
  EventSchema,
} from './define-event.js';
export {
  type EventEnvelope,
  envelopeSchema,
  eventIdSchema,
  eventTimestampSchema,
  eventVersionSchema,
} from './envelope.js';
export {
  type EventIssue,
  type EventParseError,
  HooklineEventError,
  type HooklineEventErrorCode,
  type HooklineEventErrorOptions,
  isHooklineEventError,
} from './event-error.js';
export { eventPatternMatches, eventPatterns, isEventPattern } from './event-patterns.js';
export {
  type EventJsonSchema,
  type EventJsonSchemaKey,
  envelopeJsonSchema,
  eventJsonSchemas,
  getEventJsonSchema,
  JSON_SCHEMA_DIALECT,
} from './json-schema.js';
export {
  type ParseEventContext,
  type ParseEventResult,
  parseEvent,
  parseEventOrThrow,
} from './parse-event.js';
export type { HeadersLike } from './read-header.js';
export type {
  AnyEvent,
  AnyEventDefinition,
  AnyVersionOf,
  EventDefinitionOf,
  EventMap,
  EventMetadata,
  EventOf,
  EventType,
  EventVersion,
  LatestVersion,
} from './types.js';
