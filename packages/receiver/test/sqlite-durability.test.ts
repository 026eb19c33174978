import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failNextCommit } from '@hookline/test-support';
import Database from 'libsql';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createReceiver } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import type { NewInboxEntry } from '../src/store.js';
import { exampleEvent } from './support/events.js';
import { SECRET, signedRequest } from './support/sign.js';

/**
 * Every `fdatasync` the store makes goes through `disk.hold` when a test sets it (to hold the
 * flush open, or fail it), else straight to the real one; `disk.flushes` counts them.
 */
const disk = vi.hoisted(() => ({
  flushes: 0,
  hold: undefined as ((done: (error: Error | null) => void, real: () => void) => void) | undefined,
}));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fdatasync = (fd: number, done: (error: Error | null) => void) => {
    disk.flushes += 1;
    const real = () => fs.fdatasync(fd, done);
    if (disk.hold) disk.hold(done, real);
    else real();
  };
  return { ...fs, default: { ...fs, fdatasync }, fdatasync };
});

const dir = mkdtempSync(join(tmpdir(), 'hookline-sqlite-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => {
  files += 1;
  return join(dir, `inbox-${files}.db`);
};
const entry = (id: string): NewInboxEntry => ({
  id,
  event: 'user.login',
  version: 1,
  payload: '{}',
  source: 'push',
  receivedAt: 1,
});
/** The COMMITs of the store's connections, with the `PRAGMA synchronous` each ran at. */
const watchCommits = () => {
  const commits: string[] = [];
  const levels = new WeakMap<object, string>();
  const exec = Database.prototype.exec;
  vi.spyOn(Database.prototype, 'exec').mockImplementation(function (
    this: InstanceType<typeof Database>,
    sql: string,
  ) {
    const level = /^PRAGMA synchronous = (\w+)$/.exec(sql)?.[1];
    if (level) levels.set(this, level);
    if (sql === 'COMMIT') commits.push(levels.get(this) ?? '?');
    return exec.call(this, sql);
  });
  return commits;
};

describe('sqlite inbox arrivals', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    disk.flushes = 0;
    disk.hold = undefined;
  });

  it('inserts events arriving together in one transaction and one flush, outside the commit', async () => {
    const store = createSqliteStore({ path: freshPath() });
    const commits = watchCommits();
    const before = disk.flushes;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.insert(entry(`evt_${i}`))),
    );
    expect(results.every((result) => result.inserted)).toBe(true);
    // One commit, at NORMAL (it does not flush under the write lock), then one flush.
    expect(commits).toEqual(['NORMAL']);
    expect(disk.flushes - before).toBe(1);
    // A duplicate in the same batch is answered as one.
    const [first, again] = await Promise.all([
      store.insert(entry('evt_twice')),
      store.insert(entry('evt_twice')),
    ]);
    expect(first).toEqual({ inserted: true });
    expect(again).toMatchObject({ inserted: false, existing: { id: 'evt_twice' } });
    await store.close();
  });

  it('answers an arrival only once its flush is done', async () => {
    const store = createSqliteStore({ path: freshPath() });
    await store.insert(entry('evt_warm'));
    let release: (() => void) | undefined;
    disk.hold = (_done, real) => {
      release = real;
    };
    let settled = false;
    const inserting = store.insert(entry('evt_held')).then((result) => {
      settled = true;
      return result;
    });
    await vi.waitFor(() => expect(release).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    // Committed meanwhile (the worker may see it), acknowledged only after the flush.
    expect(await store.get('evt_held')).toMatchObject({ status: 'pending' });
    // close() waits for it too.
    const closing = store.close();
    release?.();
    expect(await inserting).toEqual({ inserted: true });
    await closing;
  });

  it('acknowledges no arrival after a failed flush until the process starts again', async () => {
    const path = freshPath();
    const store = createSqliteStore({ path });
    await store.insert(entry('evt_warm'));
    disk.hold = (done) => done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    await expect(store.insert(entry('evt_lost'))).rejects.toThrow(
      /flushing it to disk failed \(EIO: i\/o error\)/,
    );
    disk.hold = undefined;
    // Committed but maybe not on disk (and the WAL's checksum chain would take every later
    // commit with it): neither the retry nor a new event is acknowledged.
    const refused =
      /earlier flush of the inbox to disk failed \(EIO: i\/o error\).*restart the process/;
    for (const id of ['evt_lost', 'evt_new']) {
      await expect(store.insert(entry(id))).rejects.toThrow(refused);
    }
    // Nor an operator's replay, which promises as much.
    await expect(store.replay('evt_warm', 20)).rejects.toThrow(refused);
    // The worker goes on with what it has.
    expect(await store.claim({ now: 10, leaseMs: 1000, limit: 10, token: 't' })).toHaveLength(2);
    await store.close();
    // A new process (SQLite recovers the WAL on opening) takes arrivals again.
    const restarted = createSqliteStore({ path });
    expect(await restarted.insert(entry('evt_new'))).toEqual({ inserted: true });
    await restarted.close();
  });

  it('in sync mode, drops the claim of an arrival it could not acknowledge, so the retry after a restart runs it', async () => {
    const path = freshPath();
    const event = exampleEvent('user.login', 2);
    const runs: string[] = [];
    const start = () => {
      const store = createSqliteStore({ path });
      const receiver = createReceiver({ secret: SECRET, store, mode: 'sync' });
      receiver.on('user.login', async (login) => {
        runs.push(login.id);
      });
      return { store, receiver };
    };
    const first = start();
    await first.store.insert(entry('evt_warm'));
    disk.hold = (done) => done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    expect((await first.receiver.fetch(await signedRequest(event))).status).toBe(503);
    disk.hold = undefined;
    await first.store.close();
    // Not left claimed by a request that never ran it: no 409 for a lease, the handler runs.
    const second = start();
    expect((await second.receiver.fetch(await signedRequest(event))).status).toBe(200);
    expect(runs).toEqual([event.id]);
    await second.store.close();
  });

  it('fails a batch the lock or the disk refuses once, not once per arrival', async () => {
    const store = createSqliteStore({ path: freshPath() });
    await store.insert(entry('evt_warm'));
    const exec = Database.prototype.exec;
    let begins = 0;
    vi.spyOn(Database.prototype, 'exec').mockImplementation(function (
      this: InstanceType<typeof Database>,
      sql: string,
    ) {
      if (sql === 'BEGIN IMMEDIATE') {
        begins += 1;
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      }
      return exec.call(this, sql);
    });
    const results = await Promise.allSettled(
      ['evt_a', 'evt_b', 'evt_c'].map((id) => store.insert(entry(id))),
    );
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(begins).toBe(1);
    vi.restoreAllMocks();
    await store.close();
  });

  it('acknowledges nothing after SQLite itself failed to get a batch of arrivals onto the disk', async () => {
    const store = createSqliteStore({ path: freshPath() });
    await store.insert(entry('evt_warm'));
    const restore = failNextCommit(Database);
    try {
      await expect(store.insert(entry('evt_a'))).rejects.toThrow(/disk I\/O error/);
    } finally {
      restore();
    }
    await expect(store.insert(entry('evt_b'))).rejects.toThrow(
      /earlier flush of the inbox to disk failed \(disk I\/O error\)/,
    );
    await store.close();
  });

  it('rejects, not throws, an arrival a connection of the application cannot store', async () => {
    const app = new Database(freshPath());
    const store = createSqliteStore({ database: app });
    const inserting = store.insert({ ...entry('evt_bad'), payload: null as unknown as string });
    await expect(inserting).rejects.toThrow(/NOT NULL/);
    await store.close();
    app.close();
  });

  it('fails only the arrival that cannot be stored when a batch has one', async () => {
    const store = createSqliteStore({ path: freshPath() });
    const [good, bad, other] = await Promise.allSettled([
      store.insert(entry('evt_good')),
      store.insert({ ...entry('evt_bad'), payload: null as unknown as string }),
      store.insert(entry('evt_other')),
    ]);
    expect(good).toEqual({ status: 'fulfilled', value: { inserted: true } });
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: /NOT NULL/ } });
    expect(other).toEqual({ status: 'fulfilled', value: { inserted: true } });
    expect(await store.get('evt_bad')).toBeUndefined();
    await store.close();
  });
});
