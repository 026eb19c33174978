import { createSqliteStore, type SqliteDatabase } from '@hookline/dispatcher/sqlite';
import Database from 'libsql';
import { AsyncMutex } from './async-mutex.js';
import {
  dispatcherTablePrefix,
  type PlatformDatabase,
  type Queryable,
  type SqlValue,
  type Transaction,
} from './database.js';

interface Statement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
}

/** Options of {@link openSqliteDatabase}. */
export interface SqliteDatabaseOptions {
  /**
   * SQLite's `synchronous` setting. `full` (default) fsyncs the WAL on every commit, so an
   * acknowledged write — a resource and the event `publish()` put in the outbox with it —
   * survives a power loss. `normal` skips that fsync (faster; a power cut may lose the last
   * commits, a process crash loses nothing): for throwaway sandboxes and benchmarks only.
   */
  synchronous?: 'full' | 'normal';
}

/**
 * The embedded default: one SQLite file (WAL) through libsql, shared by the platform's tables
 * and the dispatcher store on ONE connection, so `publish(event, { tx: db })` writes into the
 * same transaction as the resource.
 *
 * libsql is synchronous; a transaction body still awaits (the code is shared with Postgres), so
 * a mutex keeps other requests' statements out of an open transaction. Transaction bodies do
 * no real I/O, so the whole transaction runs within one turn of the event loop. Commits are
 * `synchronous = FULL` unless `options.synchronous` relaxes it.
 */
export function openSqliteDatabase(
  path: string,
  options: SqliteDatabaseOptions = {},
): PlatformDatabase {
  const synchronous = options.synchronous ?? 'full';
  const db = new Database(path) as unknown as SqliteDatabase & {
    prepare(sql: string): Statement;
    pragma?(text: string): unknown;
  };
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.exec('PRAGMA busy_timeout = 5000');
  const statements = new Map<string, Statement>();
  const statement = (sql: string): Statement => {
    let found = statements.get(sql);
    if (!found) {
      found = db.prepare(sql) as Statement;
      statements.set(sql, found);
    }
    return found;
  };
  const direct: Queryable = {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      statement(sql).all(...params) as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      (statement(sql).get(...params) ?? undefined) as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) =>
      statement(sql).run(...params).changes,
  };
  const mutex = new AsyncMutex();

  const store = createSqliteStore({
    database: db,
    tablePrefix: dispatcherTablePrefix,
    synchronous,
  });

  return {
    kind: 'sqlite',
    // Outside a transaction, statements run at once unless a transaction is open.
    all: <T>(sql: string, params?: readonly SqlValue[]) =>
      mutex.locked ? mutex.run(() => direct.all<T>(sql, params)) : direct.all<T>(sql, params),
    get: <T>(sql: string, params?: readonly SqlValue[]) =>
      mutex.locked ? mutex.run(() => direct.get<T>(sql, params)) : direct.get<T>(sql, params),
    run: (sql: string, params?: readonly SqlValue[]) =>
      mutex.locked ? mutex.run(() => direct.run(sql, params)) : direct.run(sql, params),
    transaction: <T>(fn: (tx: Transaction) => Promise<T>) =>
      mutex.run(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn({ ...direct, handle: db });
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    lockEventOrder: async () => {},
    dispatcherStore: store as PlatformDatabase['dispatcherStore'],
    close: async () => {
      await mutex.run(() => undefined);
      db.close();
    },
  };
}
