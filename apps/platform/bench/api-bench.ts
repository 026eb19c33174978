// API throughput and latency of the platform over SQLite: a read, a list and a write that
// emits an event (with a webhook endpoint subscribed, so each write also fans out a delivery).
// The server runs in a child process; this process drives it with undici at fixed concurrency.
// Run: pnpm bench   (not part of `pnpm test`; bounded: ~3 s per row)
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';

const durationMs = Number(process.env.BENCH_DURATION_MS ?? 3000);
const warmupMs = 500;
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

interface Server {
  url: string;
  apiKey: string;
  bare: string;
  stop(): Promise<void>;
}

async function startServer(database: string, cost: number): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/bench-server.ts', database, String(cost)],
    {
      cwd: new URL('..', import.meta.url),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const info = JSON.parse(line) as Omit<Server, 'stop'>;
  return {
    ...info,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface Row {
  name: string;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

/** Sends `make(i)` requests from `concurrency` workers for `durationMs` (after a warm-up). */
async function measure(
  name: string,
  origin: string,
  make: (i: number) => {
    method: 'GET' | 'POST';
    path: string;
    headers?: Record<string, string>;
    body?: string;
  },
  expectStatus: number,
): Promise<Row> {
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
  let counter = 0;
  const latencies: number[] = [];
  let errors = 0;
  const run = async (until: number, record: boolean) => {
    while (performance.now() < until) {
      const request = make(counter++);
      const started = performance.now();
      const response = await pool.request({ origin, ...request });
      await response.body.text();
      if (record) {
        latencies.push(performance.now() - started);
        if (response.statusCode !== expectStatus) errors++;
      }
    }
  };
  const workers = (until: number, record: boolean) =>
    Promise.all(Array.from({ length: concurrency }, () => run(until, record)));
  await workers(performance.now() + warmupMs, false);
  const started = performance.now();
  await workers(started + durationMs, true);
  const elapsed = performance.now() - started;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    errors,
    perSecond: (latencies.length / elapsed) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const dir = await mkdtemp(join(tmpdir(), 'hookline-platform-bench-'));
const sink = createServer((_request, response) => response.writeHead(204).end());
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hooks`;
const rows: Row[] = [];

for (const cost of [16_384, 16]) {
  const server = await startServer(join(dir, `bench-${cost}.db`), cost);
  const auth = { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' };
  const setup = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(body),
    });
    return (await response.json()) as { id: string };
  };
  await setup('/v1/webhook_endpoints', { url: sinkUrl, enabled_events: ['*'] });
  const user = await setup('/v1/users', { email: 'reader@example.com', password: 'long enough' });
  const run = Date.now();
  if (cost === 16_384) {
    rows.push(
      await measure(
        'node:http fixed JSON (ceiling, no framework)',
        server.bare,
        () => ({ method: 'GET', path: '/' }),
        200,
      ),
    );
    rows.push(
      await measure(
        'GET /healthz (Hono, no auth or DB)',
        server.url,
        () => ({ method: 'GET', path: '/healthz' }),
        200,
      ),
    );
    rows.push(
      await measure(
        'GET /v1/users/{id} (read)',
        server.url,
        () => ({ method: 'GET', path: `/v1/users/${user.id}`, headers: auth }),
        200,
      ),
    );
    rows.push(
      await measure(
        'GET /v1/users?limit=10 (list)',
        server.url,
        () => ({ method: 'GET', path: '/v1/users?limit=10', headers: auth }),
        200,
      ),
    );
  }
  rows.push(
    await measure(
      `POST /v1/users (write + user.created, scrypt N=${cost})`,
      server.url,
      (i) => ({
        method: 'POST',
        path: '/v1/users',
        headers: { ...auth, 'idempotency-key': `bench-${cost}-${run}-${i}` },
        body: JSON.stringify({
          email: `bench${cost}-${run}-${i}@example.com`,
          password: 'long enough',
        }),
      }),
      201,
    ),
  );
  await server.stop();
}

sink.close();
await rm(dir, { recursive: true, force: true });

const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors'];
const table = rows.map((row) => [
  row.name,
  row.perSecond.toFixed(0),
  row.p50.toFixed(2),
  row.p99.toFixed(2),
  String(row.requests),
  String(row.errors),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) =>
  cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
    .join('  ');
console.log(
  `\nHookline platform API over SQLite — concurrency ${concurrency}, ${durationMs} ms per row, Node ${process.version}\n`,
);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));
