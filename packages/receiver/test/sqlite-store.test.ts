import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, describe, expect, it } from 'vitest';
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

  it('rejects a table prefix that is not a plain identifier', () => {
    expect(() =>
      createSqliteStore({ path: join(dir, 'bad.db'), tablePrefix: 'x; DROP TABLE y' }),
    ).toThrow(/plain SQL identifier/);
  });
});
