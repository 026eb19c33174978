import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type PublishInput } from '../src/index.js';
import { createSqliteStore, type SqliteDatabase } from '../src/sqlite/index.js';
import { draftEvent } from './helpers/events.js';
import { describeStoreContract } from './helpers/store-contract.js';
import { tempDir } from './helpers/temp-dir.js';

describeStoreContract('sqlite (file, WAL)', async () => {
  const dir = tempDir();
  const path = join(dir.path, 'hookline.db');
  const store = createSqliteStore({ path });
  const peer = createSqliteStore({ path });
  return {
    store,
    peer,
    cleanup: async () => {
      await store.close();
      await peer.close();
      dir.remove();
    },
  };
});

describe('sqlite store with the application database', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  let app: SqliteDatabase & { transaction<F extends () => unknown>(fn: F): () => ReturnType<F> };
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, 'app.db');
    app = new Database(path) as unknown as typeof app;
    app.exec('CREATE TABLE orders (id TEXT PRIMARY KEY, paid INTEGER NOT NULL)');
  });
  afterEach(() => {
    app.close();
    dir.remove();
  });

  const setup = async () => {
    const store = createSqliteStore({ path });
    const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
    await dispatcher.createEndpoint({
      url: 'http://127.0.0.1:9/never',
      enabledEvents: ['payment.*'],
    });
    return { store, dispatcher };
  };

  it('with the application’s connection ({ database }), its own writes wait for the application’s transaction instead of joining it', async () => {
    const store = createSqliteStore({ database: app });
    const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
    await dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/never' });
    app.exec('BEGIN IMMEDIATE');
    app.prepare('INSERT INTO orders VALUES (?, 1)').run('ord_rolled_back');
    // Not a { tx } publish: it must commit on its own, whatever the application does.
    const publishing = dispatcher.publish(draftEvent('user.created'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    app.exec('ROLLBACK');
    const { event } = await publishing;
    expect(await store.getEvent(event.id)).toBeDefined();
    // Reads do not wait: they may run inside the application's transaction.
    app.exec('BEGIN IMMEDIATE');
    try {
      expect(await dispatcher.getDelivery('dlv_missing')).toBeUndefined();
      expect(await dispatcher.listEndpoints()).toHaveLength(1);
    } finally {
      app.exec('ROLLBACK');
    }
    expect(app.prepare('SELECT count(*) AS n FROM orders').get()).toMatchObject({ n: 0 });
  });

  it('gives up with store_failed when the application holds its transaction past busyTimeoutMs', async () => {
    const store = createSqliteStore({ database: app, busyTimeoutMs: 50 });
    const dispatcher = createDispatcher({ store });
    await dispatcher.ready();
    app.exec('BEGIN IMMEDIATE');
    try {
      await expect(dispatcher.publish(draftEvent('user.created'))).rejects.toMatchObject({
        code: 'store_failed',
        message: expect.stringContaining('transaction'),
      });
    } finally {
      app.exec('ROLLBACK');
    }
  });

  it.each([Number.NaN, -1, 1.5, Number.POSITIVE_INFINITY])(
    'refuses busyTimeoutMs %s with a RangeError naming it',
    (busyTimeoutMs) => {
      expect(() => createSqliteStore({ database: app, busyTimeoutMs })).toThrow(
        expect.objectContaining({
          name: 'RangeError',
          message: expect.stringContaining('busyTimeoutMs'),
        }),
      );
    },
  );

  it('switches the file to WAL mode', async () => {
    const { store } = await setup();
    // A connection opened afterwards sees the file's persistent journal mode.
    const fresh = new Database(path);
    const mode = fresh.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
    fresh.close();
    expect(mode.journal_mode).toBe('wal');
    await store.close();
  });

  it('publishes inside BEGIN…COMMIT on the caller connection: commit keeps state and event together', async () => {
    const { store, dispatcher } = await setup();
    app.exec('BEGIN IMMEDIATE');
    app.prepare('INSERT INTO orders VALUES (?, 1)').run('ord_1');
    const published = await dispatcher.publish(draftEvent('payment.succeeded', 2), { tx: app });
    app.exec('COMMIT');
    expect(published.deliveries).toBe(1);
    expect(await dispatcher.listDeliveries({ eventId: published.event.id })).toHaveLength(1);
    expect(app.prepare('SELECT count(*) AS n FROM orders').get()).toMatchObject({ n: 1 });
    await store.close();
  });

  it('rolls back the event with the state change: no event, no delivery', async () => {
    const { store, dispatcher } = await setup();
    app.exec('BEGIN IMMEDIATE');
    app.prepare('INSERT INTO orders VALUES (?, 1)').run('ord_1');
    const published = await dispatcher.publish(draftEvent('payment.succeeded', 2), { tx: app });
    app.exec('ROLLBACK');
    expect(await store.getEvent(published.event.id)).toBeUndefined();
    expect(await dispatcher.listDeliveries({})).toEqual([]);
    expect(await store.claimDue({ now: Date.now() + 1000, limit: 10, leaseMs: 1000 })).toEqual([]);
    expect(app.prepare('SELECT count(*) AS n FROM orders').get()).toMatchObject({ n: 0 });
    await store.close();
  });

  it('works inside a synchronous db.transaction(fn), and a throw inside it rolls the event back', async () => {
    const { store, dispatcher } = await setup();
    let kept: Promise<unknown> = Promise.resolve();
    app.transaction(() => {
      app.prepare('INSERT INTO orders VALUES (?, 1)').run('ord_ok');
      kept = dispatcher.publish(draftEvent('payment.succeeded', 2, 'pay_kept'), { tx: app });
    })();
    await kept;
    let lost: Promise<unknown> = Promise.resolve();
    expect(() =>
      app.transaction(() => {
        app.prepare('INSERT INTO orders VALUES (?, 1)').run('ord_bad');
        lost = dispatcher.publish(draftEvent('payment.succeeded', 2, 'pay_lost'), { tx: app });
        throw new Error('payment provider said no');
      })(),
    ).toThrow('payment provider said no');
    await lost;
    const deliveries = await dispatcher.listDeliveries({});
    expect(deliveries.map((d) => d.resourceId)).toEqual(['pay_kept']);
    await store.close();
  });

  it('throws synchronously inside db.transaction(fn) when the event is invalid, so neither the row nor the event is kept', async () => {
    const { store, dispatcher } = await setup();
    const invalid = { ...draftEvent('payment.succeeded', 2, 'pay_bad'), metadata: { amount: 'x' } };
    let returned: unknown;
    expect(() =>
      app.transaction(() => {
        app.prepare('INSERT INTO orders VALUES (?, 1)').run('ord_invalid');
        returned = dispatcher.publish(invalid as unknown as PublishInput, { tx: app });
      })(),
    ).toThrow(expect.objectContaining({ code: 'invalid_event' }));
    expect(returned).toBeUndefined();
    expect(app.prepare('SELECT count(*) AS n FROM orders').get()).toMatchObject({ n: 0 });
    expect(await dispatcher.listDeliveries({})).toEqual([]);
    await store.close();
  });

  it('throws synchronously inside db.transaction(fn) when the write fails (duplicate event id), rolling the state change back', async () => {
    const { store, dispatcher } = await setup();
    const first = await dispatcher.publish(draftEvent('payment.succeeded', 2, 'pay_first'));
    expect(() =>
      app.transaction(() => {
        app.prepare('INSERT INTO orders VALUES (?, 1)').run('ord_dup');
        void dispatcher.publish(
          {
            ...draftEvent('payment.succeeded', 2, 'pay_second'),
            id: first.event.id,
          } as PublishInput,
          { tx: app },
        );
      })(),
    ).toThrow(expect.objectContaining({ code: 'invalid_event' }));
    expect(app.prepare('SELECT count(*) AS n FROM orders').get()).toMatchObject({ n: 0 });
    const deliveries = await dispatcher.listDeliveries({});
    expect(deliveries.map((d) => d.resourceId)).toEqual(['pay_first']);
    await store.close();
  });

  it('returns an already settled promise from a publish inside db.transaction(fn)', async () => {
    const { store, dispatcher } = await setup();
    let settled = false;
    app.transaction(() => {
      app.prepare('INSERT INTO orders VALUES (?, 1)').run('ord_settled');
      void dispatcher
        .publish(draftEvent('payment.succeeded', 2, 'pay_settled'), { tx: app })
        .then(() => {
          settled = true;
        });
    })();
    await Promise.resolve();
    expect(settled).toBe(true);
    expect((await dispatcher.listDeliveries({})).map((d) => d.resourceId)).toEqual(['pay_settled']);
    await store.close();
  });

  it('refuses a { tx } on a connection to another database: the event would never leave it', async () => {
    const { store, dispatcher } = await setup();
    const elsewhere = new Database(join(dir.path, 'other.db'));
    const memory = new Database(':memory:');
    try {
      for (const [other, says] of [
        [elsewhere, 'app.db'],
        [memory, 'in-memory database'],
      ] as const) {
        other.exec('BEGIN IMMEDIATE');
        // Thrown at once, like every failure of a { tx } publish on SQLite (see above).
        expect(() => dispatcher.publish(draftEvent('payment.succeeded', 2), { tx: other })).toThrow(
          expect.objectContaining({
            code: 'transaction_unsupported',
            message: expect.stringContaining(says),
          }),
        );
        other.exec('ROLLBACK');
        // Nothing was written there, not even the tables.
        expect(
          other.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'hookline_%'").all(),
        ).toEqual([]);
      }
      expect(await dispatcher.listDeliveries({})).toEqual([]);
      // The right file through another path to it (a symlink) is the same database.
      symlinkSync(dir.path, join(dir.path, 'link'));
      const same = new Database(join(dir.path, 'link', 'app.db'));
      same.exec('BEGIN IMMEDIATE');
      const published = await dispatcher.publish(draftEvent('payment.succeeded', 2), { tx: same });
      same.exec('COMMIT');
      same.close();
      expect(published.deliveries).toBe(1);
    } finally {
      elsewhere.close();
      memory.close();
      await store.close();
    }
  });

  it('takes a { tx } on its database given as a file: URI, and in memory only its own connection', async () => {
    // Before the store opened its own connection, the URI is all it knows of its file.
    const uri = createSqliteStore({ path: `file:${path}?cache=private` });
    const viaUri = createDispatcher({ store: uri });
    app.exec('BEGIN IMMEDIATE');
    const published = await viaUri.publish(draftEvent('user.created'), { tx: app });
    app.exec('COMMIT');
    expect((await uri.getEvent(published.event.id))?.id).toBe(published.event.id);
    await uri.close();

    // In memory there is no file to compare: only the store's own connection is taken.
    const name = `file:hookline-shared-${Date.now()}?mode=memory&cache=shared`;
    const same = new Database(name);
    const other = new Database(name);
    const shared = createSqliteStore({ database: same });
    const inMemory = createDispatcher({ store: shared });
    await inMemory.ready();
    try {
      same.exec('BEGIN IMMEDIATE');
      const kept = await inMemory.publish(draftEvent('user.created'), { tx: same });
      same.exec('COMMIT');
      expect((await shared.getEvent(kept.event.id))?.id).toBe(kept.event.id);
      // Another connection, to this very database or not, cannot be told apart.
      expect(() => inMemory.publish(draftEvent('user.created'), { tx: other })).toThrow(
        expect.objectContaining({
          code: 'transaction_unsupported',
          message: expect.stringContaining('{ database: thatConnection }'),
        }),
      );
    } finally {
      other.close();
      same.close();
    }
  });

  it('creates its tables through the caller transaction on a fresh file, and again after that transaction rolled back', async () => {
    const store = createSqliteStore({ path });
    const dispatcher = createDispatcher({ store });
    app.exec('BEGIN IMMEDIATE');
    await dispatcher.publish(draftEvent('user.created'), { tx: app });
    app.exec('ROLLBACK');
    app.exec('BEGIN IMMEDIATE');
    const kept = await dispatcher.publish(draftEvent('user.created'), { tx: app });
    app.exec('COMMIT');
    expect((await store.getEvent(kept.event.id))?.id).toBe(kept.event.id);
    await store.close();
  });
});

