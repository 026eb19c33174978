import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createSqliteStore } from '../src/sqlite/index.js';
import { describeStoreContract } from './store-contract.js';
import { checkUnnamedRowsClaimable } from './support/store-scenarios.js';

const dir = mkdtempSync(join(tmpdir(), 'hookline-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeStoreContract('sqlite', async () => {
  n += 1;
  const store = createSqliteStore({ path: join(dir, `contract-${n}.db`) });
  return { store, dispose: () => store.close() };
});

describe('sqlite store file', () => {
  it('uses WAL and keeps entries across reopening the file', async () => {
    const path = join(dir, 'durable.db');
    const first = createSqliteStore({ path, tablePrefix: 'app_' });
    await first.insert({
      id: 'evt_durable',
      event: 'user.login',
      version: 1,
      payload: '{}',
      source: 'push',
      receivedAt: 5,
    });
    await first.close();
    const db = new Database(path);
    expect(db.prepare('PRAGMA journal_mode').get()).toMatchObject({ journal_mode: 'wal' });
    expect(db.prepare('SELECT id FROM app_inbox').all()).toEqual([{ id: 'evt_durable' }]);
    db.close();
    const reopened = createSqliteStore({ path, tablePrefix: 'app_' });
    expect(await reopened.get('evt_durable')).toMatchObject({ status: 'pending', receivedAt: 5 });
    expect(
      (
        await reopened.insert({
          id: 'evt_durable',
          event: 'user.login',
          version: 1,
          payload: '{}',
          source: 'pull',
          receivedAt: 9,
        })
      ).inserted,
    ).toBe(false);
    await reopened.close();
  });

  it.each([
    ['the receiver column', ''],
    ['the unfinished-runs column', ', receiver TEXT'],
  ])(
    'adds %s to an inbox table created by an earlier version, keeping its rows claimable',
    async (_, receiverColumn) => {
      const path = join(dir, `old-schema${receiverColumn ? '-named' : ''}.db`);
      const db = new Database(path);
      db.exec(`CREATE TABLE hookline_inbox (
      id TEXT PRIMARY KEY, event TEXT NOT NULL, version INTEGER NOT NULL, payload TEXT NOT NULL,
      source TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
      received_at INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, lease_token TEXT,
      lease_until INTEGER, last_error TEXT, response TEXT, completed_at INTEGER${receiverColumn})`);
      db.prepare(
        `INSERT INTO hookline_inbox (id, event, version, payload, source, status, received_at, next_attempt_at)
       VALUES ('evt_old', 'user.login', 1, '{}', 'push', 'pending', 5, 5)`,
      ).run();
      db.close();
      // Two processes opening the old file at once both try to add the column.
      const [store, other] = [createSqliteStore({ path }), createSqliteStore({ path })];
      await checkUnnamedRowsClaimable(store);
      await Promise.all([store.close(), other.close()]);
    },
  );

  it('finds work through an index even after ANALYZE of an inbox where everything is done', async () => {
    // A healthy inbox is almost all `done`. Once ANALYZE (or `PRAGMA optimize`) has recorded
    // that, an index on (status, …) looks useless to the planner, and a claim, which the worker
    // runs for every event and every poll, would read the whole table with the event loop
    // blocked. Every statement the store prepares must still find its rows through an index.
    const path = join(dir, 'analyzed.db');
    const db = new Database(path);
    const texts: string[] = [];
    const recording = new Proxy(db, {
      get(target, key) {
        if (key === 'prepare') {
          return (sql: string) => {
            texts.push(sql);
            return target.prepare(sql);
          };
        }
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const store = createSqliteStore({ database: recording });
    // Enough rows that reading them all costs more than an index lookup (below a few hundred
    // rows a full scan is the cheaper plan, and the planner rightly takes it).
    const insert = db.prepare(
      "INSERT INTO hookline_inbox (id, event, version, payload, source, status, received_at, next_attempt_at, completed_at) VALUES (?, 'user.login', 1, '{}', 'push', 'done', ?, ?, ?)",
    );
    db.transaction(() => {
      for (let i = 0; i < 2_000; i++) insert.run(`evt_${i}`, i, i, i);
    })();
    db.exec('ANALYZE');
    // Reading a partial index whole is fine: it holds only the rows the statement wants.
    const partial = new Set(
      (
        db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'")
          .all() as { name: string }[]
      ).map(({ name }) => name),
    );
    const wholeTable = (detail: string) => {
      const scan = /^SCAN hookline_inbox(?: USING (?:COVERING )?INDEX (\S+))?/.exec(detail);
      return scan !== null && !(scan[1] !== undefined && partial.has(scan[1]));
    };
    const scans = texts
      .filter((sql) => !/^\s*(PRAGMA|CREATE|ALTER)/i.test(sql))
      .flatMap((sql) => {
        const parameters = (sql.match(/\?/g) ?? []).map(() => 1);
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as {
          detail: string;
        }[];
        return plan
          .filter(({ detail }) => wholeTable(detail))
          .map(({ detail }) => `${detail} in: ${sql.replace(/\s+/g, ' ').slice(0, 80)}`);
      });
    expect(scans).toEqual([]);
    await store.close();
    db.close();
  });

  it('waits for the disk for arrivals and replays, not for the worker’s bookkeeping', async () => {
    const recorded = vi.spyOn(Database.prototype, 'exec');
    try {
      const entry = (id: string) => ({
        id,
        event: 'user.login',
        version: 1,
        payload: '{}',
        source: 'push' as const,
        receivedAt: 1,
      });
      const run = async (store: ReturnType<typeof createSqliteStore>) => {
        await store.insert(entry('evt_a'));
        const [claimed] = await store.claim({ now: 10, leaseMs: 1000, limit: 1, token: 't' });
        await store.complete(claimed!.id, 't', 11);
        await store.insert(entry('evt_b'));
        await store.replay('evt_a', 12);
        await store.close();
      };
      const pragmas = () =>
        recorded.mock.calls
          .map(([sql]) => /^PRAGMA synchronous = (\w+)$/.exec(String(sql))?.[1])
          .filter(Boolean);
      await run(createSqliteStore({ path: join(dir, 'levels-full.db') }));
      // Set up FULL; arrivals commit at NORMAL and are flushed after the commit (see
      // sqlite-durability.test.ts), the claim and completion at NORMAL; the replay at FULL.
      expect(pragmas()).toEqual(['FULL', 'NORMAL', 'FULL']);
      recorded.mockClear();
      await run(createSqliteStore({ path: join(dir, 'levels-normal.db'), synchronous: 'normal' }));
      expect(pragmas()).toEqual(['NORMAL']);
      recorded.mockClear();
      // A connection of the application's keeps its own level.
      const app = new Database(join(dir, 'levels-app.db'));
      await run(createSqliteStore({ database: app }));
      expect(pragmas()).toEqual([]);
      app.close();
    } finally {
      recorded.mockRestore();
    }
  });

  it('rejects a table prefix that is not a plain identifier', () => {
    expect(() =>
      createSqliteStore({ path: join(dir, 'bad.db'), tablePrefix: 'x; DROP TABLE y' }),
    ).toThrow(/plain SQL identifier/);
  });
});
