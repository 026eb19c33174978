import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@hookline/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiver } from '../src/index.js';
import { createPostgresStore } from '../src/postgres/index.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import { exampleEvent } from './support/events.js';
import {
  createPool,
  dropSchema,
  type pg,
  startTestPostgres,
  type TestPostgres,
  uniqueSchema,
} from './support/postgres.js';
import { SECRET, signedRequest } from './support/sign.js';

describe('receiver on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-receiver-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an acknowledged event survives a restart before its handler ran, and is handled once after', async () => {
    const path = join(dir, 'inbox.db');
    const before = createReceiver({ secret: SECRET, store: createSqliteStore({ path }) });
    const event = exampleEvent('payment.succeeded', 2);
    expect((await before.fetch(await signedRequest(event))).status).toBe(200);
    // "Crash": the process goes away without running the worker.
    await before.store.close();

    const after = createReceiver({ secret: SECRET, store: createSqliteStore({ path }) });
    const handled: string[] = [];
    after.on('payment.succeeded', (e) => {
      handled.push(e.id);
    });
    // The sender retries the same delivery after the restart: a duplicate, not a second run.
    expect(await (await after.fetch(await signedRequest(event))).json()).toEqual({
      received: true,
      duplicate: true,
    });
    await after.drain();
    expect(handled).toEqual([event.id]);
    await after.store.close();
  });
});

describe('several receivers on one Postgres', () => {
  let server: TestPostgres;
  let pools: pg.Pool[];
  const schema = uniqueSchema('recv');

  beforeAll(async () => {
    server = await startTestPostgres();
    pools = [
      createPool(server.connectionString),
      createPool(server.connectionString),
      createPool(server.connectionString),
    ];
  }, 60_000);
  afterAll(async () => {
    await dropSchema(pools[0]!, schema);
    await Promise.all(pools.map((pool) => pool.end()));
    await server.stop();
  });

  it('push deliveries spread over three receivers with running workers are each handled exactly once', async () => {
    const handled: string[] = [];
    const receivers = await Promise.all(
      pools.map(async (pool) => {
        const store = createPostgresStore({ pool, schema, tablePrefix: 'multi_' });
        await store.migrate();
        const receiver = createReceiver({
          secret: SECRET,
          store,
          worker: { pollIntervalMs: 20, concurrency: 3 },
        });
        receiver.onAny(async (event) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          handled.push(event.id);
        });
        receiver.start();
        return receiver;
      }),
    );
    const events = Array.from({ length: 30 }, () => exampleEvent('user.login', 2));
    const statuses: number[] = [];
    // Every event is delivered twice, to different receivers (a retry landing elsewhere).
    await Promise.all(
      events.flatMap((event, i) => [
        (async () =>
          statuses.push((await receivers[i % 3]!.fetch(await signedRequest(event))).status))(),
        (async () =>
          statuses.push(
            (await receivers[(i + 1) % 3]!.fetch(await signedRequest(event))).status,
          ))(),
      ]),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    await eventually(
      () => (handled.length >= events.length ? true : undefined),
      'the receivers to handle every event',
      15_000,
    );
    await Promise.all(receivers.map((receiver) => receiver.stop()));
    expect(handled.sort()).toEqual(events.map((e) => e.id).sort());
  });

  it("a crashed worker's claim is taken over by another receiver after the lease", async () => {
    const store = createPostgresStore({ pool: pools[0]!, schema, tablePrefix: 'lease_' });
    await store.migrate();
    let now = Date.now();
    const crashed = createReceiver({
      secret: SECRET,
      store,
      now: () => now,
      worker: { leaseMs: 1_000 },
    });
    const event = exampleEvent('user.created', 1);
    await crashed.fetch(await signedRequest(event, { timestamp: Math.floor(now / 1000) }));
    // The first process claims the event and dies without settling it.
    const [claimed] = await store.claim({ now, leaseMs: 1_000, limit: 1, token: 'dead-process' });
    expect(claimed?.id).toBe(event.id);

    const survivorStore = createPostgresStore({ pool: pools[1]!, schema, tablePrefix: 'lease_' });
    const survivor = createReceiver({ secret: SECRET, store: survivorStore, now: () => now });
    const handled: string[] = [];
    survivor.onAny((e) => {
      handled.push(e.id);
    });
    expect(await survivor.drain()).toBe(0);
    now += 1_000;
    expect(await survivor.drain()).toBe(1);
    expect(handled).toEqual([event.id]);
    expect(await survivorStore.get(event.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await store.complete(event.id, 'dead-process', now)).toBe(false);
  });
});
