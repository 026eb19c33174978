import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/schema.js';
import { openDatabase } from '../src/start-platform.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hookline-durability-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** SQLite's `PRAGMA synchronous` numbers: 1 NORMAL, 2 FULL. */
async function synchronousOf(options: Parameters<typeof openDatabase>[1]) {
  const db = openDatabase(join(dir, `${Math.random().toString(36).slice(2)}.db`), options);
  try {
    // The dispatcher store shares the connection; migrating runs its setup too.
    await migrate(db);
    return (await db.get<{ synchronous: number }>('PRAGMA synchronous'))?.synchronous;
  } finally {
    await db.close();
  }
}

describe('SQLite durability', () => {
  it('commits with synchronous = FULL by default, so the outbox survives a power loss', async () => {
    expect(await synchronousOf({})).toBe(2);
  });

  it('sqliteSynchronous: normal relaxes it (benchmarks and throwaway sandboxes)', async () => {
    expect(await synchronousOf({ sqliteSynchronous: 'normal' })).toBe(1);
  });
});
