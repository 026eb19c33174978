import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createSqliteStore } from '../src/sqlite/index.js';
import type { NewInboxEntry } from '../src/store.js';

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

  it('fails the arrivals of a batch whose flush failed, and commits at FULL from then on', async () => {
    const commits = watchCommits();
    const store = createSqliteStore({ path: freshPath() });
    await store.insert(entry('evt_warm'));
    disk.hold = (done) => done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    await expect(store.insert(entry('evt_lost'))).rejects.toThrow(
      /flushing it to disk failed \(EIO: i\/o error\)/,
    );
    disk.hold = undefined;
    const flushes = disk.flushes;
    expect(await store.insert(entry('evt_after'))).toEqual({ inserted: true });
    // No flush of the store's own any more: SQLite flushes inside COMMIT.
    expect(disk.flushes).toBe(flushes);
    expect(commits).toEqual(['NORMAL', 'NORMAL', 'FULL']);
    await store.close();
  });

  it('makes a retried arrival durable before calling it a duplicate when its first flush failed', async () => {
    const path = freshPath();
    const store = createSqliteStore({ path });
    await store.insert(entry('evt_warm'));
    disk.hold = (done) => done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    await expect(store.insert(entry('evt_lost'))).rejects.toThrow(/flushing it to disk failed/);
    disk.hold = undefined;
    // The row is committed but maybe not on disk: the sender's retry must not be acknowledged
    // until a commit that waits for the disk (FULL, from now on) has written it again.
    const walSize = () => statSync(`${path}-wal`).size;
    const commits = watchCommits();
    const before = walSize();
    const retry = await store.insert(entry('evt_lost'));
    expect(retry).toMatchObject({ inserted: false, existing: { id: 'evt_lost' } });
    expect(commits).toEqual(['FULL']);
    expect(walSize()).toBeGreaterThan(before);
    // Once is enough: a later duplicate writes nothing.
    const after = walSize();
    await store.insert(entry('evt_lost'));
    expect(walSize()).toBe(after);
    await store.close();
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
