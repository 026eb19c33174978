import type { DispatcherStore } from '@hookline/dispatcher';

/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | null;

/** Runs SQL with `?` placeholders; rows come back as plain objects. */
export interface Queryable {
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a write; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/** An open transaction: queries on it commit or roll back together. */
export interface Transaction extends Queryable {
  /** The handle `dispatcher.publish(event, { tx })` joins (a libsql Database or a pg PoolClient). */
  readonly handle: unknown;
}

/**
 * The platform's database: its own tables and the dispatcher's outbox live side by side, so a
 * resource change and the event it emits commit in one transaction.
 */
export interface PlatformDatabase extends Queryable {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction. Event-emitting transactions are serialised (SQLite by its
   * single writer, Postgres by an advisory lock taken in {@link Transaction}s that emit), so
   * event ids — created inside — are in commit order and catch-up by cursor misses nothing.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Takes the lock that orders event-emitting transactions (a no-op on SQLite). */
  lockEventOrder(tx: Transaction): Promise<void>;
  /** The dispatcher store over the same database. */
  readonly dispatcherStore: DispatcherStore<unknown>;
  close(): Promise<void>;
}

/** Prefix of the dispatcher's tables (outbox, endpoints, deliveries, attempts). */
export const dispatcherTablePrefix = 'hookline_';
