import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../src/index.js';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startTestPostgres with the configured server (or embedded when none is set)', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('gives each caller its own empty database that accepts writes', async () => {
    const first = await server.createDatabase();
    const second = await server.createDatabase();
    expect(first).not.toBe(second);
    await query(first, 'CREATE TABLE t (n int); INSERT INTO t VALUES (1)');
    const rows = await query<{ n: number }>(first, 'SELECT n FROM t');
    expect(rows).toEqual([{ n: 1 }]);
    const tables = await query<{ c: string }>(
      second,
      "SELECT count(*)::text AS c FROM information_schema.tables WHERE table_name = 't'",
    );
    expect(tables).toEqual([{ c: '0' }]);
  });
});

describe('startTestPostgres without HOOKLINE_TEST_DATABASE_URL', () => {
  it('starts a throwaway PostgreSQL, serves a database, and removes it on stop', async () => {
    const server = await startTestPostgres({ url: undefined });
    try {
      expect(server.source).toBe('embedded');
      const url = await server.createDatabase();
      const [row] = await query<{ v: string }>(
        url,
        "SELECT current_setting('server_version') AS v",
      );
      expect(row?.v).toMatch(/^\d+/);
    } finally {
      await server.stop();
    }
    await expect(query(server.url, 'SELECT 1')).rejects.toThrow();
  });
});
