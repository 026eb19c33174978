import { createPostgresStore } from '@hookline/dispatcher/postgres';
import pg from 'pg';
import {
  dispatcherTablePrefix,
  type PlatformDatabase,
  type Queryable,
  type SqlValue,
  type Transaction,
} from './database.js';

const placeholders = new Map<string, string>();

/** `?` placeholders to `$1, $2, ...` (the platform's SQL has no `?` inside literals). */
function toPostgres(sql: string): string {
  let converted = placeholders.get(sql);
  if (converted === undefined) {
    let n = 0;
    converted = sql.replace(/\?/g, () => `$${++n}`);
    placeholders.set(sql, converted);
  }
  return converted;
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(toPostgres(sql), params as SqlValue[])).rows as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(toPostgres(sql), params as SqlValue[])).rows[0] as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(toPostgres(sql), params as SqlValue[])).rowCount ?? 0,
  };
}

/** A fixed key for `pg_advisory_xact_lock`: orders event-emitting transactions. */
const eventOrderLock = 0x686f6f6b;

/**
 * Postgres (`pg` pool): the platform's tables and the dispatcher store in one database;
 * `publish(event, { tx: client })` joins the transaction on the same `PoolClient`.
 */
export function openPostgresDatabase(connectionString: string, max = 10): PlatformDatabase {
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection the server drops must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const store = createPostgresStore({ pool, tablePrefix: dispatcherTablePrefix });
  return {
    kind: 'postgres',
    ...queryable(pool),
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ ...queryable(client), handle: client });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async lockEventOrder(tx) {
      await tx.run('SELECT pg_advisory_xact_lock(?)', [eventOrderLock]);
    },
    dispatcherStore: store as PlatformDatabase['dispatcherStore'],
    close: async () => {
      await store.close();
      await pool.end();
    },
  };
}
