/**
 * Side-by-side throughput, printed as tables (not run by tests; `pnpm --filter @hookline/receiver bench`):
 *  1. A delivery through receiver.fetch (verify + parse + dedupe + memory inbox) vs the minimal
 *     peer: standardwebhooks' verify + JSON.parse + a Map.
 *  2. Inbox inserts per second for the memory, SQLite and Postgres stores.
 * Postgres: HOOKLINE_TEST_DATABASE_URL when set, else a throwaway embedded PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEventDefinition } from '@hookline/events';
import { signWebhook } from '@hookline/signature';
import { Webhook } from 'standardwebhooks';
import { Bench } from 'tinybench';
import { createMemoryStore, createReceiver, type ReceiverStore } from '../src/index.js';
import { createPostgresStore } from '../src/postgres/index.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import {
  createPool,
  dropSchema,
  startTestPostgres,
  uniqueSchema,
} from '../test/support/postgres.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const POOL_SIZE = 20_000;
const example = getEventDefinition('payment.succeeded', 2)!.example;

interface Delivery {
  body: string;
  headers: Record<string, string>;
}

async function makeDeliveries(): Promise<Delivery[]> {
  const timestamp = Math.floor(Date.now() / 1000);
  const deliveries: Delivery[] = [];
  for (let i = 0; i < POOL_SIZE; i++) {
    const id = `evt_bench_${i}`;
    const body = JSON.stringify({ ...example, id });
    const signature = await signWebhook({ id, timestamp, payload: body, secret: SECRET });
    deliveries.push({ body, headers: { 'content-type': 'application/json', ...signature } });
  }
  return deliveries;
}

const toRequest = ({ body, headers }: Delivery) =>
  new Request('http://bench.local/webhooks', { method: 'POST', headers, body });

async function benchReceive(deliveries: Delivery[]) {
  const receiver = createReceiver({ secret: SECRET, store: createMemoryStore() });
  const peer = new Webhook(SECRET);
  const seen = new Map<string, unknown>();
  let r = 0;
  let p = 0;
  const bench = new Bench({
    name: 'receive one signed delivery (unique ids)',
    time: 1_500,
    warmupTime: 200,
  });
  bench
    .add('@hookline/receiver fetch (verify + parse/validate + dedupe + memory inbox)', async () => {
      const response = await receiver.fetch(toRequest(deliveries[r++ % deliveries.length]!));
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      await response.arrayBuffer();
    })
    .add('standardwebhooks verify + JSON.parse + Map (minimal peer)', async () => {
      const request = toRequest(deliveries[p++ % deliveries.length]!);
      const body = await request.text();
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      peer.verify(body, headers);
      const event = JSON.parse(body) as { id: string };
      if (!seen.has(event.id)) seen.set(event.id, event);
    });
  await bench.run();
  console.log(
    `\n${bench.name} — pool of ${POOL_SIZE} ids; ids repeat (as duplicates) only past that many iterations`,
  );
  console.table(bench.table());
}

async function benchInserts() {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-bench-'));
  const pg = await startTestPostgres();
  const pool = createPool(pg.connectionString, 4);
  const schema = uniqueSchema('bench');
  const postgres = createPostgresStore({ pool, schema });
  await postgres.migrate();
  const stores: Array<[string, ReceiverStore]> = [
    ['memory', createMemoryStore()],
    ['SQLite (WAL, synchronous=FULL)', createSqliteStore({ path: join(dir, 'full.db') })],
    [
      'SQLite (WAL, synchronous=NORMAL)',
      createSqliteStore({ path: join(dir, 'normal.db'), synchronous: 'normal' }),
    ],
    [`Postgres (${pg.kind})`, postgres],
  ];
  const payload = JSON.stringify(example);
  const bench = new Bench({
    name: 'inbox insert (new id each time)',
    time: 1_500,
    warmupTime: 200,
  });
  for (const [name, store] of stores) {
    let i = 0;
    bench.add(name, async () => {
      i += 1;
      await store.insert({
        id: `evt_ins_${i}`,
        event: 'payment.succeeded',
        version: 2,
        payload,
        source: 'push',
        receivedAt: Date.now(),
      });
    });
  }
  await bench.run();
  console.log(`\n${bench.name}`);
  console.table(bench.table());
  for (const [, store] of stores) await store.close();
  await dropSchema(pool, schema);
  await pool.end();
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}

console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
await benchReceive(await makeDeliveries());
await benchInserts();
