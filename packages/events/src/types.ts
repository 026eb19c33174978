import type { eventCatalog } from './catalog.js';

/** Any entry of the catalog (a union over every event type and version). */
export type AnyEventDefinition = (typeof eventCatalog)[number];

/** Every event name in the catalog: `'user.created' | 'user.login' | ...`. */
export type EventType = AnyEventDefinition['event'];

/** The catalog entry of one event type and version (`never` when there is none). */
export type EventDefinitionOf<T extends EventType, V extends number> = Extract<
  AnyEventDefinition,
  { readonly event: T; readonly version: V }
>;

/**
 * Every event envelope type, by name then version:
 * `EventMap['user.login'][2]` is the full typed envelope of `user.login` v2.
 */
export type EventMap = {
  [T in EventType]: {
    [D in Extract<AnyEventDefinition, { readonly event: T }> as D['version']]: D['example'];
  };
};

/** The versions an event type has, e.g. `1 | 2` for `user.login`. */
export type EventVersion<T extends EventType> = T extends EventType
  ? keyof EventMap[T] & number
  : never;

type BuildTuple<N extends number, Acc extends unknown[] = []> = Acc['length'] extends N
  ? Acc
  : BuildTuple<N, [...Acc, unknown]>;

/** `true` when A > B (small non-negative integers only, which versions are). */
type GreaterThan<A extends number, B extends number> =
  BuildTuple<A> extends [...BuildTuple<B>, unknown, ...unknown[]] ? true : false;

/** The largest member of a union of small integers. */
type MaxOf<U extends number, All extends number = U> = U extends U
  ? true extends (All extends All ? GreaterThan<All, U> : never)
    ? never
    : U
  : never;

/** The newest version of an event type, e.g. `2` for `user.login`. */
export type LatestVersion<T extends EventType> = T extends EventType
  ? Extract<EventVersion<T>, MaxOf<EventVersion<T>>>
  : never;

/**
 * The typed envelope of event `T` at version `V` (default: the latest).
 *
 * @example
 * type Login = EventOf<'user.login', 1>; // { id, event: 'user.login', version: 1, ..., metadata: { ip_address, user_agent } }
 */
export type EventOf<
  T extends EventType,
  V extends EventVersion<T> = LatestVersion<T>,
> = T extends EventType ? EventMap[T][V & keyof EventMap[T]] : never;

/** The `metadata` type of event `T` at version `V` (default: the latest). */
export type EventMetadata<
  T extends EventType,
  V extends EventVersion<T> = LatestVersion<T>,
> = EventOf<T, V>['metadata'];

/** Any event the catalog knows: a union discriminated by `event` and then `version`. */
export type AnyEvent = {
  [T in EventType]: EventMap[T][keyof EventMap[T]];
}[EventType];

/** Any version of event type `T`. */
export type AnyVersionOf<T extends EventType> = EventOf<T, EventVersion<T>>;
