import { eventMigrations, eventVersions, latestVersion } from './catalog.js';
import type { EventEnvelope } from './envelope.js';
import { HooklineEventError } from './event-error.js';
import type { AnyEvent, EventOf, EventType, LatestVersion, SharedVersion } from './types.js';

/** A migration step with its types erased, for walking the chain at runtime. */
interface Step {
  readonly from: number;
  readonly to: number;
  readonly up: (event: EventEnvelope) => Record<string, unknown>;
  readonly down: (event: EventEnvelope) => Record<string, unknown>;
}

const stepsByType: ReadonlyMap<string, readonly Step[]> = (() => {
  const byType = new Map<string, Step[]>();
  for (const migration of eventMigrations) {
    const steps = byType.get(migration.event) ?? [];
    steps.push(migration as unknown as Step);
    byType.set(migration.event, steps);
  }
  return byType;
})();

/**
 * Converts an event to another version of the same event type, walking the `up` (or `down`)
 * steps one version at a time. Receivers upcast what they get to the version they code
 * against; the dispatcher downcasts to the version an endpoint is pinned to. The input is not
 * modified. Casting to the event's own version returns it unchanged.
 *
 * For an event that may be of several types (an un-narrowed {@link AnyEvent}), `toVersion` must
 * be a version every one of them has: narrow on `event.event` first to reach a version only
 * some types have (`castEvent(anyEvent, 2)` does not compile; most types have no version 2).
 *
 * @throws {HooklineEventError} `cast_unavailable` when `toVersion` is not a version of the event
 * type or a step is missing (only reachable by bypassing the types, e.g. with `as never`).
 * @example
 * const v2 = castEvent(loginV1, 2); // v2.metadata.client.ip_address
 * const v1 = castEvent(v2, 1);      // v1.metadata.ip_address
 */
export function castEvent<T extends EventType, V extends SharedVersion<T>>(
  event: AnyEvent & { readonly event: T },
  toVersion: V,
): EventOf<T, V> {
  return castTo(event, toVersion) as EventOf<T, V>;
}

function castTo(event: EventEnvelope, toVersion: number): EventEnvelope {
  const name = event.event;
  if (!eventVersions(name).includes(toVersion)) {
    throw new HooklineEventError(
      'cast_unavailable',
      `Cannot cast ${name} to version ${toVersion}: known versions are ${eventVersions(name).join(', ') || 'none'}.`,
      { event: name, version: toVersion },
    );
  }
  const steps = stepsByType.get(name) ?? [];
  let current = event;
  while (current.version !== toVersion) {
    const goingUp = current.version < toVersion;
    const from = current.version;
    const step = steps.find((candidate) => (goingUp ? candidate.from : candidate.to) === from);
    if (step === undefined) {
      throw new HooklineEventError(
        'cast_unavailable',
        `Cannot cast ${name} from version ${from} ${goingUp ? 'up' : 'down'}: no migration step is defined.`,
        { event: name, version: from },
      );
    }
    current = goingUp
      ? { ...current, version: step.to, metadata: step.up(current) }
      : { ...current, version: step.from, metadata: step.down(current) };
  }
  return current;
}

/**
 * Casts an event up to the newest version of its type (for a union of types, each to its own
 * newest).
 *
 * @example upcast(paymentV1).metadata.amount.value
 */
export function upcast<T extends EventType>(
  event: AnyEvent & { readonly event: T },
): EventOf<T, LatestVersion<T>> {
  return castTo(event, latestVersion(event.event)) as EventOf<T, LatestVersion<T>>;
}

/**
 * Casts an event down to an older version (for an endpoint pinned to it). Same as
 * {@link castEvent} (including the rule for a union of types), but refuses to go up.
 *
 * @throws {HooklineEventError} `cast_unavailable` when `toVersion` is newer than the event.
 */
export function downcast<T extends EventType, V extends SharedVersion<T>>(
  event: AnyEvent & { readonly event: T },
  toVersion: V,
): EventOf<T, V> {
  if (toVersion > event.version) {
    throw new HooklineEventError(
      'cast_unavailable',
      `downcast(${event.event}) goes to older versions only: the event is v${event.version}, asked for v${toVersion}. Use castEvent or upcast.`,
      { event: event.event, version: event.version },
    );
  }
  return castTo(event, toVersion) as EventOf<T, V>;
}
