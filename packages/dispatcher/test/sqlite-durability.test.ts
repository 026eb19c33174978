import { statSync } from 'node:fs';
import { join } from 'node:path';
import { failNextCommit } from '@hookline/test-support';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type PublishInput } from '../src/index.js';
import { createSqliteStore, type SqliteDatabase } from '../src/sqlite/index.js';
import { draftEvent } from './helpers/events.js';
import { startReceiver } from './helpers/receiver.js';
import { tempDir } from './helpers/temp-dir.js';

/**
 * Every `fdatasync` the store makes goes through `disk.hold` when a test sets it (to hold the
 * flush open, or fail it), else straight to the real one; `disk.flushed` lists the files
 * flushed (their inode when the flush was asked for; null for a closed descriptor).
 */
const disk = vi.hoisted(() => ({
  flushed: [] as Array<number | null>,
  hold: undefined as
    | ((fd: number, done: (error: Error | null) => void, real: () => void) => void)
    | undefined,
}));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fdatasync = (fd: number, done: (error: Error | null) => void) => {
    let ino: number | null = null;
    try {
      ino = fs.fstatSync(fd).ino;
    } catch {}
    disk.flushed.push(ino);
    const real = () => fs.fdatasync(fd, done);
    if (disk.hold) disk.hold(fd, done, real);
    else real();
  };
  return { ...fs, default: { ...fs, fdatasync }, fdatasync };
});

/** Watches every connection: the PRAGMA synchronous level each COMMIT ran at. */
const watchCommits = () => {
  const commits: Array<{ publish: boolean; level: string }> = [];
  const levels = new WeakMap<object, string>();
  const publishing = new WeakSet<object>();
  const proto = Database.prototype as unknown as SqliteDatabase;
  const exec = proto.exec;
  const prepare = proto.prepare;
  vi.spyOn(proto, 'exec').mockImplementation(function (this: SqliteDatabase, sql: string) {
    const level = /PRAGMA synchronous = (\w+)/.exec(sql)?.[1];
    if (level) levels.set(this, level);
    if (sql === 'COMMIT') {
      commits.push({ publish: publishing.has(this), level: levels.get(this) ?? '?' });
      publishing.delete(this);
    }
    return exec.call(this, sql);
  });
  vi.spyOn(proto, 'prepare').mockImplementation(function (this: SqliteDatabase, sql: string) {
    const statement = prepare.call(this, sql);
    if (!/^INSERT INTO \w+events /.test(sql)) return statement;
    return {
      run: (...params: unknown[]) => {
        publishing.add(this);
        return statement.run(...params);
      },
      get: (...params: unknown[]) => statement.get(...params),
      all: (...params: unknown[]) => statement.all(...params),
    };
  });
  return commits;
};