describe('sqlite store locking and durability (own connection)', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, 'hookline.db');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    dir.remove();
  });

  it('waits for another connection’s write lock without blocking the event loop, then writes', async () => {
    const store = createSqliteStore({ path });
    const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
    await dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/never' });
    const blocker = new Database(path) as unknown as SqliteDatabase;
    blocker.exec('BEGIN IMMEDIATE');
    // Released by a timer: a store that slept inside SQLite's busy handler would freeze the
    // event loop, the timer could not fire, and the publish would fail after 5 s.
    let released = false;
    setTimeout(() => {
      blocker.exec('COMMIT');
      released = true;
    }, 60);
    const { event, deliveries } = await dispatcher.publish(draftEvent('user.created'));
    blocker.close();
    expect(released).toBe(true);
    expect(deliveries).toBe(1);
    expect((await store.getEvent(event.id))?.id).toBe(event.id);
    await store.close();
  });

  it('gives up after busyTimeoutMs with store_failed, and the publish is not kept', async () => {
    const store = createSqliteStore({ path, busyTimeoutMs: 50 });
    const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
    await dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/never' });
    const blocker = new Database(path) as unknown as SqliteDatabase;
    blocker.exec('BEGIN IMMEDIATE');
    const failed = await dispatcher.safePublish({
      ...draftEvent('user.created'),
      id: 'evt_locked_out',
    } as PublishInput);
    blocker.exec('ROLLBACK');
    blocker.close();
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error.code).toBe('store_failed');
    expect(failed.error.message).toMatch(/locked/);
    expect(await store.getEvent('evt_locked_out')).toBeUndefined();
    expect(await store.listDeliveries({})).toEqual([]);
    await store.close();
  });
});
