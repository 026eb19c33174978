import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type BatchOutcome,
  createGroupCommit,
  isSqliteIoError,
  nextTurn,
  sqliteCode,
  writeTransaction,
} from '@hookline/internal';
import { flushCommitted, openWalFlusher, type WalFlusher } from '@hookline/internal/wal-flush';
import { checkedNumber, maxTimerMs } from '../checked-number.js';
import { createId } from '../create-id.js';
import { DispatcherError } from '../dispatcher-error.js';
import { patchedEndpoint } from '../endpoint-patch.js';
import { type FanOutTarget, pageSize, planDeliveries } from '../fan-out.js';
import type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryNext,
  DeliveryStatus,
  EndpointRecord,
  StoredEvent,
} from '../records.js';
import { remember } from '../remember.js';
import {
  type AttemptRow,
  attemptFromRow,
  attemptsByDelivery,
  countDeliveriesStatement,
  type DeliveryCountRow,
  type DeliveryRow,
  deliveryCountFromRow,
  deliveryFromRow,
  type EndpointRow,
  type EventRow,
  endpointColumns,
  endpointFromRow,
  endpointToRow,
  eventFromRow,
  failureRunStatement,
  failureRuns,
  heldBack,
  listDeliveriesStatement,
  notInFlight,
  outcomeAssignments,
  recordedOutcome,
  requeueStatement,
  tableNames,
} from '../sql/sql-shared.js';
import type { DispatcherStore, RecordedOutcome } from '../store.js';

/** The part of a better-sqlite3-compatible statement the store uses (libsql, better-sqlite3). */
export interface SqliteStatement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** The part of a better-sqlite3-compatible database the store uses (libsql, better-sqlite3). */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  close(): unknown;
  readonly inTransaction: boolean;
}

/** Options of {@link createSqliteStore}. */
export type SqliteStoreOptions = {
  /** Prefix of the four tables. Default `hookline_`. */
  tablePrefix?: string;
  /**
   * How long an operation waits for another connection's write lock, in ms. Default 5000. With
   * `path` the store waits without blocking the event loop (it retries on the next turns, so
   * HTTP attempts in flight keep going); with `database` SQLite's own busy timeout is set.
   */
  busyTimeoutMs?: number;
  /**
   * `full` (default) makes every publish (and every endpoint change and replay) survive power
   * loss. `normal` survives process crashes (kill -9) but may lose the last commits on power
   * loss, and is faster.
   *
   * With `path`, either way the worker's own bookkeeping — leases and attempt outcomes —
   * commits without an fsync of its own (the next durable commit or checkpoint syncs it): a
   * power loss can at worst forget the last outcomes, and those deliveries are sent again with
   * the same webhook-id (at-least-once, as after any crash). It never loses a published event.
   * A connection passed as `database` always commits at the level set here.
   *
   * With `path` and `full` (except on Windows), a publish's COMMIT does not hold the write lock
   * through the disk flush: the store commits, then flushes the WAL file, and only then
   * resolves the publish (workers in other processes write meanwhile instead of waiting out the
   * disk). Another process may therefore read, and deliver, an event a few milliseconds before
   * it is on disk; a power loss in that window can forget an event that was delivered, never
   * one whose publish resolved. Where the WAL file cannot be flushed that way, COMMIT flushes as
   * before. After a flush failed, every durable write is refused with `store_failed` until a new
   * store opens the file (restart the process once the disk is fixed).
   */
  synchronous?: 'full' | 'normal';
} & (
  | {
      /** Database file; opened with libsql in WAL mode (created if missing). */
      path: string;
      database?: undefined;
    }
  | {
      /** An open libsql / better-sqlite3 database to use (WAL is switched on). */
      database: SqliteDatabase;
      path?: undefined;
    }
);

/**
 * The embedded default store: one SQLite file (WAL), no server. Several processes may share
 * the file; claims are serialised by SQLite's write lock.
 *
 * `publish(event, { tx: db })` joins the caller's open transaction on `db` (a libsql or
 * better-sqlite3 Database on the same file): the write happens synchronously during the call,
 * so it works inside `db.transaction(fn)` and between `BEGIN` … `COMMIT`.
 *
 * @example
 * ```ts
 * const store = createSqliteStore({ path: 'hookline.db' });
 * const dispatcher = createDispatcher({ store });
 * const db = new Database('hookline.db');
 * db.transaction(() => {
 *   db.prepare('UPDATE orders SET paid = 1 WHERE id = ?').run(orderId);
 *   void dispatcher.publish(event, { tx: db });
 * })();
 * ```
 */
