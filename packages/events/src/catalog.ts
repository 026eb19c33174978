import type { EventCategory } from './define-event.js';
import { HooklineEventError } from './event-error.js';
import { checkoutCompletedV1 } from './events/checkout-completed.js';
import { mfaVerifiedV1 } from './events/mfa-verified.js';
import { passwordResetRequestedV1 } from './events/password-reset-requested.js';
import { paymentFailedV1 } from './events/payment-failed.js';
import {
  paymentSucceededV1,
  paymentSucceededV1ToV2,
  paymentSucceededV2,
} from './events/payment-succeeded.js';
import { sessionRevokedV1 } from './events/session-revoked.js';
import { subscriptionCancelledV1 } from './events/subscription-cancelled.js';
import { subscriptionCreatedV1 } from './events/subscription-created.js';
import { userCreatedV1 } from './events/user-created.js';
import { userDeletedV1 } from './events/user-deleted.js';
import { userLoginV1, userLoginV1ToV2, userLoginV2 } from './events/user-login.js';
import type { AnyEventDefinition, EventDefinitionOf, EventType, LatestVersion } from './types.js';

/**
 * Every event type at every version Hookline knows, oldest version first. Old versions stay
 * here forever: a new version is added beside them. Each entry carries its zod schemas
 * (`metadata`, `schema` for the full envelope) and a realistic `example`.
 *
 * @example
 * for (const entry of eventCatalog) console.log(entry.event, entry.version, entry.description);
 */
export const eventCatalog = Object.freeze([
  userCreatedV1,
  userLoginV1,
  userLoginV2,
  userDeletedV1,
  passwordResetRequestedV1,
  mfaVerifiedV1,
  sessionRevokedV1,
  checkoutCompletedV1,
  paymentSucceededV1,
  paymentSucceededV2,
  paymentFailedV1,
  subscriptionCreatedV1,
  subscriptionCancelledV1,
] as const);

/** The `up`/`down` steps between consecutive versions, one per step. */
export const eventMigrations = Object.freeze([userLoginV1ToV2, paymentSucceededV1ToV2] as const);

/** Every event name in the catalog, each once, in catalog order. */
export const eventTypes: readonly EventType[] = Object.freeze([
  ...new Set(eventCatalog.map((entry) => entry.event)),
]);

/** The category of each event name. */
export const eventCategories: Readonly<Record<EventType, EventCategory>> = Object.freeze(
  Object.fromEntries(eventCatalog.map((entry) => [entry.event, entry.category])) as Record<
    EventType,
    EventCategory
  >,
);

const definitionsByType: ReadonlyMap<string, ReadonlyMap<number, AnyEventDefinition>> = (() => {
  const byType = new Map<string, Map<number, AnyEventDefinition>>();
  for (const entry of eventCatalog) {
    const versions = byType.get(entry.event) ?? new Map<number, AnyEventDefinition>();
    versions.set(entry.version, entry);
    byType.set(entry.event, versions);
  }
  return byType;
})();

/** True when `event` names an event type in the catalog. */
export function isEventType(event: unknown): event is EventType {
  return typeof event === 'string' && definitionsByType.has(event);
}

/** Each type's versions, ascending, sorted once (parsing and casting ask on every event). */
const versionsByType: ReadonlyMap<string, readonly number[]> = new Map(
  [...definitionsByType].map(([event, versions]) => [
    event,
    Object.freeze([...versions.keys()].sort((a, b) => a - b)),
  ]),
);
const noVersions: readonly number[] = Object.freeze([]);

/** The versions of `event`, ascending; empty when the event type is unknown. */
export function eventVersions(event: string): readonly number[] {
  return versionsByType.get(event) ?? noVersions;
}

/**
 * The newest version of an event type.
 *
 * @throws {HooklineEventError} `unknown_event` when `event` is not in the catalog.
 * @example latestVersion('user.login') // 2
 */
export function latestVersion<T extends EventType>(event: T): LatestVersion<T> {
  const versions = eventVersions(event);
  const latest = versions[versions.length - 1];
  if (latest === undefined) {
    throw new HooklineEventError(
      'unknown_event',
      `Unknown event type "${String(event)}". Expected one of: ${eventTypes.join(', ')}.`,
      { event },
    );
  }
  return latest as LatestVersion<T>;
}

/**
 * The catalog entry for one event type and version, or `undefined` when there is none.
 *
 * @example getEventDefinition('payment.succeeded', 2)?.schema.parse(body)
 */
export function getEventDefinition<T extends EventType, V extends number>(
  event: T,
  version: V,
): EventDefinitionOf<T, V> | undefined;
export function getEventDefinition(event: string, version: number): AnyEventDefinition | undefined;
export function getEventDefinition(event: string, version: number): AnyEventDefinition | undefined {
  return definitionsByType.get(event)?.get(version);
}