describe('sqlite store durability', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, 'hookline.db');
    disk.flushed = [];
    disk.hold = undefined;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    dir.remove();
  });
  const walInode = () => statSync(`${path}-wal`).ino;
  /** A store on `path` and a dispatcher with one endpoint (nothing is delivered in these tests). */
  const publisherOn = async (options: { synchronous?: 'full' | 'normal' } = {}) => {
    const store = createSqliteStore({ path, ...options });
    const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
    await dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/never' });
    return { store, dispatcher };
  };
  /** Every flush from now on fails, as on a failing disk. */
  const failFlushes = () => {
    disk.hold = (_fd, done) =>
      done(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
  };
  /** Holds flushes open from now on; `held.release` lets the latest one go on. */
  const holdFlushes = () => {
    const held: { release?: () => void } = {};
    disk.hold = (_fd, _done, real) => {
      held.release = real;
    };
    return held;
  };

  it('releases the write lock before the disk flush of a publish, and resolves the publish only after it', async () => {
    const { store, dispatcher } = await publisherOn();
    const other = new Database(path) as unknown as SqliteDatabase;
    const held = holdFlushes();
    try {
      let resolved = false;
      const publishing = dispatcher.publish(draftEvent('user.created')).then((result) => {
        resolved = true;
        return result;
      });
      await vi.waitFor(() => expect(held.release).toBeDefined());
      // The flush is under way: the commit is visible and the lock is free for another
      // connection (another process's worker), but the publisher has heard nothing yet.
      expect(disk.flushed.at(-1)).toBe(walInode());
      other.exec('BEGIN IMMEDIATE');
      other.exec('COMMIT');
      expect(other.prepare('SELECT count(*) AS n FROM hookline_events').get()).toMatchObject({
        n: 1,
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(resolved).toBe(false);
      held.release!();
      const { event } = await publishing;
      expect((await store.getEvent(event.id))?.id).toBe(event.id);
    } finally {
      held.release?.();
      other.close();
      await store.close();
    }
  });

  it('commits publishes without holding the lock through the flush, flushes the WAL after each, and leaves worker bookkeeping unflushed', async () => {
    const commits = watchCommits();
    const receiver = await startReceiver();
    const store = createSqliteStore({ path });
    const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
    try {
      await dispatcher.createEndpoint({ url: receiver.url });
      await dispatcher.publish(draftEvent('user.created'));
      expect(disk.flushed).toHaveLength(1);
      expect(await dispatcher.processDue()).toBe(1);
      await dispatcher.publish(draftEvent('user.created'));
      expect(disk.flushed).toHaveLength(2);
      expect(await dispatcher.processDue()).toBe(1);
      // Claims and outcomes flush nothing of their own.
      expect(disk.flushed).toHaveLength(2);
      expect(receiver.received).toHaveLength(2);
      const publishes = commits.filter((c) => c.publish);
      expect(publishes).toEqual([
        { publish: true, level: 'NORMAL' },
        { publish: true, level: 'NORMAL' },
      ]);
      expect(
        commits.filter((c) => !c.publish && c.level === 'NORMAL').length,
      ).toBeGreaterThanOrEqual(2);
      // Endpoint changes flush inside their COMMIT.
      await dispatcher.createEndpoint({ url: receiver.url });
      expect(commits.at(-1)).toEqual({ publish: false, level: 'FULL' });
    } finally {
      await store.close();
      await receiver.close();
    }
  });

  it('fails the publishes of a batch whose flush failed, then every durable write until a new store opens the file, while the worker goes on', async () => {
    const { store, dispatcher } = await publisherOn();
    try {
      failFlushes();
      const failed = await dispatcher.safePublish(draftEvent('user.created'));
      expect(failed.ok).toBe(false);
      if (failed.ok) return;
      expect(failed.error.code).toBe('store_failed');
      expect(failed.error.message).toMatch(/committed but flushing it to disk failed \(EIO/);
      expect(failed.error.message).toMatch(/may send its event twice/);
      // What did not reach the disk may be lost for good, and the WAL would take every later
      // commit with it: nothing durable any more, not even on a connection opened again.
      disk.hold = undefined;
      const refused = /earlier flush of the outbox to disk failed \(EIO.*restart the process/;
      await expect(dispatcher.publish(draftEvent('user.created'))).rejects.toMatchObject({
        code: 'store_failed',
        message: expect.stringMatching(refused),
      });
      await expect(
        dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/other' }),
      ).rejects.toMatchObject({ code: 'store_failed', message: expect.stringMatching(refused) });
      const app = new Database(path);
      app.exec('BEGIN IMMEDIATE');
      expect(() => dispatcher.publish(draftEvent('user.created'), { tx: app })).toThrow(refused);
      app.exec('ROLLBACK');
      app.close();
      // Nor while close() is under way (its connection has left the flushers already).
      const [endpoint] = await store.listEndpoints();
      const closing = store.close();
      const racing = store.createEndpoint({ ...endpoint!, id: 'ep_racing' });
      await closing;
      await expect(racing).rejects.toMatchObject({ code: 'store_failed' });
      await expect(dispatcher.publish(draftEvent('user.created'))).rejects.toThrow(refused);
      // The worker's bookkeeping goes on: the committed publish is claimed.
      expect(
        await store.claimDue({ now: Date.now() + 1000, limit: 10, leaseMs: 1000 }),
      ).toHaveLength(1);
    } finally {
      await store.close();
    }
    // A new store (a restarted process) writes again.
    const restarted = createSqliteStore({ path });
    const again = createDispatcher({ store: restarted });
    await again.publish(draftEvent('user.created'));
    await restarted.close();
  });

  it('refuses durable writes after SQLite itself failed to get a commit onto the disk', async () => {
    const { store, dispatcher } = await publisherOn();
    const restore = failNextCommit(Database);
    try {
      await expect(
        dispatcher.createEndpoint({ url: 'http://127.0.0.1:9/other' }),
      ).rejects.toMatchObject({ code: 'store_failed' });
      await expect(dispatcher.publish(draftEvent('user.created'))).rejects.toMatchObject({
        code: 'store_failed',
        message: expect.stringMatching(
          /earlier flush of the outbox to disk failed \(disk I\/O error\)/,
        ),
      });
    } finally {
      restore();
      await store.close();
    }
  });

  it("flushes nothing of its own with synchronous: 'normal'", async () => {
    const { store, dispatcher } = await publisherOn({ synchronous: 'normal' });
    try {
      await dispatcher.publish(draftEvent('user.created'));
      expect(disk.flushed).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('never switches a connection passed as { database } off FULL', async () => {
    const commits = watchCommits();
    const receiver = await startReceiver();
    const database = new Database(path) as unknown as SqliteDatabase;
    const store = createSqliteStore({ database });
    const dispatcher = createDispatcher({ store, allow: { loopback: true, http: true } });
    try {
      await dispatcher.createEndpoint({ url: receiver.url });
      await dispatcher.publish(draftEvent('user.created'));
      expect(await dispatcher.processDue()).toBe(1);
      expect(commits.length).toBeGreaterThanOrEqual(3);
      expect(commits.every((c) => c.level === 'FULL')).toBe(true);
      expect(disk.flushed).toEqual([]);
    } finally {
      database.close();
      await receiver.close();
    }
  });

  it('waits for a flush in progress before close() closes the WAL file', async () => {
    const { store, dispatcher } = await publisherOn();
    const held = holdFlushes();
    const publishing = dispatcher.publish(draftEvent('user.created'));
    await vi.waitFor(() => expect(held.release).toBeDefined());
    const closing = store.close();
    held.release!();
    await expect(publishing).resolves.toMatchObject({ deliveries: 1 });
    await closing;
  });

  it('lets a batch waiting for the lock finish on its own connection, flushed, before close() closes it', async () => {
    const { store, dispatcher } = await publisherOn();
    await dispatcher.publish(draftEvent('user.created'));
    const wal = walInode();
    const blocker = new Database(path) as unknown as SqliteDatabase;
    try {
      blocker.exec('BEGIN IMMEDIATE');
      const order: string[] = [];
      const publishing = dispatcher
        .publish(draftEvent('user.created'))
        .then(() => order.push('published'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      // The batch waits for the lock when close() is called.
      const closing = store.close().then(() => order.push('closed'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      blocker.exec('COMMIT');
      await Promise.all([publishing, closing]);
      expect(order).toEqual(['published', 'closed']);
      expect(disk.flushed).toEqual([wal, wal]);
    } finally {
      blocker.close();
      await store.close();
    }
  });

  it('resolves a publish that committed just before close() was called, after flushing it', async () => {
    const { store, dispatcher } = await publisherOn();
    const wal = walInode();
    const proto = Database.prototype as unknown as SqliteDatabase;
    const exec = proto.exec;
    let closing: Promise<void> | undefined;
    vi.spyOn(proto, 'exec').mockImplementation(function (this: SqliteDatabase, sql: string) {
      const result = exec.call(this, sql);
      if (sql === 'COMMIT' && !closing) {
        closing = Promise.resolve().then(() => store.close());
      }
      return result;
    });
    const { event } = await dispatcher.publish(draftEvent('user.created'));
    await closing;
    expect(disk.flushed).toEqual([wal]);
    vi.restoreAllMocks();
    expect((await store.getEvent(event.id))?.id).toBe(event.id);
    await store.close();
  });

  it('fails only the publishes of a batch whose flush failed, not the claims beside them', async () => {
    const { store, dispatcher } = await publisherOn();
    try {
      await dispatcher.publish(draftEvent('user.created'));
      failFlushes();
      // One batch: a claim (worker bookkeeping: nothing to flush) and a publish.
      const [claimed, published] = await Promise.allSettled([
        store.claimDue({ now: Date.now(), limit: 10, leaseMs: 60_000 }),
        dispatcher.safePublish(draftEvent('user.created')),
      ]);
      expect(disk.flushed).toHaveLength(2);
      expect(claimed.status === 'fulfilled' && claimed.value.length).toBe(1);
      expect(
        published.status === 'fulfilled' && !published.value.ok && published.value.error.code,
      ).toBe('store_failed');
    } finally {
      await store.close();
    }
  });

  it('keeps the own error of an item in a batch whose flush failed', async () => {
    const { store, dispatcher } = await publisherOn();
    try {
      const { event } = await dispatcher.publish(draftEvent('user.created'));
      failFlushes();
      // One batch: a duplicate id (fails on its own) and a new event (committed, unflushed).
      const [duplicate, fresh] = await Promise.all([
        dispatcher.safePublish({ ...draftEvent('user.created'), id: event.id } as PublishInput),
        dispatcher.safePublish(draftEvent('user.created')),
      ]);
      expect(duplicate.ok || duplicate.error.code).toBe('invalid_event');
      expect(fresh.ok || fresh.error.code).toBe('store_failed');
    } finally {
      await store.close();
    }
  });
});
