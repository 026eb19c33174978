import { startTestPostgres, type TestPostgres } from '@hookline/test-postgres';
import Database from 'libsql';
import pg from 'pg';

/** Raw SQL access to a platform's database, beside the platform (to inspect rows, add triggers). */
export interface RawDatabase {
  count(table: string, where?: string): Promise<number>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A storage backend the suites run against: a fresh database each time. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A `database` option for a new, empty database (undefined: the test platform's own SQLite file). */
  newDatabase(): Promise<string | undefined>;
  /** Opens raw access to the database of a platform. */
  open(database: string): RawDatabase;
  /** SQL that makes every insert into `table` fail. */
  failInserts(table: string): string;
  stop(): Promise<void>;
}

export const sqliteBackend: Backend = {
  name: 'sqlite',
  newDatabase: async () => undefined,
  open(path) {
    const db = new Database(path);
    return {
      async count(table, where = '1 = 1') {
        return Number(
          (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number })
            .n,
        );
      },
      async exec(sql) {
        db.exec(sql);
      },
      async close() {
        db.close();
      },
    };
  },
  failInserts: (table) =>
    `CREATE TRIGGER fail_${table} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'forced failure'); END`,
  stop: async () => {},
};

/** Real Postgres: HOOKLINE_TEST_DATABASE_URL when set, else an embedded one (@hookline/test-postgres). */
export function postgresBackend(): Backend {
  let server: Promise<TestPostgres> | undefined;
  return {
    name: 'postgres',
    async newDatabase() {
      server ??= startTestPostgres();
      return (await server).createDatabase();
    },
    open(url) {
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      // An idle client that the server ends (the throwaway database dropped at the end of the
      // suite while a connection still closes) reports it on the pool: without a listener that
      // is an uncaught exception that fails the run.
      pool.on('error', () => {});
      return {
        async count(table, where = '1 = 1') {
          const { rows } = await pool.query(
            `SELECT COUNT(*)::int AS n FROM ${table} WHERE ${where}`,
          );
          return Number(rows[0].n);
        },
        async exec(sql) {
          await pool.query(sql);
        },
        close: () => pool.end(),
      };
    },
    failInserts: (table) => `
      CREATE FUNCTION fail_${table}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER fail_${table} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION fail_${table}();`,
    async stop() {
      if (server) await (await server).stop();
    },
  };
}
