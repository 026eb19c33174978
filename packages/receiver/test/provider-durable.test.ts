import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { github } from '@hookline/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiver, type ProviderEvent, type ReceiverStore } from '../src/index.js';
import { createPostgresStore } from '../src/postgres/index.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import {
  createPool,
  dropSchema,
  type pg,
  startTestPostgres,
  type TestPostgres,
  uniqueSchema,
} from './support/postgres.js';

const SECRET = 'github-webhook-secret-durable';
const body = readFileSync(new URL('./fixtures/github-issues-opened.json', import.meta.url), 'utf8');

async function delivery(id: string): Promise<Request> {
  return new Request('http://receiver.test/github', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': id,
      ...(await github.sign({ payload: body, secret: SECRET })),
    },
    body,
  });
}

/** Acknowledge, "crash" before handling, restart on the same store, redeliver, drain. */
async function survivesRestart(open: () => ReceiverStore, id: string) {
  const before = createReceiver({
    secret: SECRET,
    scheme: 'github',
    parse: 'provider',
    store: open(),
  });
  expect((await before.fetch(await delivery(id))).status).toBe(200);
  await before.store.close();

  const after = createReceiver({
    secret: SECRET,
    scheme: 'github',
    parse: 'provider',
    store: open(),
  });
  const handled: ProviderEvent[] = [];
  after.onProvider('issues.opened', (event) => {
    handled.push(event);
  });
  expect(await (await after.fetch(await delivery(id))).json()).toEqual({
    received: true,
    duplicate: true,
  });
  await after.drain();
  expect(handled).toEqual([{ id, type: 'issues.opened', payload: JSON.parse(body) }]);
  expect(await after.inspect(id)).toMatchObject({ status: 'done', version: 0, payload: body });
  await after.store.close();
}

describe('provider events in durable stores', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-provider-'));
  let server: TestPostgres;
  let pool: pg.Pool;
  const schema = uniqueSchema('prov');

  beforeAll(async () => {
    server = await startTestPostgres();
    pool = createPool(server.connectionString);
    await createPostgresStore({ pool, schema }).migrate();
  }, 60_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(pool, schema);
    await pool.end();
    await server.stop();
  });

  it('SQLite: a GitHub delivery acknowledged before a crash is handled once after the restart', async () => {
    const path = join(dir, 'github.db');
    await survivesRestart(
      () => createSqliteStore({ path }),
      'c0ffee00-1111-11ef-8000-000000000001',
    );
  });

  it('Postgres: a GitHub delivery acknowledged before a crash is handled once after the restart', async () => {
    await survivesRestart(
      () => createPostgresStore({ pool, schema }),
      'c0ffee00-2222-11ef-8000-000000000002',
    );
  });
});
