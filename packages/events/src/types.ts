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
 * The typed envelope of event `T` at version `V` (default: the latest). With a union of types,
 * the default is the latest version of each member: `EventOf<'user.login' | 'user.created'>`
 * is `user.login` v2 or `user.created` v1 (writing `LatestVersion<T>` out means the same).
 *
 * @example
 * type Login = EventOf<'user.login', 1>; // { id, event: 'user.login', version: 1, ..., metadata: { ip_address, user_agent } }
 */
export type EventOf<T extends EventType, V extends EventVersion<T> = LatestVersion<T>> =
  IsExactly<V, LatestVersion<T>> extends true ? LatestOfEach<T> : EventOfEach<T, V>;

/** The envelope of each member of `T` at version `V` (members without `V` drop out). */
type EventOfEach<T extends EventType, V> = T extends EventType
  ? EventMap[T][V & keyof EventMap[T]]
  : never;

/** The envelope of each member of `T` at its own latest version. */
type LatestOfEach<T extends EventType> = T extends EventType
  ? EventMap[T][LatestVersion<T> & keyof EventMap[T]]
  : never;

/** `true` when the two (unions of) types are the same. */
type IsExactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The `metadata` type of event `T` at version `V` (default: the latest). */
export type EventMetadata<
  T extends EventType,
  V extends EventVersion<T> = LatestVersion<T>,
> = EventOf<T, V>['metadata'];

/** Any event the catalog knows: a union discriminated by `event` and then `version`. */
export type AnyEvent = {
  [T in EventType]: EventMap[T][keyof EventMap[T]];
}[EventType];

/** Any version of event type `T` (of each member, for a union). */
export type AnyVersionOf<T extends EventType> = EventOfEach<T, EventVersion<T>>;

/**
 * The versions that every member of `T` has: `1 | 2` for `'user.login' | 'payment.succeeded'`,
 * `1` for `'user.login' | 'user.created'`. What `castEvent` accepts for an event of type `T`.
 */
export type SharedVersion<T extends EventType> = EventVersion<T> &
  // Inferring from a union of parameter positions gives the intersection of the versions.
  ((T extends EventType ? (version: EventVersion<T>) => void : never) extends (
    version: infer V,
  ) => void
    ? V
    : never);
