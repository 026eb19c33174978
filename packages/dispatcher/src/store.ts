import type { FanOutTarget } from './fan-out.js';
import type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryCount,
  DeliveryCountQuery,
  DeliveryNext,
  DeliveryQuery,
  DeliveryRecord,
  DeliveryStatus,
  DisabledReason,
  EndpointPatch,
  EndpointRecord,
  ReplaySelector,
  StoredEvent,
} from './records.js';

/**
 * Durable state of a dispatcher: the outbox (events), endpoints, deliveries and attempts.
 * Implementations: memory (`createMemoryStore`), SQLite (`@hookline/dispatcher/sqlite`) and
 * Postgres (`@hookline/dispatcher/postgres`); all pass the same contract suite.
 *
 * `Tx` is the caller's transaction handle that {@link DispatcherStore.insertEvent} can join
 * (a libsql `Database` inside BEGIN…COMMIT, a pg `PoolClient` inside BEGIN…COMMIT);
 * `never` for stores without transactions.
 */
export interface DispatcherStore<Tx = never> {
  /** `'memory'`, `'sqlite'` or `'postgres'`. */
  readonly kind: string;
  /** Creates tables if needed. Safe to call many times and from many processes. */
  init(): Promise<void>;
  /**
   * Writes the event and one pending delivery for every enabled endpoint subscribed to its
   * type (or named in `target.endpointIds`, see {@link planDeliveries}), atomically, inside `tx` when given. Resolves once durable (or once written into `tx`).
   */
  insertEvent(event: StoredEvent, tx?: Tx, target?: FanOutTarget): Promise<{ deliveries: number }>;
  /**
   * Optional, for stores whose transactions are synchronous (SQLite): `insertEvent` into the
   * caller's open transaction `tx`, done before returning, throwing on failure, so a failure
   * inside `db.transaction(fn)` rolls the caller's transaction back.
   */
  insertEventSync?(event: StoredEvent, tx: Tx, target?: FanOutTarget): { deliveries: number };
  getEvent(id: string): Promise<StoredEvent | undefined>;

  createEndpoint(endpoint: EndpointRecord): Promise<void>;
  /**
   * Applies `patch`; resolves to the updated endpoint, or `undefined` when it does not exist.
   * A function is called with the current endpoint inside the update's transaction (the row
   * locked), so a read-modify-write such as a secret rotation cannot lose a concurrent one.
   */
  updateEndpoint(
    id: string,
    patch: EndpointPatch | ((current: EndpointRecord) => EndpointPatch),
    now: number,
  ): Promise<EndpointRecord | undefined>;
  getEndpoint(id: string): Promise<EndpointRecord | undefined>;
  listEndpoints(): Promise<EndpointRecord[]>;
  /** Removes the endpoint with its deliveries and attempts. */
  deleteEndpoint(id: string): Promise<boolean>;
  /**
   * Disables an enabled endpoint and dead-letters its pending deliveries. `changed` is false
   * when it was already disabled or does not exist (so the caller reports a transition once).
   */
  disableEndpoint(
    id: string,
    reason: DisabledReason,
    now: number,
  ): Promise<{ changed: boolean; deadLettered: number }>;

  /**
   * Leases up to `limit` due deliveries of enabled endpoints for `leaseMs`: pending, due by
   * `now`, not leased by anyone else, and for ordered endpoints not behind an unfinished earlier
   * delivery with the same resource_id. Two concurrent callers never receive the same delivery.
   */
  claimDue(input: { now: number; limit: number; leaseMs: number }): Promise<ClaimedDelivery[]>;
  /**
   * Appends the attempt to the log and, if `leaseToken` still holds the lease, moves the
   * delivery on (`next`) and updates the endpoint's failure run (cleared on success, started on
   * failure). `failingSince` is the endpoint's run start after the update.
   */
  recordAttempt(input: {
    leaseToken: string;
    attempt: AttemptRecord;
    next: DeliveryNext;
    now: number;
  }): Promise<RecordedOutcome>;

  getDelivery(id: string): Promise<DeliveryRecord | undefined>;
  listDeliveries(query: DeliveryQuery): Promise<DeliveryRecord[]>;
  /** Deliveries per endpoint and status, counted in the store (only the pairs that occur). */
  countDeliveries(query: DeliveryCountQuery): Promise<DeliveryCount[]>;
  /** Every attempt of a delivery, oldest first. */
  listAttempts(deliveryId: string): Promise<AttemptRecord[]>;
  /**
   * `listAttempts` for many deliveries in one read: a map from every requested id to its
   * attempts, oldest first (an empty list for a delivery without attempts or unknown).
   */
  listAttemptsFor(deliveryIds: readonly string[]): Promise<Map<string, AttemptRecord[]>>;
  /**
   * Puts finished deliveries back in the queue (attempts reset, due `now`); returns how many.
   * With `{ deliveryId }` a pending delivery is made due `now` too (attempts kept), unless a
   * worker holds a live lease on it (an attempt in flight): then it is left alone and counts 0.
   */
  requeue(selector: ReplaySelector, now: number): Promise<number>;

  /**
   * Optional: calls `onWake` when another process (or transaction) made deliveries due, so
   * workers need not wait for their next poll. Resolves to an unsubscribe function. The
   * Postgres store implements it with LISTEN/NOTIFY (the notification is sent on commit).
   */
  subscribe?(onWake: () => void): Promise<() => Promise<void>>;

  /**
   * Optional, for stores shared by several machines: the database server's clock, epoch ms.
   * Leases are compared in each worker's own clock, so the dispatcher warns at `ready()` when
   * its clock is far from the database's (and so, likely, from the other workers').
   */
  serverTime?(): Promise<number>;

  /** Releases connections the store opened itself. */
  close(): Promise<void>;
}

/** The transaction handle type of a store. */
export type StoreTransaction<S> = S extends DispatcherStore<infer Tx> ? Tx : never;

/** What {@link DispatcherStore.recordAttempt} reports. */
export interface RecordedOutcome {
  /** The lease still held, so the outcome moved the delivery on. */
  recorded: boolean;
  /** When the endpoint's current run of failures began, after a failed attempt. */
  failingSince: number | null;
  /**
   * The delivery's status once recorded: `next.status`, or `failed` when a retry was asked for
   * but the endpoint was disabled while the attempt ran. Stores that predate it may omit it.
   */
  status?: DeliveryStatus;
}
