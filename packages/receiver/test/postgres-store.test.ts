import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiver } from '../src/index.js';
import { createPostgresStore, migratePostgres } from '../src/postgres/index.js';
import { describeStoreContract } from './store-contract.js';
import { exampleEvent } from './support/events.js';
import {
  createPool,
  dropSchema,
  type pg,
  startTestPostgres,
  type TestPostgres,
  uniqueSchema,
} from './support/postgres.js';
import { SECRET, signedHeaders, signedRequest } from './support/sign.js';
import {
  checkDeadLetterRedeliveryRace,
  checkLongProviderId,
  checkUnnamedRowsClaimable,
} from './support/store-scenarios.js';

let server: TestPostgres;
let pool: pg.Pool;
const schema = uniqueSchema('store');

beforeAll(async () => {
  server = await startTestPostgres();
  pool = createPool(server.connectionString, 8);
}, 60_000);

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
  await server.stop();
});

let n = 0;
describeStoreContract('postgres', async () => {
  n += 1;
  const store = createPostgresStore({ pool, schema, tablePrefix: `c${n}_` });
  await store.migrate();
  return { store, dispose: () => store.close() };
});

describe('postgres store', () => {
  it('takes what the other stores take: a fractional clock, odd provider ids, any dead-letter limit', async () => {
    const store = createPostgresStore({ pool, schema, tablePrefix: 'odd_' });
    await store.migrate();
    const receiver = createReceiver({ secret: SECRET, store, now: () => Date.now() + 0.5 });
    const accepted = await receiver.fetch(await signedRequest(exampleEvent('user.created', 1)));
    expect(accepted.status).toBe(200);
    // A verified provider body whose type holds a NUL: a 400 that says so, not a 503 forever.
    const provider = createReceiver({ secret: SECRET, store, parse: 'provider' });
    const body = JSON.stringify({ type: 'user.\u0000created', data: {} });
    const refused = await provider.fetch(
      new Request('http://x', {
        method: 'POST',
        headers: await signedHeaders(body, { id: 'msg_nul' }),
        body,
      }),
    );
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'missing_provider_type',
    );
    for (const limit of [-1, 1.5, 2 ** 63]) {
      await expect(receiver.deadLetters({ limit })).rejects.toMatchObject({
        code: 'invalid_options',
      });
    }
    expect(() => createReceiver({ secret: SECRET, store, worker: { leaseMs: 1500.5 } })).toThrow(
      expect.objectContaining({ code: 'invalid_options' }),
    );
    expect(await receiver.deadLetters({ limit: 10 })).toEqual([]);
  });

  it('migrate() is idempotent and safe to run from several processes at once', async () => {
    const options = { pool, schema, tablePrefix: 'mig_' };
    await Promise.all([
      migratePostgres(options),
      migratePostgres(options),
      migratePostgres(options),
    ]);
    await migratePostgres(options);
    const { rows } = await pool.query(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
      [schema, 'mig_inbox'],
    );
    expect(rows).toEqual([{ table_name: 'mig_inbox' }]);
  });

  /**
   * The inbox table as an earlier version's migrate() created it (no receiver column, or with
   * `withReceiver` the one before unfinished runs were counted), with one unnamed pending row,
   * `evt_old`.
   */
  const createPreviousInbox = async (table: string, withReceiver = false) => {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await pool.query(`CREATE TABLE "${schema}"."${table}" (
      id TEXT PRIMARY KEY, event TEXT NOT NULL, version INTEGER NOT NULL, payload TEXT NOT NULL,
      source TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
      received_at BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL, lease_token TEXT,
      lease_until BIGINT, last_error TEXT, response TEXT, completed_at BIGINT${withReceiver ? ', receiver TEXT' : ''})`);
    await pool.query(
      `INSERT INTO "${schema}"."${table}" (id, event, version, payload, source, status, received_at, next_attempt_at)
       VALUES ('evt_old', 'user.login', 1, '{}', 'push', 'pending', 5, 5)`,
    );
  };

  it('migrate() adds the receiver column to an inbox table created by an earlier version', async () => {
    await createPreviousInbox('old_inbox');
    const store = createPostgresStore({ pool, schema, tablePrefix: 'old_' });
    await Promise.all([store.migrate(), store.migrate()]);
    await checkUnnamedRowsClaimable(store);
  });

  it('adds the unfinished-runs column on first use to a table that already has the receiver column', async () => {
    await createPreviousInbox('runs_inbox', true);
    await checkUnnamedRowsClaimable(createPostgresStore({ pool, schema, tablePrefix: 'runs_' }));
  });

  it('replays a dead letter of such a table when replaying is the first thing it does', async () => {
    await createPreviousInbox('replay_inbox', true);
    await pool.query(`UPDATE "${schema}"."replay_inbox" SET status = 'dead' WHERE id = 'evt_old'`);
    const store = createPostgresStore({ pool, schema, tablePrefix: 'replay_' });
    expect(await store.replay('evt_old', 50)).toBe(true);
    expect(await store.get('evt_old')).toMatchObject({ status: 'pending', unfinishedRuns: 0 });
  });

  it('adds the receiver column itself on first use: a table from the previous version works without migrate() again (several processes at once)', async () => {
    await createPreviousInbox('prev_inbox');
    const poolA = createPool(server.connectionString);
    const poolB = createPool(server.connectionString);
    try {
      // Three "processes" start at once on the upgraded code; none runs migrate().
      const open = (p: pg.Pool) => createPostgresStore({ pool: p, schema, tablePrefix: 'prev_' });
      const stores = [open(poolA), open(poolB), open(poolB)];
      const first = await Promise.all(
        stores.map((store) =>
          store.claim({ now: 0, leaseMs: 100, limit: 10, token: 'early', receiver: 'shop' }),
        ),
      );
      expect(first).toEqual([[], [], []]);
      await checkUnnamedRowsClaimable(open(poolA));
      // A receiver on a store opened on such a table accepts and runs events.
      const receiver = createReceiver({
        secret: SECRET,
        store: createPostgresStore({ pool, schema, tablePrefix: 'prev_' }),
      });
      const handled: string[] = [];
      receiver.onAny((event) => {
        handled.push(event.id);
      });
      const event = exampleEvent('user.created', 1);
      expect((await receiver.fetch(await signedRequest(event))).status).toBe(200);
      await receiver.drain();
      expect(handled).toEqual([event.id]);
    } finally {
      await poolA.end();
      await poolB.end();
    }
  });

  it('two redeliveries of one dead letter queue it once: the handler does not run twice', async () => {
    const store = createPostgresStore({ pool, schema, tablePrefix: 'deadrace_' });
    await store.migrate();
    await checkDeadLetterRedeliveryRace(store);
  });

  it('answers 400 to a provider id longer than the limit instead of 503 forever (btree row size)', async () => {
    const store = createPostgresStore({ pool, schema, tablePrefix: 'longid_' });
    await store.migrate();
    await checkLongProviderId(store);
  });

  it('two pools ("two processes") draining one table concurrently never take the same event', async () => {
    const poolA = createPool(server.connectionString);
    const poolB = createPool(server.connectionString);
    try {
      const options = { schema, tablePrefix: 'conc_' };
      const a = createPostgresStore({ pool: poolA, ...options });
      const b = createPostgresStore({ pool: poolB, ...options });
      await a.migrate();
      const total = 200;
      for (let i = 0; i < total; i++) {
        await a.insert({
          id: `evt_conc_${i}`,
          event: 'user.login',
          version: 1,
          payload: '{}',
          source: 'push',
          receivedAt: i,
        });
      }
      const seen = new Map<string, string>();
      const duplicates: string[] = [];
      const drain = async (store: typeof a, who: string) => {
        for (;;) {
          const batch = await store.claim({
            now: 10_000,
            leaseMs: 60_000,
            limit: 5,
            token: `${who}-${Math.random()}`,
          });
          if (batch.length === 0) return;
          for (const entry of batch) {
            if (seen.has(entry.id)) duplicates.push(entry.id);
            seen.set(entry.id, who);
            expect(await store.complete(entry.id, entry.token, 10_001)).toBe(true);
          }
        }
      };
      await Promise.all([drain(a, 'a1'), drain(a, 'a2'), drain(b, 'b1'), drain(b, 'b2')]);
      expect(duplicates).toEqual([]);
      expect(seen.size).toBe(total);
      // Both "processes" did real work: SKIP LOCKED let them proceed side by side.
      const workers = new Set(seen.values());
      expect(workers.size).toBeGreaterThan(1);
    } finally {
      await poolA.end();
      await poolB.end();
    }
  });

  it('child processes sharing the database run each event exactly once', async () => {
    const tablePrefix = 'child_';
    const store = createPostgresStore({ pool, schema, tablePrefix });
    await store.migrate();
    const total = 60;
    for (let i = 0; i < total; i++) {
      await store.insert({
        id: `evt_child_${i}`,
        event: 'user.login',
        version: 1,
        payload: '{}',
        source: 'push',
        receivedAt: i,
      });
    }
    const script = fileURLToPath(new URL('./support/claim-worker.ts', import.meta.url));
    const runChild = () =>
      new Promise<string[]>((resolve, reject) => {
        const child = fork(script, [server.connectionString, schema, tablePrefix], {
          execArgv: ['--import', 'tsx'],
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        });
        let handled: string[] = [];
        child.on('message', (message) => {
          handled = message as string[];
        });
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve(handled) : reject(new Error(`worker exited with ${code}`)),
        );
      });
    const results = await Promise.all([runChild(), runChild(), runChild()]);
    const all = results.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(total);
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM "${schema}"."child_inbox" WHERE status = 'done' AND attempts = 1`,
    );
    expect(rows[0].n).toBe(total);
  }, 60_000);
});
