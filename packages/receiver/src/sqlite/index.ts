import {
  type BatchOutcome,
  createGroupCommit,
  isSqliteIoError,
  sqliteCode,
  writeTransaction,
} from '@hookline/internal';
import { flushCommitted, openWalFlusher } from '@hookline/internal/wal-flush';
import Database from 'libsql';
import {
  addedInboxColumns,
  checkIdentifier,
  expiredAt,
  type InboxRow,
  ofReceiver,
  pendingAt,
  rowToClaimed,
  rowToDeadLetter,
  rowToEntry,
  unfinishedRunAssignment,
} from '../sql-row.js';
import type { InsertResult, NewInboxEntry, ReceiverStore } from '../store.js';

/** A libsql / better-sqlite3 compatible database handle. */
export type SqliteDatabase = InstanceType<typeof Database>;

/** Options for {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file (created if missing). Ignored when `database` is given. */
  path?: string;
  /** An open database to use instead of `path` (not closed by `close()`). */
  database?: SqliteDatabase;
  /** Prefix for the table name (`<prefix>inbox`). Default `hookline_`. */
  tablePrefix?: string;
  /**
   * `full` (default) survives power loss; `normal` is faster and survives process crashes.
   *
   * With `path` and `full`, an event's arrival (the insert before the acknowledgement) and an
   * operator's replay wait for the disk; the worker's bookkeeping — claims, lease extensions,
   * outcomes — does not wait for a flush of its own (the next durable write or checkpoint
   * makes it durable). A power loss can then forget the last outcomes, and those events run
   * again: at least once, as after any crash; never is an acknowledged event lost. A
   * connection passed as `database` always commits at its own setting.
   *
   * With `path`, events arriving together are inserted in one transaction and, with `full`
   * (except on Windows), flushed to disk by one `fdatasync` of the WAL file off the event loop
   * after the commit; each insert resolves once that flush is done. The worker may claim, and
   * run, an event in those few milliseconds: a power loss then can forget an event whose
   * handler ran but which was never acknowledged, and the sender delivers it again. After a
   * flush fails, the store acknowledges no arrival (the receiver answers 503) until the process
   * starts again: fix the disk first.
   */
  synchronous?: 'full' | 'normal';
}

/**
 * The embedded durable store: one SQLite file in WAL mode, created on first use. Several
 * processes may share the file; claims are single atomic statements.
 *
 * @example
 * ```ts
 * import { createReceiver } from '@hookline/receiver'
 * import { createSqliteStore } from '@hookline/receiver/sqlite'
 *
 * const receiver = createReceiver({ secret, store: createSqliteStore({ path: './inbox.db' }) })
 * ```
 */
