import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eventually } from '@hookline/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../src/postgres/index.js';
import { deliver } from './support/deliveries.js';
import { exampleEvent } from './support/events.js';
import {
  createPool,
  dropSchema,
  type pg,
  startTestPostgres,
  type TestPostgres,
  uniqueSchema,
} from './support/postgres.js';

let server: TestPostgres;
let pool: pg.Pool;
const schema = uniqueSchema('mp');

beforeAll(async () => {
  server = await startTestPostgres();
  pool = createPool(server.connectionString);
  await migratePostgres({ pool, schema, tablePrefix: 'mp_' });
  await pool.query(`CREATE TABLE "${schema}".handled (id TEXT PRIMARY KEY, pid INTEGER NOT NULL)`);
}, 60_000);

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
  await server.stop();
});

function startReceiverProcess(): Promise<{ child: ChildProcess; url: string }> {
  const script = fileURLToPath(new URL('./support/receiver-process.ts', import.meta.url));
  const child = fork(script, [server.connectionString, schema], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => {
      resolve({ child, url: `http://127.0.0.1:${(message as { port: number }).port}/webhooks` });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`receiver process exited early (${code})`)));
  });
}

function stopReceiverProcess(child: ChildProcess): Promise<string[]> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { errors: string[] }).errors));
    child.send('stop');
  });
}

describe('receivers in separate processes sharing one Postgres', () => {
  it('every event delivered to both processes is acknowledged by both and handled exactly once', async () => {
    const processes = await Promise.all([startReceiverProcess(), startReceiverProcess()]);
    try {
      const events = Array.from({ length: 40 }, () => exampleEvent('payment.succeeded', 2));
      const responses = await Promise.all(
        events.flatMap((event) => processes.map(({ url }) => deliver(url, event))),
      );
      expect(responses.map((r) => r.status).every((s) => s === 200)).toBe(true);
      const bodies = await Promise.all(
        responses.map((r) => r.json() as Promise<{ duplicate?: boolean }>),
      );
      // Exactly one of the two deliveries of each event was new.
      expect(bodies.filter((b) => b.duplicate !== true)).toHaveLength(events.length);
      await eventually(
        async () => {
          const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".handled`);
          return rows[0].n === events.length ? true : undefined;
        },
        'both processes together to handle every event',
        20_000,
      );
    } finally {
      const errors = (
        await Promise.all(processes.map(({ child }) => stopReceiverProcess(child)))
      ).flat();
      expect(errors).toEqual([]);
    }
    const { rows } = await pool.query(`SELECT id FROM "${schema}".handled ORDER BY id`);
    expect(rows).toHaveLength(40);
    const { rows: inbox } = await pool.query(
      `SELECT count(*)::int AS n FROM "${schema}".mp_inbox WHERE status = 'done' AND attempts = 1`,
    );
    expect(inbox[0].n).toBe(40);
  }, 60_000);
});
