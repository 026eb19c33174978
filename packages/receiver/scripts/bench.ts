/**
 * Side-by-side throughput, printed as tables (not run by tests; `pnpm --filter @hookline/receiver bench`):
 *  1. A delivery through receiver.fetch (verify + parse + dedupe + memory inbox) vs the minimal
 *     peer: standardwebhooks' verify + JSON.parse + a Map.
 *  2. Inbox inserts per second for the memory, SQLite and Postgres stores, one at a time.
 *  3. Webhooks per second over HTTP on loopback (node:http, 32 in flight, keep-alive), from
 *     arrival to the 200, handlers running: the peer behind node:http next to a receiver (Node
 *     adapter, ack-first, worker started) on each store.
 * Postgres: HOOKLINE_TEST_DATABASE_URL when set, else a throwaway embedded PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEventDefinition } from '@hookline/events';
import { signWebhook } from '@hookline/signature';
import { Webhook } from 'standardwebhooks';
import { Bench } from 'tinybench';
import { createMemoryStore, createReceiver, type ReceiverStore } from '../src/index.js';
import { createNodeHandler } from '../src/node/index.js';
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

async function makeDeliveries(prefix = 'bench', count = POOL_SIZE): Promise<Delivery[]> {
  const timestamp = Math.floor(Date.now() / 1000);
  const deliveries: Delivery[] = [];
  for (let i = 0; i < count; i++) {
    const id = `evt_${prefix}_${i}`;
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

/** A Postgres inbox in a schema of its own (HOOKLINE_TEST_DATABASE_URL, else a throwaway server). */
async function benchPostgres(name: string) {
  const pg = await startTestPostgres();
  const pool = createPool(pg.connectionString, 4);
  const schema = uniqueSchema(name);
  const store = createPostgresStore({ pool, schema });
  await store.migrate();
  return {
    store,
    label: `Postgres (${pg.kind})`,
    async stop() {
      await store.close();
      await dropSchema(pool, schema);
      await pool.end();
      await pg.stop();
    },
  };
}

async function benchInserts() {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-bench-'));
  const postgres = await benchPostgres('bench');
  const stores: Array<[string, ReceiverStore]> = [
    ['memory', createMemoryStore()],
    ['SQLite (WAL, synchronous=FULL)', createSqliteStore({ path: join(dir, 'full.db') })],
    [
      'SQLite (WAL, synchronous=NORMAL)',
      createSqliteStore({ path: join(dir, 'normal.db'), synchronous: 'normal' }),
    ],
    [postgres.label, postgres.store],
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
  for (const [, store] of stores) if (store !== postgres.store) await store.close();
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}

const HTTP_DELIVERIES = 4_000;
const HTTP_IN_FLIGHT = 32;

/** POSTs `deliveries` to `port`, HTTP_IN_FLIGHT at a time; every answer must be 200. */
async function sendOverHttp(port: number, deliveries: Delivery[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: HTTP_IN_FLIGHT });
  const post = ({ body, headers }: Delivery) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/webhooks', method: 'POST', headers, agent },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: HTTP_IN_FLIGHT }, async () => {
      while (next < deliveries.length) {
        const status = await post(deliveries[next++]!);
        if (status !== 200) throw new Error(`status ${status}`);
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  agent.destroy();
  return {
    perSecond: deliveries.length / ((performance.now() - started) / 1000),
    cpuMicros: (used.user + used.system) / deliveries.length,
  };
}

async function benchHttp() {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-bench-http-'));
  const postgres = await benchPostgres('bench_http');
  const peer = new Webhook(SECRET);
  const seen = new Map<string, unknown>();
  const scenarios: Array<[string, ReceiverStore | null]> = [
    ['standardwebhooks verify + JSON.parse + Map behind node:http (minimal peer)', null],
    ['@hookline/receiver, memory store', createMemoryStore()],
    [
      '@hookline/receiver, SQLite (synchronous=FULL)',
      createSqliteStore({ path: join(dir, 'full.db') }),
    ],
    [
      '@hookline/receiver, SQLite (synchronous=NORMAL)',
      createSqliteStore({ path: join(dir, 'normal.db'), synchronous: 'normal' }),
    ],
    [`@hookline/receiver, ${postgres.label}`, postgres.store],
  ];
  const rows: Array<Record<string, string | number>> = [];
  for (const [[name, store], index] of scenarios.map((s, i) => [s, i] as const)) {
    const receiver = store && createReceiver({ secret: SECRET, store });
    receiver?.on('payment.succeeded', async () => {});
    receiver?.start();
    const server = createServer(
      receiver
        ? createNodeHandler(receiver)
        : (req, res) => {
            const chunks: Buffer[] = [];
            req.on('data', (chunk: Buffer) => chunks.push(chunk));
            req.on('end', () => {
              const body = Buffer.concat(chunks).toString('utf8');
              peer.verify(body, req.headers as Record<string, string>);
              const event = JSON.parse(body) as { id: string };
              if (!seen.has(event.id)) seen.set(event.id, event);
              res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
            });
          },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Warm-up (not counted), then the measured run; each with ids of its own.
    await sendOverHttp(port, await makeDeliveries(`warm${index}`, 1_000));
    const run = await sendOverHttp(port, await makeDeliveries(`http${index}`, HTTP_DELIVERIES));
    rows.push({
      receiver: name,
      'webhooks/s': Math.round(run.perSecond),
      'CPU µs/webhook (client and server)': Math.round(run.cpuMicros),
    });
    await receiver?.stop();
    await new Promise((resolve) => server.close(resolve));
    if (store && store !== postgres.store) await store.close();
  }
  console.log(
    `\nsigned webhooks over HTTP on loopback: ${HTTP_DELIVERIES} new ids, ${HTTP_IN_FLIGHT} in flight (keep-alive), client in the same process`,
  );
  console.table(rows);
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}

console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
await benchReceive(await makeDeliveries());
await benchInserts();
await benchHttp();