export function createSqliteStore(options: SqliteStoreOptions = {}): ReceiverStore {
  const owned = options.database === undefined;
  const db = options.database ?? new Database(options.path ?? 'hookline-inbox.db');
  const table = `${checkIdentifier('tablePrefix', options.tablePrefix ?? 'hookline_')}inbox`;
  const full = options.synchronous !== 'normal';
  /** The connection's `PRAGMA synchronous` (the store's own connection only; see `durably`). */
  let synchronousFull = full;
  /**
   * Sets the level the next write commits at, on the store's own `full` connection: durable
   * for arrivals and replays, without a flush of its own for the worker's bookkeeping (a few
   * milliseconds of the event loop each on a slow disk, twice per event).
   */
  const durably = (durable: boolean) => {
    if (!owned || !full || synchronousFull === durable) return;
    db.exec(`PRAGMA synchronous = ${durable ? 'FULL' : 'NORMAL'}`);
    synchronousFull = durable;
  };
  if (owned) {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA busy_timeout = 5000');
    db.exec(`PRAGMA synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  }
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    id TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    version INTEGER NOT NULL,
    payload TEXT NOT NULL,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    received_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    lease_token TEXT,
    lease_until INTEGER,
    last_error TEXT,
    response TEXT,
    completed_at INTEGER,
    receiver TEXT,
    unfinished_runs INTEGER NOT NULL DEFAULT 0
  )`);
  addMissingColumns(db, table);
  // Partial indexes: each holds only the rows its lookups want (pending, processing, dead), so
  // finding work stays cheap however many `done` rows pile up, and the planner keeps using them
  // after ANALYZE of an inbox that is all `done` (an index on (status, …) then looks useless,
  // and claims read the whole table). They replace that index of earlier versions.
  db.exec(`DROP INDEX IF EXISTS ${table}_due`);
  db.exec(
    `CREATE INDEX IF NOT EXISTS ${table}_pending ON ${table} (next_attempt_at) WHERE status = 'pending'`,
  );
  db.exec(
    `CREATE INDEX IF NOT EXISTS ${table}_processing ON ${table} (lease_until) WHERE status = 'processing'`,
  );
  db.exec(
    `CREATE INDEX IF NOT EXISTS ${table}_dead ON ${table} (completed_at, id) WHERE status = 'dead'`,
  );

  /** Flushes the WAL after a batch of inserts commits at NORMAL (see `synchronous`). */
  const flusher = owned && full ? openWalFlusher(db) : null;
  /**
   * Set once a flush failed (ours, or SQLite's own in an arrivals' COMMIT). From then on no
   * arrival is acknowledged until the process starts again: the frames that did not reach the
   * disk may be lost for good (Linux may report a failed flush once and then forget it), and the
   * WAL's checksum chain would then take every later commit with them at the next recovery,
   * however durably those were flushed.
   */
  let flushFailed: Error | undefined;
  const insert = db.prepare(
    `INSERT INTO ${table} (id, event, version, payload, source, status, attempts, received_at, next_attempt_at, lease_token, lease_until, receiver)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const select = db.prepare(`SELECT * FROM ${table} WHERE id = ?`);
  // Claimable: pending and due, or processing under an expired lease, of this receiver (or
  // unnamed). Binds `now` twice, then the receiver name twice.
  const due = `(${pendingAt('?')} OR ${expiredAt('?')}) AND ${ofReceiver('?')}`;
  // An entry of this receiver under an expired lease. Binds `now`, then the receiver name twice.
  const unfinishedRun = `${expiredAt('?')} AND ${ofReceiver('?')}`;
  const takeWith = (counted: boolean) =>
    `UPDATE ${table} SET ${unfinishedRunAssignment('', counted)}, status = 'processing', attempts = attempts + 1, lease_token = ?, lease_until = ?`;
  const take = takeWith(true);
  // An entry under an expired lease goes alone (see ReceiverStore.claim): the oldest of them,
  // first in this order. Binds `due`'s, `unfinishedRun`'s, then `limit`.
  const claim = db.prepare(
    `${take} WHERE id IN (
       SELECT id FROM ${table} WHERE ${due} ORDER BY status = 'processing' DESC, next_attempt_at
       LIMIT CASE WHEN EXISTS (SELECT 1 FROM ${table} WHERE ${unfinishedRun}) THEN 1 ELSE ? END
     ) RETURNING *`,
  );
  // `takeOver: false`: pending entries only. Binds `now`, the receiver name twice, then `limit`.
  const claimPending = db.prepare(
    `${take} WHERE id IN (
       SELECT id FROM ${table} WHERE ${pendingAt('?')} AND ${ofReceiver('?')}
       ORDER BY next_attempt_at LIMIT ?
     ) RETURNING *`,
  );
  const unfinished = db.prepare(`SELECT 1 AS found FROM ${table} WHERE ${unfinishedRun} LIMIT 1`);
  // Sync mode's take-over: its run goes beside other requests, so it counts no unfinished run.
  const claimOne = db.prepare(`${takeWith(false)} WHERE id = ? AND ${due} RETURNING *`);
  const held = `WHERE id = ? AND status = 'processing' AND lease_token = ?`;
  const complete = db.prepare(
    `UPDATE ${table} SET status = 'done', unfinished_runs = 0, completed_at = ?, response = COALESCE(?, response), lease_token = NULL, lease_until = NULL ${held}`,
  );
  const fail = db.prepare(
    `UPDATE ${table} SET status = 'pending', unfinished_runs = 0, last_error = ?, next_attempt_at = ?, lease_token = NULL, lease_until = NULL ${held}`,
  );
  const dead = db.prepare(
    `UPDATE ${table} SET status = 'dead', last_error = ?, completed_at = ?, lease_token = NULL, lease_until = NULL ${held}`,
  );
  const release = db.prepare(`DELETE FROM ${table} ${held}`);
  const extend = db.prepare(`UPDATE ${table} SET lease_until = ? ${held}`);
  const listDead = db.prepare(
    `SELECT * FROM ${table} WHERE status = 'dead' ORDER BY completed_at, id LIMIT ?`,
  );
  const requeue = `UPDATE ${table} SET status = 'pending', attempts = 0, unfinished_runs = 0, next_attempt_at = ?, last_error = NULL, response = NULL, completed_at = NULL`;
  const replay = db.prepare(`${requeue} WHERE id = ? AND status IN ('dead', 'done')`);
  const requeueDead = db.prepare(`${requeue} WHERE id = ? AND status = 'dead'`);

  /** Inserts `entry` now (inside the transaction under way, if any). */
  const insertNow = (entry: NewInboxEntry): InsertResult => {
    for (;;) {
      const result = insert.run(
        entry.id,
        entry.event,
        entry.version,
        entry.payload,
        entry.source,
        entry.claim ? 'processing' : 'pending',
        entry.claim ? 1 : 0,
        entry.receivedAt,
        entry.receivedAt,
        entry.claim?.token ?? null,
        entry.claim?.leaseUntil ?? null,
        entry.receiver ?? null,
      );
      if (result.changes === 1) return { inserted: true };
      const row = select.get(entry.id) as InboxRow | undefined;
      // Released between our insert and read (outside a transaction): the slot is free again.
      if (row) return { inserted: false, existing: rowToEntry(row) };
    }
  };
  const transaction = <T>(fn: () => T): T => writeTransaction(db, fn);
  /**
   * Throws once a flush failed (see `flushFailed`): for arrivals and an operator's replays,
   * which promise durability. Releasing a claim (a deletion) stays possible.
   */
  const refuseAfterFlushFailure = () => {
    if (!flushFailed) return;
    throw new Error(
      `An earlier flush of the inbox to disk failed (${flushFailed.message}), so nothing more is written durably: fix the disk, then restart the process.`,
      { cause: flushFailed },
    );
  };
  /**
   * Group commit of arrivals on the store's own connection: the inserts made within a turn of
   * the event loop (or while a batch is written) share one transaction and one flush. A batch
   * in which one insert fails for its own fault runs again one by one, so that only it fails.
   */
  const insertTogether = createGroupCommit<NewInboxEntry, InsertResult>(async (entries) => {
    refuseAfterFlushFailure();
    // With a flusher, the commit need not wait for the disk: the flush after it does.
    durably(!flusher);
    let outcomes: BatchOutcome<InsertResult>[];
    try {
      outcomes = transaction(() =>
        entries.map((entry): BatchOutcome<InsertResult> => ({ ok: true, value: insertNow(entry) })),
      );
    } catch (batchError) {
      // SQLite could not get the commit onto the disk: the WAL is as broken as after our flush.
      if (owned && isSqliteIoError(batchError)) flushFailed ??= batchError as Error;
      // The lock, the disk: every entry would fail alike (and each would wait out the busy
      // timeout again). Only an entry's own fault (a constraint, a value) is worth isolating.
      if (entries.length === 1 || !entrysOwnFault(batchError)) throw batchError;
      outcomes = entries.map((entry): BatchOutcome<InsertResult> => {
        try {
          return { ok: true, value: transaction(() => insertNow(entry)) };
        } catch (error) {
          return { ok: false, error };
        }
      });
    }
    if (!flusher || !outcomes.some((outcome) => outcome.ok)) return outcomes;
    // Committed, but maybe not on disk: the sender must not be told it arrived.
    return flushCommitted(flusher, outcomes, (cause) => {
      flushFailed = cause;
      return new Error(
        `The event was stored but flushing it to disk failed (${cause.message}): it survives a process crash, perhaps not a power loss. Check the disk.`,
        { cause },
      );
    });
  });
  /** Inserts not yet settled: close() waits for them. */
  const inserting = new Set<Promise<InsertResult>>();

  return {
    insert(entry): Promise<InsertResult> {
      // A connection of the application's may have a transaction open: join it, as before.
      if (!owned) return new Promise((resolve) => resolve(insertNow(entry)));
      const inserted = insertTogether(entry);
      inserting.add(inserted);
      const forget = () => inserting.delete(inserted);
      inserted.then(forget, forget);
      return inserted;
    },
    async claim({ now, leaseMs, limit, token, receiver = null, takeOver = true }) {
      // SQLite reads a negative LIMIT as none at all.
      if (!(limit >= 1)) return [];
      durably(false);
      const rows = (
        takeOver
          ? claim.all(
              token,
              now + leaseMs,
              now,
              now,
              receiver,
              receiver,
              now,
              receiver,
              receiver,
              limit,
            )
          : claimPending.all(token, now + leaseMs, now, receiver, receiver, limit)
      ) as InboxRow[];
      return rows.map(rowToClaimed).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
    },
    async hasUnfinishedRuns({ now, receiver = null }) {
      return unfinished.get(now, receiver, receiver) !== undefined;
    },
    async claimEntry(id, { now, leaseMs, token, receiver = null }) {
      durably(false);
      const row = claimOne.get(token, now + leaseMs, id, now, now, receiver, receiver) as
        | InboxRow
        | undefined;
      return row ? rowToClaimed(row) : undefined;
    },
    async complete(id, token, now, response) {
      durably(false);
      return complete.run(now, response ?? null, id, token).changes === 1;
    },
    async fail(id, token, error, nextAttemptAt) {
      durably(false);
      return fail.run(JSON.stringify(error), nextAttemptAt, id, token).changes === 1;
    },
    async deadLetter(id, token, error, now) {
      durably(false);
      return dead.run(JSON.stringify(error), now, id, token).changes === 1;
    },
    async extendLease(id, token, leaseUntil) {
      durably(false);
      return extend.run(leaseUntil, id, token).changes === 1;
    },
    async release(id, token) {
      durably(true);
      return release.run(id, token).changes === 1;
    },
    async listDeadLetters(listOptions = {}) {
      return (listDead.all(listOptions.limit ?? -1) as InboxRow[]).map(rowToDeadLetter);
    },
    async replay(id, now) {
      refuseAfterFlushFailure();
      durably(true);
      return replay.run(now, id).changes === 1;
    },
    async requeueDead(id, now) {
      refuseAfterFlushFailure();
      durably(true);
      return requeueDead.run(now, id).changes === 1;
    },
    async get(id) {
      const row = select.get(id) as InboxRow | undefined;
      return row ? rowToEntry(row) : undefined;
    },
    async close() {
      await Promise.allSettled([...inserting]);
      await flusher?.close();
      if (owned && db.open) db.close();
    },
  };
}

/** An insert failed for something of its own (a constraint, a value), not the lock or the disk. */
function entrysOwnFault(error: unknown): boolean {
  const code = sqliteCode(error);
  return (
    code === undefined ||
    !code.startsWith('SQLITE_') ||
    /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(code)
  );
}

/**
 * Adds the columns later versions need ({@link addedInboxColumns}) to an inbox table created by
 * an earlier one. Rows stored before have no `receiver` and stay claimable by every receiver, as
 * they were, and count no unfinished runs.
 */
function addMissingColumns(db: SqliteDatabase, table: string): void {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
  for (const [name, type] of addedInboxColumns) {
    if (columns.some((column) => column.name === name)) continue;
    try {
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
    } catch (error) {
      // Another process sharing the file added it first.
      if (!/duplicate column/i.test(String((error as Error).message))) throw error;
    }
  }
}
