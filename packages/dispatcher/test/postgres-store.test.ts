import { startTestPostgres, type TestPostgres } from '@hookline/test-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../src/index.js';
import { createPostgresStore } from '../src/postgres/index.js';
import { draftEvent } from './helpers/events.js';
import { startReceiver } from './helpers/receiver.js';
import { describeStoreContract } from './helpers/store-contract.js';
import { attempt, endpointRecord, storedEvent } from './helpers/store-records.js';

let server: TestPostgres;
let url: string;
let prefixes = 0;
const nextPrefix = () => `t${++prefixes}_${Date.now().toString(36)}_`;
/**
 * A pool of the test's own. An idle client that the server ends (the throwaway server stopping
 * while a client still closes) reports it on the pool: without a listener that is a crash.
 */
const testPool = (config: pg.PoolConfig = {}) => {
  const pool = new pg.Pool({ connectionString: url, ...config });
  pool.on('error', () => {});
  return pool;
};

beforeAll(async () => {
  server = await startTestPostgres();
  url = await server.createDatabase();
});
afterAll(async () => {
  await server?.stop();
});

/**
 * A store on a pool of the test's own, a dispatcher over it and one client of that pool to run
 * the caller's transactions on; all closed after `fn`.
 */
async function withCallerTransaction(
  options: { endpointLockTimeoutMs?: number },
  fn: (ctx: {
    pool: pg.Pool;
    store: ReturnType<typeof createPostgresStore>;
    dispatcher: ReturnType<typeof createDispatcher<pg.PoolClient>>;
    client: pg.PoolClient;
  }) => Promise<void>,
): Promise<void> {
  const pool = testPool();
  const store = createPostgresStore({ pool, tablePrefix: nextPrefix(), ...options });
  const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
  const client = await pool.connect();
  try {
    await fn({ pool, store, dispatcher, client });
  } finally {
    client.release();
    await store.close();
    await pool.end();
  }
}

describeStoreContract('postgres', async () => {
  const tablePrefix = nextPrefix();
  const store = createPostgresStore({ connectionString: url, tablePrefix });
  const peer = createPostgresStore({ connectionString: url, tablePrefix });
  return {
    store,
    peer,
    cleanup: async () => {
      await store.close();
      await peer.close();
    },
  };
});

