import type { Pool } from 'pg';
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
import type { InsertResult, ReceiverStore } from '../store.js';

/** The part of `pg.Pool` the store uses (a `pg.Pool` fits). */
export type PostgresQueryable = Pick<Pool, 'query'>;

/** Options for {@link createPostgresStore} and {@link migratePostgres}. */
export interface PostgresStoreOptions {
  /** A `pg` Pool shared by the app; the store never ends it. */
  pool: PostgresQueryable;
  /** Schema holding the table. Default: the connection's search_path (usually `public`). */
  schema?: string;
  /** Prefix for the table name (`<prefix>inbox`). Default `hookline_`. */
  tablePrefix?: string;
}

/**
 * A Postgres-backed store. Call `migrate()` once to create its table; a table created by an
 * earlier version gets the columns this version needs from the store itself, before its first
 * insert or claim, so upgrading needs no `migrate()` run.
 */
export interface PostgresStore extends ReceiverStore {
  /**
   * Creates the schema (if named), table and index when missing, and adds columns later versions
   * need to an existing table. Safe to run concurrently and repeatedly; run it on every start.
   */
  migrate(): Promise<void>;
  /** The fully qualified table name in use. */
  readonly table: string;
}

function tableName(options: PostgresStoreOptions): string {
  const name = `${checkIdentifier('tablePrefix', options.tablePrefix ?? 'hookline_')}inbox`;
  return options.schema === undefined
    ? `"${name}"`
    : `"${checkIdentifier('schema', options.schema)}"."${name}"`;
}

/**
 * Creates the inbox table (and schema) when missing, and adds the columns later versions need to
 * an existing one. Guarded by an advisory lock so several processes starting at once do not race
 * on `CREATE` or `ALTER`.
 *
 * @example
 * ```ts
 * await migratePostgres({ pool, tablePrefix: 'shop_' })
 * ```
 */
export async function migratePostgres(options: PostgresStoreOptions): Promise<void> {
  const table = tableName(options);
  const statements = [
    ...(options.schema === undefined ? [] : [`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`]),
    `CREATE TABLE IF NOT EXISTS ${table} (
      id TEXT PRIMARY KEY,
      event TEXT NOT NULL,
      version INTEGER NOT NULL,
      payload TEXT NOT NULL,
      source TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      received_at BIGINT NOT NULL,
      next_attempt_at BIGINT NOT NULL,
      lease_token TEXT,
      lease_until BIGINT,
      last_error TEXT,
      response TEXT,
      completed_at BIGINT,
      receiver TEXT,
      unfinished_runs INTEGER NOT NULL DEFAULT 0
    )`,
    ...addedColumns(table),
    `CREATE INDEX IF NOT EXISTS "${table.replaceAll('"', '').replace('.', '_')}_due" ON ${table} (status, next_attempt_at)`,
  ];
  await runLocked(options.pool, statements);
}

/**
 * Columns added after the table was first released ({@link addedInboxColumns}), for tables
 * created by earlier versions. Their rows stay unnamed (`receiver` NULL), claimable by every
 * receiver, as they were, and count no unfinished runs.
 */
function addedColumns(table: string): string[] {
  return addedInboxColumns.map(
    ([name, type]) => `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${name} ${type}`,
  );
}

/**
 * `body` (PL/pgSQL) in one transaction under an advisory lock, so several processes starting at
 * once do not race on `CREATE` or `ALTER`.
 */
function lockedBlock(body: string): string {
  return `DO $hookline$ BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('hookline_migrate'));
    ${body}
  END $hookline$`;
}

/** Each statement as a PL/pgSQL `EXECUTE`. */
const executeAll = (statements: readonly string[]): string =>
  statements.map((statement) => `EXECUTE ${quoteLiteral(statement)};`).join('\n    ');

/** Runs DDL statements in one {@link lockedBlock}. */
async function runLocked(pool: PostgresQueryable, statements: readonly string[]): Promise<void> {
  await pool.query(lockedBlock(executeAll(statements)));
}

/** SQL: the table (an SQL expression giving its name) exists and lacks an added column. */
const lacksAddedColumn = (table: string): string =>
  `to_regclass(${table}) IS NOT NULL AND (
     SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass(${table}) AND NOT attisdropped
       AND attname IN (${addedInboxColumns.map(([name]) => quoteLiteral(name)).join(', ')})
   ) < ${addedInboxColumns.length}`;