export function createSqliteStore(options: SqliteStoreOptions): DispatcherStore<SqliteDatabase> {
  const t = tableNames(options.tablePrefix ?? 'hookline_');
  const statements = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();
  const prepared = new WeakSet<SqliteDatabase>();
  let own: SqliteDatabase | undefined = options.database;
  let opening: Promise<SqliteDatabase> | undefined;
  /**
   * Flushes the WAL of a connection the store opened, after a durable commit (see WalFlusher);
   * a connection without one flushes inside COMMIT.
   */
  const walOf = new WeakMap<SqliteDatabase, WalFlusher>();
  /**
   * Set once a flush of the store's own WAL failed, ours or SQLite's own (an I/O error from a
   * write on the store's connection). From then on nothing is written durably until a new
   * store (a new process) opens the file: the frames that did not reach the disk may be lost
   * for good (Linux may report a failed flush once and then forget it), and the WAL's checksum
   * chain would take every later commit with them at the next recovery.
   */
  let flushFailed: Error | undefined;
  /** The error of a durable write refused after a failed flush (see `flushFailed`). */
  const refusedAfterFlushFailure = (what: string) =>
    new DispatcherError(
      'store_failed',
      `SQLite store: ${what} refused: an earlier flush of the outbox to disk failed (${flushFailed?.message}), so nothing more is written durably. Fix the disk, then restart the process.`,
      { cause: flushFailed },
    );
  const busyTimeoutMs = checkedNumber('busyTimeoutMs', options.busyTimeoutMs, 5000, {
    max: maxTimerMs,
    integer: true,
  });
  /**
   * The store opened the connection itself (`path`). Then it fails fast on a lock
   * (busy_timeout 0) and waits for the lock between event-loop turns — SQLite's own busy handler
   * sleeps the whole thread (1, 2, 5, 10… ms), stalling every delivery in flight meanwhile — and
   * it commits worker bookkeeping without an fsync (see `synchronous`). A connection passed as
   * `database` keeps SQLite's busy handler and is never switched off FULL durability.
   */
  const ownsConnection = options.path !== undefined;

  const stmt = (db: SqliteDatabase, sql: string): SqliteStatement => {
    let cache = statements.get(db);
    if (!cache) {
      cache = new Map();
      statements.set(db, cache);
    }
    return remember(cache, sql, () => db.prepare(sql));
  };

  /** Sets up a connection the store owns: busy timeout, WAL, durability, tables. */
  const configure = (db: SqliteDatabase): SqliteDatabase => {
    if (prepared.has(db)) return db;
    // Set-up waits the plain way (once per connection); afterwards see `ownsConnection`.
    db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec(`PRAGMA synchronous = ${syncFull ? 'FULL' : 'NORMAL'}`);
    syncs.set(db, syncFull);
    db.exec(schema);
    if (ownsConnection) db.exec('PRAGMA busy_timeout = 0');
    prepared.add(db);
    return db;
  };

  /**
   * Makes sure the tables exist before writing through a caller's transaction handle, without
   * touching that connection's settings. Tables created inside the caller's transaction vanish
   * if it rolls back, so the handle is only remembered once they are visible outside it.
   */
  const ensureTables = (db: SqliteDatabase) => {
    if (prepared.has(db)) return;
    const found = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?")
      .get(`${t.attempts}_delivery`);
    if (found && !db.inTransaction) prepared.add(db);
    if (!found) db.exec(schema);
  };

  const schema = `
    CREATE TABLE IF NOT EXISTS ${t.events} (
      id TEXT PRIMARY KEY, event TEXT NOT NULL, version INTEGER NOT NULL, timestamp TEXT NOT NULL,
      resource_id TEXT NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS ${t.endpoints} (
      id TEXT PRIMARY KEY, url TEXT NOT NULL, description TEXT NOT NULL, secrets TEXT NOT NULL,
      enabled_events TEXT NOT NULL, versions TEXT NOT NULL, ordered INTEGER NOT NULL,
      enabled INTEGER NOT NULL, disabled_reason TEXT, disabled_at INTEGER, failing_since INTEGER,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS ${t.deliveries} (
      seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, event_id TEXT NOT NULL,
      endpoint_id TEXT NOT NULL, event_type TEXT NOT NULL, resource_id TEXT NOT NULL,
      status TEXT NOT NULL, version INTEGER, attempts INTEGER NOT NULL, next_attempt_at INTEGER,
      last_status_code INTEGER, last_error TEXT, created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL, lease_token TEXT, lease_expires_at INTEGER);
    DROP INDEX IF EXISTS ${t.deliveries}_due;
    CREATE INDEX IF NOT EXISTS ${t.deliveries}_pending ON ${t.deliveries} (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX IF NOT EXISTS ${t.deliveries}_order ON ${t.deliveries} (endpoint_id, resource_id, seq);
    CREATE INDEX IF NOT EXISTS ${t.deliveries}_event ON ${t.deliveries} (event_id);
    CREATE TABLE IF NOT EXISTS ${t.attempts} (
      id INTEGER PRIMARY KEY, delivery_id TEXT NOT NULL, attempt INTEGER NOT NULL,
      started_at INTEGER NOT NULL, duration_ms INTEGER NOT NULL, status_code INTEGER,
      response_excerpt TEXT, error TEXT, outcome TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS ${t.attempts}_delivery ON ${t.attempts} (delivery_id);
  `;

  const open = async (): Promise<SqliteDatabase> => {
    if (own) {
      configure(own);
      return own;
    }
    opening ??= (async () => {
      let Database: new (path: string) => SqliteDatabase;
      try {
        ({ default: Database } = (await import('libsql')) as unknown as {
          default: new (path: string) => SqliteDatabase;
        });
      } catch (cause) {
        throw new DispatcherError(
          'store_failed',
          'createSqliteStore({ path }) needs the optional peer dependency libsql; install it (npm i libsql) or pass { database } from better-sqlite3.',
          { cause },
        );
      }
      const db = new Database(options.path as string);
      configure(db);
      const flusher = syncFull ? openWalFlusher(db) : null;
      if (flusher) walOf.set(db, flusher);
      own = db;
      return db;
    })();
    return opening;
  };

  /** The connection's current `PRAGMA synchronous` is FULL (the store's own connection only). */
  const syncs = new WeakMap<SqliteDatabase, boolean>();
  const syncFull = options.synchronous !== 'normal';
  /**
   * Runs `fn` in a write transaction on `db`, or inside the transaction the caller has open.
   * `durable: false` (worker bookkeeping) commits without an fsync; see `synchronous`.
   */
  const write = <T>(db: SqliteDatabase, fn: () => T, durable = true): T => {
    if (db.inTransaction) return fn();
    if (durable && flushFailed && ownsConnection) throw refusedAfterFlushFailure('a write');
    const full = syncFull && (durable || !ownsConnection);
    if (syncs.has(db) && syncs.get(db) !== full) {
      db.exec(`PRAGMA synchronous = ${full ? 'FULL' : 'NORMAL'}`);
      syncs.set(db, full);
    }
    return writeTransaction(db, fn);
  };

  /**
   * Runs `fn` (one atomic unit: a read, or a whole `write`) on the store's connection. When the
   * database is locked by another connection, runs it again on a later turn of the event loop
   * until `busyTimeoutMs` has passed (a failed `write` has rolled back, so a retry starts clean).
   * A transaction the application holds open on a connection passed as `database` is waited
   * out the same way: joined, the store's writes would resolve and then vanish with its ROLLBACK.
   * `readOnly` operations need not wait (see {@link read}).
   */
  const wrap = async <T>(
    what: string,
    fn: (db: SqliteDatabase) => T,
    readOnly = false,
  ): Promise<T> => {
    const started = performance.now();
    const expired = () => performance.now() - started >= busyTimeoutMs;
    for (let tries = 0; ; tries++) {
      const shared = options.database;
      // A read may run inside it (it writes nothing), once the connection is set up.
      if (shared?.inTransaction && !(readOnly && prepared.has(shared))) {
        if (expired()) {
          throw new DispatcherError(
            'store_failed',
            `SQLite store: ${what} waited ${busyTimeoutMs} ms for the transaction the application holds open on the connection passed as \`database\`; commit or roll back sooner, or give the store a connection of its own ({ path }).`,
          );
        }
      } else {
        // No await between the check above and `fn` on a shared connection.
        const db = shared ? configure(shared) : await open();
        try {
          return fn(db);
        } catch (error) {
          // A write SQLite could not get onto the disk (its own COMMIT's flush, a checkpoint)
          // breaks the WAL as our own failed flush does (see flushFailed).
          if (ownsConnection && !readOnly && isSqliteIoError(error)) flushFailed ??= error as Error;
          if (!ownsConnection || !isBusy(error) || db.inTransaction || expired()) {
            throw storeError(what, error);
          }
        }
      }
      // The first retries on the next turns (a lock is usually held for well under 1 ms), then
      // every millisecond.
      await new Promise<void>((resolve) =>
        tries < 4 ? nextTurn(resolve) : setTimeout(resolve, 1),
      );
    }
  };

  /** {@link wrap} for an operation that only reads. */
  const read = <T>(what: string, fn: (db: SqliteDatabase) => T): Promise<T> => wrap(what, fn, true);

  /** Enabled endpoints, read once per transaction (nothing else writes while it holds the lock). */
  const enabledEndpoints = (db: SqliteDatabase, batch: Batch): EndpointRecord[] => {
    batch.endpoints ??= (
      stmt(db, `SELECT * FROM ${t.endpoints} WHERE enabled = 1`).all() as EndpointRow[]
    ).map(endpointFromRow);
    return batch.endpoints;
  };

  const insertEventSync = (
    db: SqliteDatabase,
    item: PublishItem,
    batch: Batch = {},
  ): { deliveries: number } =>
    write(db, () => {
      try {
        return insertEventsSync(db, [item], batch).get(item)!;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
          throw new DispatcherError(
            'invalid_event',
            `An event with id ${item.event.id} was already published; event ids must be unique.`,
          );
        }
        throw error;
      }
    });

  /**
   * `SELECT json_extract(value, '$[0]'), … FROM json_each(?)`: the rows of one JSON array of
   * arrays, bound as ONE parameter. A batch of any size is one statement with one bind (binding
   * and row-building cross into the native driver per value, which dominates a multi-row
   * VALUES list; SQLite parses the JSON in C).
   */
  const jsonRows = (width: number) =>
    `SELECT ${Array.from({ length: width }, (_, i) => `json_extract(value, '$[${i}]')`).join(', ')} FROM json_each(?)`;

  // Statement texts, built once (they also key the prepared-statement cache).
  const insertAttemptsSql = `INSERT INTO ${t.attempts} (delivery_id, attempt, started_at, duration_ms, status_code, response_excerpt, error, outcome) ${jsonRows(8)}`;
  const insertEventsSql = `INSERT INTO ${t.events} (id, event, version, timestamp, resource_id, payload, created_at) ${jsonRows(7)}`;
  const insertDeliveriesSql = `INSERT INTO ${t.deliveries} (id, event_id, endpoint_id, event_type, resource_id, status, version, attempts, next_attempt_at, created_at, updated_at) ${jsonRows(11)}`;
  const recordOutcomesSql = `WITH v(id, token, status, next_at, code, err, now) AS (${jsonRows(7)})
       UPDATE ${t.deliveries} SET ${outcomeAssignments(t.endpoints, t.deliveries)}, attempts = attempts + 1, last_status_code = v.code, last_error = v.err, updated_at = v.now, lease_token = NULL, lease_expires_at = NULL
       FROM v WHERE ${t.deliveries}.id = v.id AND ${t.deliveries}.lease_token = v.token AND ${t.deliveries}.status = 'pending'
       RETURNING ${t.deliveries}.id AS id, ${t.deliveries}.endpoint_id AS endpoint_id, ${t.deliveries}.status AS status`;

  /** Runs one of the `jsonRows` inserts for `rows` (each a row's values, in column order). */
  const insertRows = (db: SqliteDatabase, sql: string, rows: readonly unknown[][]) => {
    stmt(db, sql).run(JSON.stringify(rows));
  };
  // Set-based statements whose one parameter is a JSON array of ids.
  const endpointsOfSql = `SELECT id, endpoint_id FROM ${t.deliveries} WHERE id IN (SELECT value FROM json_each(?))`;

  /** Appends attempts to the log, in one statement. */
  const insertAttempts = (db: SqliteDatabase, attempts: readonly AttemptRecord[]) => {
    insertRows(
      db,
      insertAttemptsSql,
      attempts.map((a) => [
        a.deliveryId,
        a.attempt,
        a.startedAt,
        a.durationMs,
        a.statusCode,
        a.responseExcerpt,
        a.error,
        a.outcome,
      ]),
    );
  };

  /** Writes events and their planned deliveries, in multi-row statements. */
  const insertEventsSync = (
    db: SqliteDatabase,
    inputs: readonly PublishItem[],
    batch: Batch,
  ): Map<PublishItem, { deliveries: number }> => {
    insertRows(
      db,
      insertEventsSql,
      inputs.map(({ event: e }) => [
        e.id,
        e.event,
        e.version,
        e.timestamp,
        e.resourceId,
        e.payload,
        e.createdAt,
      ]),
    );
    const endpoints = enabledEndpoints(db, batch);
    const counts = new Map<PublishItem, { deliveries: number }>();
    const planned = inputs.flatMap((input) => {
      const deliveries = planDeliveries(input.event, endpoints, input.target);
      counts.set(input, { deliveries: deliveries.length });
      return deliveries;
    });
    if (planned.length > 0) {
      insertRows(
        db,
        insertDeliveriesSql,
        planned.map((d) => [
          d.id,
          d.eventId,
          d.endpointId,
          d.eventType,
          d.resourceId,
          d.status,
          d.version,
          d.attempts,
          d.nextAttemptAt,
          d.createdAt,
          d.updatedAt,
        ]),
      );
    }
    return counts;
  };

  /**
   * Records attempts (in queue order) with a few multi-row statements: the log rows, the
   * lease-checked delivery updates, then each endpoint's failure run replayed in order (a
   * success ends it, a failure starts one). Two outcomes of one delivery in a batch (a stale
   * lease beside a fresh one) are refused here, so the batch runs item by item and each caller
   * learns whether its own lease still held.
   */
  const recordAttemptsSync = (
    db: SqliteDatabase,
    inputs: readonly RecordInput[],
    batch: Batch,
  ): Map<RecordInput, RecordedOutcome> => {
    const ids = inputs.map((input) => input.attempt.deliveryId);
    if (new Set(ids).size !== ids.length) {
      throw new Error('one delivery has two outcomes in this batch; recording them one by one');
    }
    insertAttempts(
      db,
      inputs.map((input) => input.attempt),
    );
    const endpointOf = new Map<string, string>();
    /** The status each recorded outcome left its delivery in. */
    const recorded = new Map<string, DeliveryStatus>();
    const updated = stmt(db, recordOutcomesSql).all(
      JSON.stringify(
        inputs.map(({ attempt, leaseToken, next, now }) => [
          attempt.deliveryId,
          leaseToken,
          next.status,
          next.status === 'pending' ? next.nextAttemptAt : null,
          attempt.statusCode,
          attempt.error,
          now,
        ]),
      ),
    ) as Array<{ id: string; endpoint_id: string; status: DeliveryStatus }>;
    for (const row of updated) {
      recorded.set(row.id, row.status);
      endpointOf.set(row.id, row.endpoint_id);
    }
    // Outcomes whose lease no longer held still count towards their endpoint's failure run.
    const missing = ids.filter((id) => !endpointOf.has(id));
    if (missing.length > 0) {
      const rows = stmt(db, endpointsOfSql).all(JSON.stringify(missing)) as Array<{
        id: string;
        endpoint_id: string;
      }>;
      for (const row of rows) endpointOf.set(row.id, row.endpoint_id);
    }
    const failingSince = new Map<string, number | null>();
    const runs = failureRuns(
      inputs.map((input) => input.attempt),
      (id) => endpointOf.get(id),
    );
    for (const [endpointId, run] of runs) {
      const { sql, params } = failureRunStatement(t.endpoints, endpointId, run, (n) => `?${n}`);
      const [row] = stmt(db, sql).all(...params) as Array<{ failing_since: number | null }>;
      if (row) batch.endpoints = undefined;
      failingSince.set(endpointId, row?.failing_since ?? null);
    }
    return new Map(
      inputs.map((input) => {
        const endpointId = endpointOf.get(input.attempt.deliveryId);
        const outcome = recordedOutcome(
          input.attempt,
          recorded.get(input.attempt.deliveryId),
          endpointId === undefined ? undefined : failingSince.get(endpointId),
        );
        return [input, outcome];
      }),
    );
  };

  /**
   * Group commit: the store's writes without a caller transaction — publishes, claims and
   * attempt outcomes alike — queue up and share one transaction (one fsync, one lock round),
   * so a worker's outcomes and its next claim, and a same-process publisher's events, commit
   * together. Each caller's promise settles after the COMMIT. Optimistic: the whole batch runs
   * in one savepoint; if any item fails, the batch is undone and run again with a savepoint per
   * item, so only the failing item fails.
   */
  const writeBatch = async (items: readonly WriteItem[]): Promise<BatchOutcome<unknown>[]> => {
    if (flushFailed && items.some((item) => item.durable)) {
      // Durable items are refused (see `flushFailed`); the worker's bookkeeping goes on.
      const rest = items.filter((item) => !item.durable);
      const written = rest.length > 0 ? await writeBatch(rest) : [];
      return items.map((item) =>
        item.durable
          ? { ok: false, error: refusedAfterFlushFailure(item.what) }
          : written[rest.indexOf(item)]!,
      );
    }
    const durable = items.some((item) => item.durable);
    /**
     * A durable batch on the store's own connection commits without holding the write lock
     * through the disk flush, then flushes the WAL before anyone hears of it. Looked up in the
     * same synchronous step as the commit: a close() and reopen while this batch waited for
     * the lock must not leave it flushing another connection's file.
     */
    const committed: { flusher?: WalFlusher | undefined } = {};
    const values = await wrap(items.length === 1 ? items[0]!.what : 'write', (db) => {
      committed.flusher = durable ? walOf.get(db) : undefined;
      return write(
        db,
        () => {
          stmt(db, 'SAVEPOINT hookline_batch').run();
          try {
            const batch: Batch = {};
            // Items with a bulk form (publishes and attempt outcomes: the bulk of the traffic)
            // are written together, a few multi-row statements per kind, before the others
            // (a claim skips deliveries still leased anyway). A failure (say, a duplicate
            // event id) fails the statement: the batch then runs again item by item below.
            const groups = new Map<BulkWrite, object[]>();
            for (const { bulk } of items) {
              if (!bulk) continue;
              const inputs = groups.get(bulk.runAll);
              if (inputs) inputs.push(bulk.input);
              else groups.set(bulk.runAll, [bulk.input]);
            }
            const written = new Map<object, unknown>();
            for (const [runAll, inputs] of groups) {
              if (inputs.length < 2) continue;
              for (const [input, value] of runAll(db, inputs, batch)) written.set(input, value);
            }
            const values = items.map(
              (item): BatchOutcome<unknown> => ({
                ok: true,
                value:
                  item.bulk && written.has(item.bulk.input)
                    ? written.get(item.bulk.input)
                    : item.run(db, batch),
              }),
            );
            stmt(db, 'RELEASE hookline_batch').run();
            return values;
          } catch {
            stmt(db, 'ROLLBACK TO hookline_batch').run();
            stmt(db, 'RELEASE hookline_batch').run();
            const batch: Batch = {};
            return items.map((item): BatchOutcome<unknown> => {
              stmt(db, 'SAVEPOINT hookline_item').run();
              try {
                const value = item.run(db, batch);
                stmt(db, 'RELEASE hookline_item').run();
                return { ok: true, value };
              } catch (error) {
                stmt(db, 'ROLLBACK TO hookline_item').run();
                stmt(db, 'RELEASE hookline_item').run();
                batch.endpoints = undefined;
                return { ok: false, error: storeError(item.what, error) };
              }
            });
          }
        },
        durable && !committed.flusher,
      );
    });
    const { flusher } = committed;
    if (!flusher) return values;
    // Only the durable items waited for the flush; the worker's bookkeeping did not.
    return flushCommitted(
      flusher,
      values,
      (cause) => {
        flushFailed = cause;
        return new DispatcherError(
          'store_failed',
          `SQLite store: the write was committed but flushing it to disk failed (${cause.message}); it survives a process crash but perhaps not a power loss, and nothing more is written durably until the process restarts. Fix the disk; a publish retried after the restart may send its event twice.`,
          { cause },
        );
      },
      (i) => items[i]!.durable,
    );
  };
  /** The batch under way (waiting for the lock, writing or flushing); close() lets it finish. */
  let batchUnderWay: Promise<unknown> = Promise.resolve();
  const enqueue = createGroupCommit<WriteItem, unknown>((items) => {
    const batch = writeBatch(items);
    batchUnderWay = batch.catch(() => {});
    return batch;
  });
  const batched =
    <I, O>(what: string, durable: boolean, fn: (db: SqliteDatabase, item: I, batch: Batch) => O) =>
    (item: I): Promise<O> =>
      enqueue({ what, durable, run: (db, batch) => fn(db, item, batch) }) as Promise<O>;

  /** Connections a `{ tx }` publish came on that were found to be on the store's database. */
  const onStoreDatabase = new WeakSet<SqliteDatabase>();
  /**
   * Refuses a `{ tx }` connection to another database (another file, or an in-memory one): the
   * event would be written, tables and all, where no worker ever looks, and `publish` would
   * resolve as if it had been sent. Checked once per connection.
   */
  const checkSameDatabase = (tx: SqliteDatabase) => {
    if (tx === own || onStoreDatabase.has(tx)) return;
    const expected = own ? mainFile(own) : fileOfPath(options.path as string);
    const actual = mainFile(tx);
    if (actual === '') {
      // In-memory databases have no file to tell them apart (even a shared-cache one).
      throw new DispatcherError(
        'transaction_unsupported',
        "publish({ tx }) got a connection to an in-memory database other than the store's own: it cannot tell whether it is the store's database. Create the store with { database: thatConnection } and publish with { tx: thatConnection }.",
      );
    }
    if (actual !== expected) {
      const name = (file: string) => (file === '' ? 'an in-memory database' : file);
      throw new DispatcherError(
        'transaction_unsupported',
        `publish({ tx }) got a connection to ${actual}, but this store's outbox is ${name(expected)}: the event would be written where no worker looks. Pass a connection to the store's own database file (or create the store with { database: yourConnection }).`,
      );
    }
    onStoreDatabase.add(tx);
  };

  /** Synchronous on purpose: this must land inside the caller's open transaction now. */
  const insertEventInto = (
    tx: SqliteDatabase,
    event: StoredEvent,
    target: FanOutTarget | undefined,
  ) => {
    checkSameDatabase(tx);
    // Its commit would land in the WAL behind what a failed flush may have lost (see flushFailed).
    if (flushFailed) throw refusedAfterFlushFailure('publish');
    try {
      ensureTables(tx);
      return insertEventSync(tx, { event, target });
    } catch (error) {
      throw storeError('publish', error);
    }
  };

  /** `'a', x.a, 'b', x.b, …`: the arguments of a `json_object` with the row's own keys. */
  const keyed = (alias: string, columns: readonly string[]) =>
    columns.map((c) => `'${c}', ${alias}.${c}`).join(', ');
  /** A row as one JSON object. */
  const asJson = (alias: string, columns: readonly string[]) =>
    `json_object(${keyed(alias, columns)})`;
  const deliveryColumns = [
    'seq',
    'id',
    'event_id',
    'endpoint_id',
    'event_type',
    'resource_id',
    'status',
    'version',
    'attempts',
    'next_attempt_at',
    'last_status_code',
    'last_error',
    'created_at',
    'updated_at',
  ] as const satisfies readonly (keyof DeliveryRow)[];
  const eventColumns = [
    'id',
    'event',
    'version',
    'timestamp',
    'resource_id',
    'payload',
    'created_at',
  ] as const satisfies readonly (keyof EventRow)[];

  /**
   * Due deliveries in order, each with its event, and their endpoints — as ONE JSON text from
   * one statement: the driver then crosses into JS once per claim instead of once per value —
   * and how many there are. MATERIALIZED: the batch is found once, not again for its endpoints.
   */
  const dueSql = `
    WITH due AS MATERIALIZED (
      SELECT d.* FROM ${t.deliveries} d JOIN ${t.endpoints} e ON e.id = d.endpoint_id
      WHERE d.status = 'pending' AND d.next_attempt_at <= ?1
        AND ${notInFlight('?1', 'd.')} AND e.enabled = 1
        AND (e.ordered = 0 OR NOT ${heldBack(t.deliveries, '?1')})
      ORDER BY d.next_attempt_at, d.seq LIMIT ?2)
    SELECT (SELECT count(*) FROM due) AS n, (SELECT json_group_array(seq) FROM due) AS seqs, json_object(
      'deliveries', (SELECT json_group_array(json_object(${keyed('d', deliveryColumns)}, 'event', ${asJson('ev', eventColumns)}))
        FROM due d JOIN ${t.events} ev ON ev.id = d.event_id),
      'endpoints', (SELECT json_group_array(${asJson('e', endpointColumns)})
        FROM ${t.endpoints} e WHERE e.id IN (SELECT endpoint_id FROM due))) AS due`;

  /**
   * Leases the batch `dueSql` found, by its `seqs` (a small JSON array handed straight back: the
   * seqs are not read out of the batch's JSON, which SQLite would parse and re-serialise whole).
   */
  const leaseDueSql = `UPDATE ${t.deliveries} SET lease_token = ?, lease_expires_at = ? WHERE seq IN (SELECT value FROM json_each(?))`;

  /** A batch leased by {@link leaseDueSync}: `dueSql`'s JSON and the lease token. */
  interface LeasedBatch {
    due: string;
    token: string;
  }

  /**
   * The write half of a claim: finds the due batch and leases it, in SQL only. Parsing the batch
   * and building the claims ({@link claimsOf}) wait until after the COMMIT: the write lock is
   * then held only for the statements, and a publisher in another process waits less for it.
   */
  const leaseDueSync = (
    db: SqliteDatabase,
    { now, limit, leaseMs }: { now: number; limit: number; leaseMs: number },
  ): LeasedBatch | undefined => {
    // SQLite reads a negative LIMIT as none at all.
    if (!(limit > 0)) return undefined;
    const { n, seqs, due } = stmt(db, dueSql).get(now, limit) as {
      n: number;
      seqs: string;
      due: string;
    };
    if (Number(n) === 0) return undefined;
    const token = createId('lease', now);
    stmt(db, leaseDueSql).run(token, now + leaseMs, seqs);
    return { due, token };
  };

  /** The claims of a leased batch, in due order. */
  const claimsOf = (batch: LeasedBatch | undefined): ClaimedDelivery[] => {
    if (!batch) return [];
    const found = JSON.parse(batch.due) as {
      deliveries: Array<DeliveryRow & { event: EventRow }>;
      endpoints: EndpointRow[];
    };
    // The aggregate's order is unspecified: put the batch back in due order.
    const rows = found.deliveries.sort(
      (a, b) =>
        Number(a.next_attempt_at) - Number(b.next_attempt_at) || Number(a.seq) - Number(b.seq),
    );
    const endpoints = new Map(found.endpoints.map((row) => [row.id, endpointFromRow(row)]));
    const claims: ClaimedDelivery[] = [];
    for (const { event, ...row } of rows) {
      const endpoint = endpoints.get(row.endpoint_id);
      if (endpoint) {
        claims.push({
          delivery: deliveryFromRow(row),
          event: eventFromRow(event),
          endpoint,
          leaseToken: batch.token,
        });
      }
    }
    return claims;
  };

  const insertEventBatched = (input: PublishItem) =>
    enqueue({
      what: 'publish',
      durable: true,
      run: (db, batch) => insertEventSync(db, input, batch),
      bulk: { input, runAll: insertEventsSync as BulkWrite },
    }) as Promise<{ deliveries: number }>;
  const recordAttemptBatched = (input: RecordInput) =>
    enqueue({
      what: 'recordAttempt',
      durable: false,
      run: (db, batch) => recordAttemptsSync(db, [input], batch).get(input)!,
      bulk: { input, runAll: recordAttemptsSync as BulkWrite },
    }) as Promise<RecordedOutcome>;
  const leaseBatched = batched('claimDue', false, leaseDueSync);

  const getEndpointSync = (db: SqliteDatabase, id: string) => {
    const row = stmt(db, `SELECT * FROM ${t.endpoints} WHERE id = ?`).get(id) as
      | EndpointRow
      | undefined;
    return row && endpointFromRow(row);
  };

  return {
    kind: 'sqlite',
    async init() {
      await wrap('init', () => undefined);
    },
    insertEvent(event, tx, target) {
      if (tx !== undefined) {
        try {
          return Promise.resolve(insertEventInto(tx, event, target));
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return insertEventBatched({ event, target });
    },
    insertEventSync: (event, tx, target) => insertEventInto(tx, event, target),
    getEvent: (id) =>
      read('getEvent', (db) => {
        const row = stmt(db, `SELECT * FROM ${t.events} WHERE id = ?`).get(id) as
          | EventRow
          | undefined;
        return row && eventFromRow(row);
      }),
    createEndpoint: (endpoint) =>
      wrap('createEndpoint', (db) =>
        write(db, () => {
          if (getEndpointSync(db, endpoint.id)) {
            throw new DispatcherError(
              'invalid_endpoint',
              `Endpoint ${endpoint.id} already exists; update it instead.`,
            );
          }
          const row = endpointToRow(endpoint);
          stmt(
            db,
            `INSERT INTO ${t.endpoints} (${endpointColumns.join(', ')}) VALUES (${endpointColumns.map(() => '?').join(', ')})`,
          ).run(...endpointColumns.map((c) => sqliteValue(row[c])));
        }),
      ),
    updateEndpoint: (id, patch, now) =>
      wrap('updateEndpoint', (db) =>
        write(db, () => {
          const current = getEndpointSync(db, id);
          if (!current) return undefined;
          const next = patchedEndpoint(current, patch, now);
          const row = endpointToRow(next);
          const columns = endpointColumns.filter((c) => c !== 'id');
          stmt(
            db,
            `UPDATE ${t.endpoints} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
          ).run(...columns.map((c) => sqliteValue(row[c])), id);
          return next;
        }),
      ),
    getEndpoint: (id) => read('getEndpoint', (db) => getEndpointSync(db, id)),
    listEndpoints: () =>
      read('listEndpoints', (db) =>
        (
          stmt(db, `SELECT * FROM ${t.endpoints} ORDER BY created_at, id`).all() as EndpointRow[]
        ).map(endpointFromRow),
      ),
    deleteEndpoint: (id) =>
      wrap('deleteEndpoint', (db) =>
        write(db, () => {
          stmt(
            db,
            `DELETE FROM ${t.attempts} WHERE delivery_id IN (SELECT id FROM ${t.deliveries} WHERE endpoint_id = ?)`,
          ).run(id);
          stmt(db, `DELETE FROM ${t.deliveries} WHERE endpoint_id = ?`).run(id);
          const result = stmt(db, `DELETE FROM ${t.endpoints} WHERE id = ?`).run(id) as {
            changes: number;
          };
          return result.changes > 0;
        }),
      ),
    disableEndpoint: (id, reason, now) =>
      wrap('disableEndpoint', (db) =>
        write(db, () => {
          const changed = stmt(
            db,
            `UPDATE ${t.endpoints} SET enabled = 0, disabled_reason = ?, disabled_at = ?, updated_at = ? WHERE id = ? AND enabled = 1`,
          ).run(reason, now, now, id) as { changes: number };
          if (changed.changes === 0) return { changed: false, deadLettered: 0 };
          const dead = stmt(
            db,
            `UPDATE ${t.deliveries} SET status = 'failed', next_attempt_at = NULL, last_error = ?1, updated_at = ?2, lease_token = NULL, lease_expires_at = NULL WHERE endpoint_id = ?3 AND status = 'pending' AND ${notInFlight('?2')}`,
          ).run(`endpoint disabled (${reason})`, now, id) as { changes: number };
          return { changed: true, deadLettered: dead.changes };
        }),
      ),
    claimDue: async (input) => claimsOf(await leaseBatched(input)),
    recordAttempt: (input) => recordAttemptBatched(input),
    getDelivery: (id) =>
      read('getDelivery', (db) => {
        const row = stmt(db, `SELECT * FROM ${t.deliveries} WHERE id = ?`).get(id) as
          | DeliveryRow
          | undefined;
        return row && deliveryFromRow(row);
      }),
    listDeliveries: (query) =>
      read('listDeliveries', (db) => {
        const { sql, params } = listDeliveriesStatement(
          t.deliveries,
          query,
          pageSize(query.limit),
          () => '?',
        );
        return (db.prepare(sql).all(...params) as DeliveryRow[]).map(deliveryFromRow);
      }),
    countDeliveries: (query) =>
      read('countDeliveries', (db) => {
        const { sql, params } = countDeliveriesStatement(t.deliveries, query, () => '?');
        return (stmt(db, sql).all(...params) as DeliveryCountRow[]).map(deliveryCountFromRow);
      }),
    listAttempts: (deliveryId) =>
      read('listAttempts', (db) =>
        (
          stmt(db, `SELECT * FROM ${t.attempts} WHERE delivery_id = ? ORDER BY id`).all(
            deliveryId,
          ) as AttemptRow[]
        ).map(attemptFromRow),
      ),
    listAttemptsFor: (deliveryIds) =>
      read('listAttemptsFor', (db) => {
        if (deliveryIds.length === 0) return new Map();
        const rows = stmt(
          db,
          `SELECT * FROM ${t.attempts} WHERE delivery_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
        ).all(JSON.stringify(deliveryIds)) as AttemptRow[];
        return attemptsByDelivery(deliveryIds, rows);
      }),
    requeue: (selector, now) =>
      wrap('requeue', (db) =>
        write(db, () => {
          const { sql, params } = requeueStatement(t.deliveries, selector, now, () => '?');
          const result = db.prepare(sql).run(...params) as { changes: number };
          return result.changes;
        }),
      ),
    async close() {
      // A batch under way finishes on this connection first: closed between its COMMIT and its
      // flush, a publish that committed would fail; during its lock wait, it would reopen.
      await batchUnderWay;
      if (own && options.path !== undefined) {
        const flusher = walOf.get(own);
        walOf.delete(own);
        await flusher?.close();
        own.close();
        own = undefined;
        opening = undefined;
      }
    },
  };
}

/** What one write transaction reads once and its items share. */
interface Batch {
  /** Enabled endpoints; reset when an item changes one. */
  endpoints?: EndpointRecord[] | undefined;
}

/** One write in the store's shared transaction queue. */
interface WriteItem {
  what: string;
  /** Must survive power loss once its promise resolves (publishes); else worker bookkeeping. */
  durable: boolean;
  /** Its bulk form: written together with the batch's other items of the same `runAll`. */
  bulk?: { input: object; runAll: BulkWrite } | undefined;
  run: (db: SqliteDatabase, batch: Batch) => unknown;
}

/** Writes many items of one kind at once; returns each input's result. */
type BulkWrite = (
  db: SqliteDatabase,
  inputs: readonly object[],
  batch: Batch,
) => Map<object, unknown>;

/** What a publish writes. */
interface PublishItem {
  event: StoredEvent;
  target: FanOutTarget | undefined;
}

interface RecordInput {
  leaseToken: string;
  attempt: AttemptRecord;
  next: DeliveryNext;
  now: number;
}

/** The file of `db`'s main database, links resolved ('' for an in-memory or temporary one). */
function mainFile(db: SqliteDatabase): string {
  const row = db.prepare("SELECT file FROM pragma_database_list WHERE name = 'main'").get() as
    | { file?: string | null }
    | undefined;
  return row?.file ? canonicalFile(row.file) : '';
}

/**
 * The file SQLite opens for `path` ('' for an in-memory database), links resolved: a plain path,
 * `:memory:`, or a `file:` URI (its query may say `mode=memory`).
 */
function fileOfPath(path: string): string {
  if (path === '' || path === ':memory:') return '';
  if (!/^file:/i.test(path)) return canonicalFile(path);
  const [location = '', query = ''] = path.slice('file:'.length).split('#')[0]!.split('?');
  if (/(?:^|&)mode=memory(?:&|$)/.test(query)) return '';
  let file = location;
  if (file.startsWith('//')) {
    // `file://host/path`: the authority (empty or localhost) is not part of the path.
    const slash = file.indexOf('/', 2);
    file = slash === -1 ? '' : file.slice(slash);
  }
  file = decodeURIComponent(file);
  return file === '' || file === ':memory:' ? '' : canonicalFile(file);
}

/** `file` with symbolic links resolved, where it exists. */
function canonicalFile(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

function sqliteValue(value: unknown): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/** SQLITE_BUSY (and its extended codes): another connection holds the lock. */
function isBusy(error: unknown): boolean {
  return sqliteCode(error)?.startsWith('SQLITE_BUSY') ?? false;
}

function storeError(what: string, error: unknown): unknown {
  if (error instanceof DispatcherError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DispatcherError('store_failed', `SQLite store: ${what} failed: ${message}`, {
    cause: error,
  });
}