describe('postgres store', () => {
  it('takes the same query numbers as the other stores: a fractional since, an odd limit', async () => {
    const store = createPostgresStore({ connectionString: url, tablePrefix: nextPrefix() });
    const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
    try {
      const endpoint = await dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/never' });
      await dispatcher.publish(draftEvent('user.created'));
      const since = Date.now() - 60_000 + 0.5;
      expect(await dispatcher.listDeliveries({ since, limit: 2.7 })).toHaveLength(1);
      expect(await dispatcher.countDeliveries({ since })).toHaveLength(1);
      expect(await dispatcher.replayFailed({ endpointId: endpoint.id, since })).toBe(0);
      await expect(dispatcher.listDeliveries({ since: Number.NaN })).rejects.toThrow(RangeError);
      await expect(dispatcher.listDeliveries({ limit: Number.NaN })).rejects.toThrow(/limit/);
      await expect(
        dispatcher.replayFailed({ endpointId: endpoint.id, since: new Date('nope') }),
      ).rejects.toThrow(/since must be a Date/);
    } finally {
      await store.close();
    }
  });

  it("warns at ready() when this process's clock is far from the database server's", async () => {
    const store = createPostgresStore({ connectionString: url, tablePrefix: nextPrefix() });
    const warnings: Array<{ message: string; fields: unknown }> = [];
    const logger = {
      warn: (message: string, fields?: unknown) => warnings.push({ message, fields }),
    };
    try {
      // In sync: nothing to say.
      await createDispatcher({ store, logger }).ready();
      expect(warnings).toEqual([]);
      // A minute ahead, past half of leaseMs - timeoutMs (30 s by default).
      await createDispatcher({ store, logger, clock: { now: () => Date.now() + 60_000 } }).ready();
      expect(warnings).toEqual([
        {
          message: expect.stringContaining('clock differs from the database'),
          fields: expect.objectContaining({ skewMs: expect.any(Number) }),
        },
      ]);
      expect((warnings[0]!.fields as { skewMs: number }).skewMs).toBeGreaterThan(55_000);
    } finally {
      await store.close();
    }
  });

  it('delivers with a clock and a lease that are not whole milliseconds, as the other stores do', async () => {
    // Postgres keeps times as bigint: a performance-based clock (1795791384123.456) or a
    // fractional timeoutMs (so leaseMs) must not fail every publish or claim.
    const store = createPostgresStore({ connectionString: url, tablePrefix: nextPrefix() });
    const receiver = await startReceiver();
    const dispatcher = createDispatcher({
      store,
      allow: { loopback: true, http: true },
      timeoutMs: 2500.5,
      clock: { now: () => performance.timeOrigin + performance.now() },
    });
    try {
      await dispatcher.createEndpoint({ url: receiver.url });
      await dispatcher.publish(draftEvent('user.created'));
      expect(await dispatcher.processDue()).toBe(1);
      expect(await dispatcher.listDeliveries()).toEqual([
        expect.objectContaining({ status: 'succeeded', attempts: 1 }),
      ]);
    } finally {
      await store.close();
      await receiver.close();
    }
  });

  it('never has two deliveries of one resource in flight on an ordered endpoint, across workers claiming at once', async () => {
    // Worker A's claim of the newer delivery a2 is slow to commit (a trigger stands in for a
    // loaded server) while the older a1 is replayed and worker B claims: B must see A's lease.
    const tablePrefix = nextPrefix();
    const slow = new URL(url);
    slow.searchParams.set('application_name', 'slow_claimer');
    const a = createPostgresStore({ connectionString: slow.toString(), tablePrefix });
    const b = createPostgresStore({ connectionString: url, tablePrefix });
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await a.init();
      await admin.query(`CREATE FUNCTION ${tablePrefix}slow() RETURNS trigger AS $$ BEGIN
          IF current_setting('application_name') = 'slow_claimer' AND NEW.lease_token IS NOT NULL
          THEN PERFORM pg_sleep(0.3); END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER slow AFTER UPDATE ON ${tablePrefix}deliveries
          FOR EACH ROW EXECUTE FUNCTION ${tablePrefix}slow();`);
      const endpoint = endpointRecord({ ordered: true });
      await b.createEndpoint(endpoint);
      const a1 = storedEvent('user.created', 'usr_A', 1000);
      const a2 = storedEvent('user.login', 'usr_A', 1001);
      await b.insertEvent(a1);
      await b.insertEvent(a2);
      const [first] = await b.claimDue({ now: 2000, limit: 10, leaseMs: 60_000 });
      await b.recordAttempt({
        leaseToken: first!.leaseToken,
        attempt: attempt(first!.delivery.id, 2000, 'succeeded'),
        next: { status: 'succeeded' },
        now: 2001,
      });
      const claimedByA = a.claimDue({ now: 3000, limit: 10, leaseMs: 60_000 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await b.requeue({ deliveryId: first!.delivery.id }, 3001);
      const claimedByB = await b.claimDue({ now: 3002, limit: 10, leaseMs: 60_000 });
      expect((await claimedByA).map((c) => c.event.id)).toEqual([a2.id]);
      expect(claimedByB).toEqual([]);
    } finally {
      await admin.end();
      await a.close();
      await b.close();
    }
  });

  it('refuses a pool as the transaction of a publish: only a client holds one', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const store = createPostgresStore({ pool, tablePrefix: nextPrefix() });
    const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
    try {
      await dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/never' });
      await expect(
        dispatcher.publish(draftEvent('user.created'), { tx: pool }),
      ).rejects.toMatchObject({ code: 'transaction_unsupported', message: /PoolClient/ });
      expect(await dispatcher.listDeliveries()).toEqual([]);
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('runs a transaction Postgres aborted to break a deadlock again: an outcome racing disableEndpoint', async () => {
    // recordAttempt locks the delivery, then the endpoint (failure run); disableEndpoint the
    // endpoint, then its deliveries. A pause before each one's second statement makes them
    // overlap for certain; the delivery's lease has expired, so disabling wants its row too.
    const pool = testPool({ max: 4 });
    const connect = pool.connect.bind(pool) as (callback?: unknown) => Promise<pg.PoolClient>;
    const secondStatement =
      /^UPDATE \S+endpoints SET failing_since|^UPDATE \S+deliveries SET status = 'failed'/;
    pool.connect = ((callback?: unknown) => {
      // pool.query() connects with a callback (and queries with one): not the store's writes.
      if (typeof callback === 'function') return connect(callback);
      return wrapped();
    }) as never;
    const slowed = new WeakSet<pg.PoolClient>();
    const wrapped = async () => {
      const client = await connect();
      if (slowed.has(client)) return client;
      slowed.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = (async (...args: unknown[]) => {
        // pool.query() passes a callback: leave that path alone.
        const [first] = args;
        const text = typeof first === 'string' ? first : (first as { text?: string }).text;
        if (typeof args.at(-1) !== 'function' && text && secondStatement.test(text)) {
          await new Promise((resolve) => setTimeout(resolve, 150));
        }
        return query(...args);
      }) as never;
      return client;
    };
    const store = createPostgresStore({ pool, tablePrefix: nextPrefix() });
    try {
      await store.init();
      const endpoint = endpointRecord();
      await store.createEndpoint(endpoint);
      await store.insertEvent(storedEvent('user.created', 'usr_1', 1000));
      const [claim] = await store.claimDue({ now: 2000, limit: 1, leaseMs: 1 });
      const results = await Promise.allSettled([
        store.recordAttempt({
          leaseToken: claim!.leaseToken,
          attempt: attempt(claim!.delivery.id, 2000, 'failed'),
          next: { status: 'pending', nextAttemptAt: 9000 },
          now: 2001,
        }),
        new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
          store.disableEndpoint(endpoint.id, 'failing', 2002),
        ),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(await store.getEndpoint(endpoint.id)).toMatchObject({ enabled: false });
      expect(await store.getDelivery(claim!.delivery.id)).toMatchObject({ status: 'failed' });
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('joins the caller transaction on a PoolClient: rollback leaves no event and no delivery, commit keeps both', async () => {
    const pool = testPool();
    const store = createPostgresStore({ pool, tablePrefix: nextPrefix() });
    const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
    try {
      await pool.query('CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY)');
      await dispatcher.createEndpoint({
        url: 'http://127.0.0.1:9/never',
        enabledEvents: ['payment.*'],
      });

      const client = await pool.connect();
      let rolledBack: string;
      let committed: string;
      try {
        await client.query('BEGIN');
        await client.query("INSERT INTO orders VALUES ('ord_rolled_back')");
        rolledBack = (await dispatcher.publish(draftEvent('payment.succeeded'), { tx: client }))
          .event.id;
        await client.query('ROLLBACK');

        await client.query('BEGIN');
        await client.query("INSERT INTO orders VALUES ('ord_committed')");
        committed = (await dispatcher.publish(draftEvent('payment.succeeded'), { tx: client }))
          .event.id;
        // Not visible to others before COMMIT.
        expect(await store.getEvent(committed)).toBeUndefined();
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      expect(await store.getEvent(rolledBack)).toBeUndefined();
      expect(await dispatcher.listDeliveries({ eventId: rolledBack })).toEqual([]);
      expect(await store.getEvent(committed)).toBeDefined();
      expect(await dispatcher.listDeliveries({ eventId: committed })).toHaveLength(1);
      expect((await pool.query('SELECT id FROM orders ORDER BY id')).rows).toEqual([
        { id: 'ord_committed' },
      ]);
    } finally {
      await pool.query('DROP TABLE IF EXISTS orders');
      await pool.end();
    }
  });

  it('deleting or disabling an endpoint waits for a publish still in its transaction: nothing is left behind', async () => {
    // The publish read the endpoints (both enabled) and planned a delivery to each, inside the
    // caller's transaction. Deleting and disabling must see those deliveries: a delete that ran
    // first would leave a delivery to an endpoint that no longer exists, a disable one pending
    // on a disabled endpoint instead of dead-lettered.
    await withCallerTransaction({}, async ({ pool, dispatcher, client }) => {
      const deleted = await dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/deleted' });
      const disabled = await dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/disabled' });
      await client.query('BEGIN');
      const { event, deliveries } = await dispatcher.publish(draftEvent('user.created'), {
        tx: client,
      });
      expect(deliveries).toBe(2);
      const settled: string[] = [];
      const changes = [
        dispatcher.deleteEndpoint(deleted.id).finally(() => settled.push('delete')),
        dispatcher.disableEndpoint(disabled.id).finally(() => settled.push('disable')),
      ];
      // Both wait on a lock (or, without the fence, are done) before the publish commits.
      const waiting = async () =>
        Number(
          (await pool.query<{ n: string }>('SELECT count(*) AS n FROM pg_locks WHERE NOT granted'))
            .rows[0]!.n,
        );
      for (let i = 0; i < 500 && settled.length + (await waiting()) < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await client.query('COMMIT');
      await Promise.all(changes);
      expect(await dispatcher.listDeliveries({ eventId: event.id })).toEqual([
        expect.objectContaining({ endpointId: disabled.id, status: 'failed' }),
      ]);
    });
  });

  it('a delete or disable waiting for an open publish transaction does not hold up other publishes', async () => {
    // Postgres queues new shared lock requests behind a waiting exclusive one: a disable that
    // waits in the lock queue would stall every publish until the open transaction ends.
    await withCallerTransaction(
      { endpointLockTimeoutMs: 3000 },
      async ({ pool, dispatcher, client }) => {
        const endpoint = await dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/x' });
        await client.query('BEGIN');
        await dispatcher.publish(draftEvent('user.created'), { tx: client });
        let settled = false;
        const disabling = dispatcher.disableEndpoint(endpoint.id).finally(() => {
          settled = true;
        });
        const queued = async () =>
          Number(
            (
              await pool.query<{ n: string }>(
                "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
              )
            ).rows[0]!.n,
          ) > 0;
        for (let i = 0; i < 200 && !(await queued()); i++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await dispatcher.publish(draftEvent('user.created'));
        expect(settled).toBe(false);
        await client.query('COMMIT');
        await disabling;
        expect(await dispatcher.getEndpoint(endpoint.id)).toMatchObject({ enabled: false });
      },
    );
  });

  it('refuses a publish in a REPEATABLE READ transaction that began before an endpoint was deleted: the caller retries', async () => {
    // Such a transaction reads the endpoints as they were when it began, fence or not.
    await withCallerTransaction({}, async ({ dispatcher, client }) => {
      const deleted = await dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/deleted' });
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await client.query('SELECT 1');
      await dispatcher.deleteEndpoint(deleted.id);
      await expect(
        dispatcher.publish(draftEvent('user.created'), { tx: client }),
      ).rejects.toMatchObject({
        code: 'store_failed',
        message: expect.stringContaining('retry the transaction'),
      });
      await client.query('ROLLBACK');
      expect(await dispatcher.listDeliveries({ endpointId: deleted.id })).toEqual([]);

      // The worker's bookkeeping on an endpoint (a failed attempt starts its failure run) is no
      // change to it: the publish goes through, and its open transaction holds no worker up.
      const failing = await dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/closed' });
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await client.query('SELECT 1');
      await dispatcher.publish(draftEvent('user.created'));
      expect(await dispatcher.processDue()).toBe(1);
      const { deliveries } = await dispatcher.publish(draftEvent('user.created'), { tx: client });
      expect(deliveries).toBe(1);
      await dispatcher.publish(draftEvent('user.created'));
      expect(await dispatcher.processDue()).toBe(1);
      await client.query('COMMIT');
      expect(await dispatcher.listDeliveries({ endpointId: failing.id })).toHaveLength(3);
    });
  });

  it("keeps the session's own lock_timeout for the rest of a delete after the fence", async () => {
    // An application pool with lock_timeout = 300 ms: a delete stuck behind a table lock fails
    // after 300 ms, as before the fence, instead of waiting without a limit.
    const pool = testPool();
    // Set by the application on connect (not a server default, which DEFAULT would restore).
    pool.on('connect', (client) => {
      void client.query('SET lock_timeout = 300');
    });
    const tablePrefix = nextPrefix();
    const store = createPostgresStore({ pool, tablePrefix });
    const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
    const holder = await pool.connect();
    try {
      const endpoint = await dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/x' });
      await holder.query('SET lock_timeout = 0');
      await holder.query(`BEGIN; LOCK TABLE ${tablePrefix}deliveries`);
      let settled = false;
      // Its outcome is caught at once: a rejection left unhandled while the test polls is a
      // failure of its own.
      const deleting = dispatcher.deleteEndpoint(endpoint.id).then(
        () => undefined,
        (error: unknown) => error,
      );
      void deleting.finally(() => {
        settled = true;
      });
      for (let i = 0; i < 500 && !settled; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // Failed on its own lock timeout while the table lock was still held.
      expect(settled).toBe(true);
      expect(await deleting).toMatchObject({
        code: 'store_failed',
        message: expect.stringContaining('lock timeout'),
      });
      await holder.query('ROLLBACK');
      expect(await dispatcher.getEndpoint(endpoint.id)).toBeDefined();
    } finally {
      holder.release();
      await store.close();
      await pool.end();
    }
  });

  it('logs a failed disable after a 410 as such (the outcome is recorded) and disables on the next 410', async () => {
    const pool = testPool();
    const store = createPostgresStore({
      pool,
      tablePrefix: nextPrefix(),
      endpointLockTimeoutMs: 200,
    });
    const receiver = await startReceiver();
    receiver.respond = (_req, res) => res.writeHead(410).end('gone');
    const logged: string[] = [];
    const operational: string[] = [];
    const dispatcher = createDispatcher({
      store,
      allow: { loopback: true, http: true },
      logger: {
        warn: (message) => logged.push(message),
        error: (message) => logged.push(message),
      },
      onOperationalEvent: (event) => {
        operational.push(event.type);
      },
    });
    const client = await pool.connect();
    try {
      const endpoint = await dispatcher.createEndpoint({ url: receiver.url });
      await dispatcher.publish(draftEvent('user.created'));
      await client.query('BEGIN');
      await dispatcher.publish(draftEvent('user.created'), { tx: client });
      expect(await dispatcher.processDue()).toBe(1);
      expect(logged).toContain(
        'disabling the endpoint failed; its next failed attempt tries again',
      );
      expect(logged.filter((m) => m.startsWith('recording a delivery attempt failed'))).toEqual([]);
      expect(await dispatcher.getEndpoint(endpoint.id)).toMatchObject({ enabled: true });
      await client.query('COMMIT');
      expect(await dispatcher.processDue()).toBe(1);
      expect(await dispatcher.getEndpoint(endpoint.id)).toMatchObject({
        enabled: false,
        disabledReason: 'gone',
      });
      expect(operational).toContain('endpoint.disabled');
    } finally {
      client.release();
      await store.close();
      await pool.end();
      await receiver.close();
    }
  });

  it('gives up deleting or disabling after endpointLockTimeoutMs while a publish transaction stays open, changing nothing', async () => {
    const pool = testPool();
    const store = createPostgresStore({
      pool,
      tablePrefix: nextPrefix(),
      endpointLockTimeoutMs: 100,
    });
    const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
    const client = await pool.connect();
    try {
      const endpoint = await dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/kept' });
      await client.query('BEGIN');
      await dispatcher.publish(draftEvent('user.created'), { tx: client });
      for (const change of [
        () => dispatcher.deleteEndpoint(endpoint.id),
        () => dispatcher.disableEndpoint(endpoint.id),
      ]) {
        await expect(change()).rejects.toMatchObject({
          code: 'store_failed',
          message: expect.stringContaining('endpointLockTimeoutMs'),
        });
      }
      await client.query('COMMIT');
      expect(await dispatcher.getEndpoint(endpoint.id)).toMatchObject({ enabled: true });
      expect(await dispatcher.listDeliveries({ endpointId: endpoint.id })).toEqual([
        expect.objectContaining({ status: 'pending' }),
      ]);
      // Once the publish committed, the same change goes through.
      await dispatcher.deleteEndpoint(endpoint.id);
      expect(await dispatcher.listDeliveries({ endpointId: endpoint.id })).toEqual([]);
    } finally {
      client.release();
      await store.close();
      await pool.end();
    }
    expect(() => createPostgresStore({ connectionString: url, endpointLockTimeoutMs: 0 })).toThrow(
      /endpointLockTimeoutMs/,
    );
  });

  it('two pools claiming in parallel from one database never lease the same delivery twice', async () => {
    const tablePrefix = nextPrefix();
    const a = createPostgresStore({ connectionString: url, tablePrefix, max: 4 });
    const b = createPostgresStore({ connectionString: url, tablePrefix, max: 4 });
    try {
      await a.init();
      await a.createEndpoint(endpointRecord());
      await a.createEndpoint(endpointRecord());
      const total = 300;
      for (let i = 0; i < total / 2; i++)
        await a.insertEvent(storedEvent('user.created', `usr_${i}`, 1000));
      const claimedBy = new Map<string, string>();
      const duplicates: string[] = [];
      const worker = async (name: string, store: typeof a) => {
        for (;;) {
          const claims = await store.claimDue({ now: 2000, limit: 5, leaseMs: 60_000 });
          if (claims.length === 0) return;
          for (const claim of claims) {
            if (claimedBy.has(claim.delivery.id)) duplicates.push(claim.delivery.id);
            claimedBy.set(claim.delivery.id, name);
            await store.recordAttempt({
              leaseToken: claim.leaseToken,
              attempt: attempt(claim.delivery.id, 2000, 'succeeded'),
              next: { status: 'succeeded' },
              now: 2001,
            });
          }
        }
      };
      await Promise.all([worker('a1', a), worker('a2', a), worker('b1', b), worker('b2', b)]);
      expect(duplicates).toEqual([]);
      expect(claimedBy.size).toBe(total);
      // Both pools did a share of the work.
      const byPool = [...claimedBy.values()].reduce(
        (acc, name) => acc.set(name[0]!, (acc.get(name[0]!) ?? 0) + 1),
        new Map<string, number>(),
      );
      expect(byPool.get('a')).toBeGreaterThan(0);
      expect(byPool.get('b')).toBeGreaterThan(0);
      expect(await a.listDeliveries({ status: 'pending', limit: 1000 })).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('two dispatchers sharing one database deliver every event exactly once to a real receiver', async () => {
    const tablePrefix = nextPrefix();
    const receiver = await startReceiver();
    const stores = [1, 2].map(() =>
      createPostgresStore({ connectionString: url, tablePrefix, max: 4 }),
    );
    const make = (store: (typeof stores)[number]) =>
      createDispatcher({
        store,
        allow: { loopback: true, http: true },
        pollIntervalMs: 20,
        concurrency: 8,
      });
    const one = make(stores[0]!);
    const two = make(stores[1]!);
    try {
      await one.createEndpoint({ url: receiver.url });
      const ids = new Set<string>();
      for (let i = 0; i < 120; i++)
        ids.add((await one.publish(draftEvent('user.created'))).event.id);
      await Promise.all([one.start(), two.start()]);
      await receiver.waitFor(120, 20_000);
      // Give a would-be duplicate a moment to show up before counting.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const got = receiver.received.map((r) => r.id);
      expect(got.length).toBe(120);
      expect(new Set(got)).toEqual(ids);
    } finally {
      await one.stop();
      await two.stop();
      for (const store of stores) await store.close();
      await receiver.close();
    }
  });

  it.each([
    ['a lower-case', ''],
    ['a mixed-case', 'Mx'],
  ])(
    'wakes a worker in another process on commit (LISTEN/NOTIFY) instead of waiting for its next poll (%s table prefix)',
    async (_case, lead) => {
      const tablePrefix = `${lead}${nextPrefix()}`;
      const receiver = await startReceiver();
      const publisherStore = createPostgresStore({ connectionString: url, tablePrefix, max: 2 });
      const workerStore = createPostgresStore({ connectionString: url, tablePrefix, max: 2 });
      const publisher = createDispatcher({
        store: publisherStore,
        allow: { loopback: true, http: true },
      });
      // A poll interval far longer than the test: only a notification can trigger the delivery.
      const worker = createDispatcher({
        store: workerStore,
        allow: { loopback: true, http: true },
        pollIntervalMs: 600_000,
      });
      try {
        await publisher.createEndpoint({ url: receiver.url });
        await worker.start();
        await new Promise((resolve) => setTimeout(resolve, 100)); // the first (empty) poll is over
        const pool = new pg.Pool({ connectionString: url, max: 1 });
        const client = await pool.connect();
        await client.query('BEGIN');
        const { event } = await publisher.publish(draftEvent('user.created'), { tx: client });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(receiver.received).toEqual([]); // not committed yet: nothing to see
        await client.query('COMMIT');
        client.release();
        await pool.end();
        await receiver.waitFor(1, 10_000);
        expect(receiver.received[0]?.id).toBe(event.id);
      } finally {
        await worker.stop();
        await publisherStore.close();
        await workerStore.close();
        await receiver.close();
      }
    },
  );

  it.each([
    { session: undefined, publishes: undefined },
    { session: 'off', publishes: 'local' },
    { session: 'remote_apply', publishes: 'remote_apply' },
  ])(
    'commits publishes, endpoint changes and replays waiting for the WAL flush, worker bookkeeping (claims, outcomes) without (session level $session)',
    async ({ session, publishes }) => {
      const tablePrefix = nextPrefix();
      const receiver = await startReceiver();
      // A session level as a server, database or role setting would give it.
      const pool = new pg.Pool({
        connectionString: url,
        max: 4,
        ...(session === undefined ? {} : { options: `-c synchronous_commit=${session}` }),
      });
      const store = createPostgresStore({ pool, tablePrefix });
      const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
      try {
        await store.init();
        // Triggers note the synchronous_commit each write ran under.
        const audit = `${tablePrefix}audit`;
        await pool.query(`CREATE TABLE ${audit} (tbl TEXT, op TEXT, level TEXT)`);
        await pool.query(`CREATE FUNCTION ${audit}_note() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO ${audit} VALUES (TG_TABLE_NAME, TG_OP, current_setting('synchronous_commit'));
          RETURN NULL;
        END $$`);
        for (const table of ['endpoints', 'events', 'deliveries', 'attempts']) {
          await pool.query(
            `CREATE TRIGGER note AFTER INSERT OR UPDATE ON ${tablePrefix}${table} FOR EACH ROW EXECUTE FUNCTION ${audit}_note()`,
          );
        }
        await dispatcher.createEndpoint({ url: receiver.url });
        const { event } = await dispatcher.publish(draftEvent('user.created'));
        expect(await dispatcher.processDue()).toBe(1);
        // A replay (a durable change, like publishing): the delivery goes back in the queue.
        expect(await dispatcher.replayEvent(event.id)).toBe(1);
        const { rows } = await pool.query<{ tbl: string; op: string; level: string }>(
          `SELECT tbl, op, level FROM ${audit}`,
        );
        const level = (tbl: string, op: string) =>
          rows.filter((r) => r.tbl === `${tablePrefix}${tbl}` && r.op === op).map((r) => r.level);
        // Publishes, endpoint changes and replays keep the session's level when it flushes ('on'
        // by default, or stronger), and raise 'off' to 'local': they resolve once durable.
        const { rows: setting } = await pool.query<{ synchronous_commit: string }>(
          'SHOW synchronous_commit',
        );
        expect(setting[0]!.synchronous_commit).toBe(session ?? setting[0]!.synchronous_commit);
        const expected = publishes ?? setting[0]!.synchronous_commit;
        expect(expected).not.toBe('off');
        expect(level('endpoints', 'INSERT')).toEqual([expected]);
        expect(level('events', 'INSERT')).toEqual([expected]);
        expect(level('deliveries', 'INSERT')).toEqual([expected]);
        // The lease (claim) and the outcome without a flush of their own; the replay with one.
        expect(level('deliveries', 'UPDATE')).toEqual(['off', 'off', expected]);
        expect(level('attempts', 'INSERT')).toEqual(['off']);
      } finally {
        await store.close();
        await pool.end();
        await receiver.close();
      }
    },
  );

  it('runs publishes and outcomes as prepared statements on its own connections, unless told not to', async () => {
    for (const prepareStatements of [true, false]) {
      const tablePrefix = nextPrefix();
      // One connection: the statements the store prepared are visible to the next query on it.
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      const store = createPostgresStore({ pool, tablePrefix, prepareStatements });
      try {
        await store.createEndpoint(endpointRecord());
        await store.insertEvent(storedEvent('user.created', 'usr_1', 1000));
        // What a pooler in transaction mode does to a session between transactions.
        await pool.query('DEALLOCATE ALL');
        if (prepareStatements) {
          // The driver still thinks they are prepared: a pooler like that needs the option.
          await expect(
            store.insertEvent(storedEvent('user.created', 'usr_2', 1000)),
          ).rejects.toMatchObject({ code: 'store_failed' });
        } else {
          await store.insertEvent(storedEvent('user.created', 'usr_2', 1000));
        }
        const [claim] = await store.claimDue({ now: 1000, limit: 1, leaseMs: 60_000 });
        await store.recordAttempt({
          leaseToken: claim!.leaseToken,
          attempt: attempt(claim!.delivery.id, 1001, 'succeeded'),
          next: { status: 'succeeded' },
          now: 1002,
        });
        const { rows } = await pool.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_prepared_statements WHERE name LIKE 'hookline\\_%'",
        );
        expect(Number(rows[0]?.n) > 0).toBe(prepareStatements);
        expect((await store.getDelivery(claim!.delivery.id))?.status).toBe('succeeded');
      } finally {
        await store.close();
        await pool.end();
      }
    }
  });

  it('leaves room on the deliveries pages (fillfactor 70) so a lease is a HOT update', async () => {
    const tablePrefix = nextPrefix();
    const store = createPostgresStore({ connectionString: url, tablePrefix });
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await store.init();
      const { rows } = await pool.query<{ reloptions: string[] | null }>(
        'SELECT reloptions FROM pg_class WHERE relname = $1',
        [`${tablePrefix}deliveries`],
      );
      expect(rows[0]?.reloptions).toEqual(['fillfactor=70']);
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('leaves its connection usable after a claim fails halfway (the transaction is rolled back)', async () => {
    const tablePrefix = nextPrefix();
    // One connection: the claim after the failed one must get the very same session.
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const store = createPostgresStore({ pool, tablePrefix });
    try {
      await store.createEndpoint(endpointRecord());
      await store.insertEvent(storedEvent('user.created', 'usr_1', 1000));
      await pool.query(`CREATE FUNCTION ${tablePrefix}refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'refused by test'; END $$`);
      await pool.query(
        `CREATE TRIGGER refuse BEFORE UPDATE ON ${tablePrefix}deliveries FOR EACH ROW EXECUTE FUNCTION ${tablePrefix}refuse()`,
      );
      await expect(store.claimDue({ now: 1000, limit: 10, leaseMs: 60_000 })).rejects.toMatchObject(
        { code: 'store_failed', message: expect.stringContaining('refused by test') },
      );
      await pool.query(`DROP TRIGGER refuse ON ${tablePrefix}deliveries`);
      const claims = await store.claimDue({ now: 1000, limit: 10, leaseMs: 60_000 });
      expect(claims.map((c) => c.event.resourceId)).toEqual(['usr_1']);
    } finally {
      await store.close();
      await pool.end();
    }
  });
});
