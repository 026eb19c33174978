import { startTestPostgres as startSharedPostgres } from '@hookline/test-postgres';
import pg from 'pg';

export interface TestPostgres {
  /** A fresh database of its own on the test server. */
  connectionString: string;
  /** Drops that database, and stops the server when the harness started it. */
  stop(): Promise<void>;
  /** Where the server came from. */
  kind: 'external' | 'embedded';
}

/**
 * The Postgres the tests use (the shared harness, @hookline/test-postgres):
 * HOOKLINE_TEST_DATABASE_URL when set (CI), otherwise a throwaway embedded PostgreSQL.
 * Each call gets a database of its own.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const server = await startSharedPostgres();
  return {
    connectionString: await server.createDatabase(),
    kind: server.source,
    stop: () => server.stop(),
  };
}

/** A pool whose idle clients may see the server stop at the end of a run without crashing the test. */
export function createPool(connectionString: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => {});
  return pool;
}

/** A unique schema name for one test run, so parallel runs never collide. */
export function uniqueSchema(label: string): string {
  return `hl_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Drops a schema created by a test. */
export async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

export { pg };