/**
 * Adds the columns of {@link addedColumns} to an existing table that lacks them (one created by
 * an earlier version, when `migrate()` was not run again). Only a table that lacks one is
 * altered: `ALTER TABLE` locks the table and needs its owner, even when there is nothing to add.
 * A missing table is left to `migrate()`.
 */
async function upgradeTable(pool: PostgresQueryable, table: string): Promise<void> {
  const { rows } = await pool.query<{ missing: boolean }>(
    `SELECT ${lacksAddedColumn('$1')} AS missing`,
    [table],
  );
  if (rows[0]?.missing !== true) return;
  try {
    // Checked again under the lock: a migrate() by the table's owner may have added it since,
    // and ALTER needs ownership even with IF NOT EXISTS.
    await pool.query(
      lockedBlock(
        `IF ${lacksAddedColumn(quoteLiteral(table))} THEN ${executeAll(addedColumns(table))} END IF;`,
      ),
    );
  } catch (error) {
    throw new Error(
      `The inbox table ${table} was created by an earlier version and lacks columns this version needs (${addedInboxColumns.map(([name]) => name).join(', ')}); adding them failed (${(error as Error).message}). ` +
        'Run store.migrate() once as a role that owns the table.',
      { cause: error },
    );
  }
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * The store for many receiver processes sharing one database. Work is claimed with
 * `FOR UPDATE SKIP LOCKED` under a lease, so concurrent workers never take the same event,
 * and a crashed worker's claims are taken over once the lease runs out.
 *
 * @example
 * ```ts
 * import pg from 'pg'
 * import { createReceiver } from '@hookline/receiver'
 * import { createPostgresStore } from '@hookline/receiver/postgres'
 *
 * const store = createPostgresStore({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) })
 * await store.migrate()
 * const receiver = createReceiver({ secret, store })
 * ```
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const { pool } = options;
  const table = tableName(options);
  const held = `WHERE id = $1 AND status = 'processing' AND lease_token = $2`;
  // Claimable at `now` ($1): pending and due, or processing under an expired lease; of the
  // receiver named in $5 (or unnamed), when one is.
  const due = `(${pendingAt('$1')} OR ${expiredAt('$1')}) AND ${ofReceiver('$5::text')}`;
  const takeWith = (counted: boolean) =>
    `SET ${unfinishedRunAssignment('t.', counted)}, status = 'processing', attempts = t.attempts + 1, lease_token = $3, lease_until = $4`;
  const take = takeWith(true);
  const rows = async (sql: string, values: unknown[]) =>
    (await pool.query<InboxRow>(sql, values)).rows;
  const changed = async (sql: string, values: unknown[]) =>
    ((await pool.query(sql, values)).rowCount ?? 0) > 0;
  // Once per store: a table of an earlier version gets the columns that inserts and claims use,
  // whether or not the app runs migrate() again after upgrading. Retried after a failure.
  let upgraded: Promise<void> | undefined;
  const upgrade = () =>
    (upgraded ??= upgradeTable(pool, table).catch((error: unknown) => {
      upgraded = undefined;
      throw error;
    }));
  const requeue = `UPDATE ${table} SET status = 'pending', attempts = 0, unfinished_runs = 0, next_attempt_at = $2, last_error = NULL, response = NULL, completed_at = NULL
    WHERE id = $1`;

  return {
    table,
    async migrate() {
      await migratePostgres(options);
      upgraded = Promise.resolve();
    },
    async insert(entry): Promise<InsertResult> {
      await upgrade();
      for (;;) {
        const inserted = await rows(
          `INSERT INTO ${table} (id, event, version, payload, source, status, attempts, received_at, next_attempt_at, lease_token, lease_until, receiver)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [
            entry.id,
            entry.event,
            entry.version,
            entry.payload,
            entry.source,
            entry.claim ? 'processing' : 'pending',
            entry.claim ? 1 : 0,
            entry.receivedAt,
            entry.claim?.token ?? null,
            entry.claim?.leaseUntil ?? null,
            entry.receiver ?? null,
          ],
        );
        if (inserted.length === 1) return { inserted: true };
        const [existing] = await rows(`SELECT * FROM ${table} WHERE id = $1`, [entry.id]);
        // Otherwise it was released between the two statements: try again.
        if (existing) return { inserted: false, existing: rowToEntry(existing) };
      }
    },
    async claim({ now, leaseMs, limit, token, receiver = null, takeOver = true }) {
      if (!(limit >= 1)) return [];
      await upgrade();
      const pick = takeOver
        ? // An entry under an expired lease goes alone (see ReceiverStore.claim): the oldest of
          // them, first in this order.
          `WHERE ${due}
           ORDER BY (status = 'processing') DESC, next_attempt_at
           LIMIT CASE WHEN EXISTS (
             SELECT 1 FROM ${table} WHERE ${expiredAt('$1')} AND ${ofReceiver('$5::text')}
           ) THEN 1 ELSE $2::bigint END`
        : `WHERE ${pendingAt('$1')} AND ${ofReceiver('$5::text')}
           ORDER BY next_attempt_at LIMIT $2`;
      const claimed = await rows(
        `WITH due AS (
           SELECT id FROM ${table}
           ${pick}
           FOR UPDATE SKIP LOCKED
         )
         UPDATE ${table} AS t
         ${take}
         FROM due WHERE t.id = due.id
         RETURNING t.*`,
        [now, limit, token, now + leaseMs, receiver],
      );
      return claimed.map(rowToClaimed).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
    },
    async hasUnfinishedRuns({ now, receiver = null }) {
      await upgrade();
      const found = await rows(
        `SELECT id FROM ${table} WHERE ${expiredAt('$1')} AND ${ofReceiver('$2::text')} LIMIT 1`,
        [now, receiver],
      );
      return found.length > 0;
    },
    async claimEntry(id, { now, leaseMs, token, receiver = null }) {
      await upgrade();
      // The row lock makes concurrent takers wait; the loser re-checks `due` and matches nothing.
      const [row] = await rows(
        // Sync mode's take-over: its run goes beside other requests, so it counts no unfinished run.
        `UPDATE ${table} AS t ${takeWith(false)} WHERE id = $2 AND ${due} RETURNING t.*`,
        [now, id, token, now + leaseMs, receiver],
      );
      return row ? rowToClaimed(row) : undefined;
    },
    async complete(id, token, now, response) {
      await upgrade();
      return changed(
        `UPDATE ${table} SET status = 'done', unfinished_runs = 0, completed_at = $3, response = COALESCE($4, response), lease_token = NULL, lease_until = NULL ${held}`,
        [id, token, now, response ?? null],
      );
    },
    async fail(id, token, error, nextAttemptAt) {
      await upgrade();
      return changed(
        `UPDATE ${table} SET status = 'pending', unfinished_runs = 0, last_error = $3, next_attempt_at = $4, lease_token = NULL, lease_until = NULL ${held}`,
        [id, token, JSON.stringify(error), nextAttemptAt],
      );
    },
    deadLetter(id, token, error, now) {
      return changed(
        `UPDATE ${table} SET status = 'dead', last_error = $3, completed_at = $4, lease_token = NULL, lease_until = NULL ${held}`,
        [id, token, JSON.stringify(error), now],
      );
    },
    extendLease(id, token, leaseUntil) {
      return changed(`UPDATE ${table} SET lease_until = $3 ${held}`, [id, token, leaseUntil]);
    },
    release(id, token) {
      return changed(`DELETE FROM ${table} ${held}`, [id, token]);
    },
    async listDeadLetters(listOptions = {}) {
      const dead = await rows(
        `SELECT * FROM ${table} WHERE status = 'dead' ORDER BY completed_at, id LIMIT $1`,
        [listOptions.limit ?? null],
      );
      return dead.map(rowToDeadLetter);
    },
    async replay(id, now) {
      await upgrade();
      return changed(`${requeue} AND status IN ('dead', 'done')`, [id, now]);
    },
    async requeueDead(id, now) {
      await upgrade();
      return changed(`${requeue} AND status = 'dead'`, [id, now]);
    },
    async get(id) {
      const [row] = await rows(`SELECT * FROM ${table} WHERE id = $1`, [id]);
      return row ? rowToEntry(row) : undefined;
    },
    async close() {},
  };
}
