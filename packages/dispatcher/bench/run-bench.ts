/**
 * Dispatcher throughput and latency, printed as one table. Not part of `pnpm test`.
 *
 * Every process is warmed up first and the warm-up is not counted: the ceiling sends requests
 * for BENCH_WARMUP_SECONDS (2) before it measures, and the worker processes deliver what a
 * publisher sends them for as long (V8 compiles hot code to machine code only after it ran a
 * while; a cold worker spends several times the CPU per delivery in its first seconds, and
 * four workers sharing the load stay cold four times as long, which would read as "more
 * workers are slower").
 *
 * For each store (SQLite file, Postgres) and 1, 2 and 4 worker processes:
 * - drain/s: this process publishes a backlog of BENCH_BACKLOG (20 000) events while the
 *   workers wait, then the workers deliver it to a loopback receiver in this process; counted
 *   from the start signal to the last acknowledgement. Beside it, the CPU time the worker
 *   processes spent per delivery meanwhile, and with Postgres the database server's (Linux:
 *   from /proc; the server's only when it runs on this machine).
 * - deliveries/s: a publisher process publishes as fast as BENCH_PUBLISHERS (128) concurrent
 *   publishers can for BENCH_SECONDS (3) while the workers deliver; counted from the first
 *   publish to the last acknowledgement (publisher, receiver and workers share the CPU). The
 *   publisher is not this process: its store transactions would stall the receiver's answers,
 *   which the ceiling row does not pay.
 *   Beside it: the deliveries/s while the publishing lasted (the rest drains the backlog it
 *   left), and the CPU cores the workers, the publisher and the receiver each kept busy
 *   meanwhile (Linux: from /proc), which says whether the workers computed, waited or were
 *   crowded out.
 * Then it publishes a steady 100 events/s for one second and reports the
 * publish()-returned-to-request-arrived latency p50/p99 (not saturated). The ceiling row is
 * raw undici POSTs of the same body to the same receiver with as many requests in flight as a
 * worker has (`inFlight`, the dispatcher's default concurrency); it is measured again just
 * before each scenario, and each row's "of ceiling" compares with that measurement.
 *
 * Run: pnpm --filter @hookline/dispatcher bench   (builds first via turbo when run from the root)
 * Postgres: HOOKLINE_BENCH_DATABASE_URL or HOOKLINE_TEST_DATABASE_URL, else a throwaway server.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startTestPostgres } from '@hookline/test-postgres';
import { Pool } from 'undici';
import type * as Core from '../src/index.js';
import type * as Postgres from '../src/postgres/index.js';
import type * as Sqlite from '../src/sqlite/index.js';
import { buildPrivateCopy } from '../test/helpers/private-build.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
/** Unmeasured warm-up before each measurement (see above). */
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
/**
 * Concurrent publishers. Enough that publishing (group-committed: concurrent publishes share a
 * transaction) outpaces the workers, so the table measures delivery, not the publisher.
 */
const publishers = Number(process.env.BENCH_PUBLISHERS ?? 128);
/** Events published before the workers start, for the drain column. */
const backlog = Number(process.env.BENCH_BACKLOG ?? 20_000);
/** Requests in flight: each worker's `concurrency` and the ceiling's connections (BENCH_IN_FLIGHT, default 64: the dispatcher's default). */
const inFlight = Number(process.env.BENCH_IN_FLIGHT ?? 64);
/** Which stores to measure: BENCH_STORES=sqlite,postgres (default both). */
const stores = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');
/** Worker process counts to measure: BENCH_WORKERS=1,2,4 (default). */
const workerCounts = (process.env.BENCH_WORKERS ?? '1,2,4').split(',').map(Number);
/** Extra node flags for worker processes, e.g. BENCH_WORKER_NODE_ARGS=--cpu-prof to profile them. */
const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const workerScript = fileURLToPath(new URL('./bench-worker.mjs', import.meta.url));
// Measure the built package, built into a private folder (see buildPrivateCopy).
const distDir = buildPrivateCopy('hookline-bench-build');
const load = async <T>(path: string): Promise<T> =>
  (await import(pathToFileURL(join(distDir, path)).href)) as T;
const { createDispatcher } = await load<typeof Core>('index.mjs');
const { createSqliteStore } = await load<typeof Sqlite>('sqlite/index.mjs');
const { createPostgresStore } = await load<typeof Postgres>('postgres/index.mjs');
type DispatcherStore<Tx> = Core.DispatcherStore<Tx>;

interface Row {
  scenario: string;
  workers: number | '-';
  delivered: number;
  perSecond: number;
  /**
   * The ceiling measured just before this scenario (null for the ceiling rows): a shared
   * machine's speed drifts between runs and within one, so each row is compared with its own.
   */
  ceiling: number | null;
  /** Deliveries/s draining a backlog with no publisher running; null for the ceiling. */
  drainPerSecond: number | null;
  /**
   * CPU time the worker processes spent per delivery during the drain (µs; Linux only). Less
   * noisy than throughput on a shared machine: what a change to the worker costs or saves.
   */
  drainCpuMicros: number | null;
  /**
   * CPU time the database server spent per delivery during the drain (µs): every process named
   * `postgres` on this machine (Linux only; null for SQLite, whose work is in the workers' CPU,
   * and for a server on another machine).
   */
  drainDatabaseMicros: number | null;
  /**
   * CPU cores the worker processes, the publisher process and this one (the receiver) kept busy
   * while the publishing lasted, on average (Linux only). Where the workers' share is below one
   * core each, they waited (for the SQLite write lock, the database) or were crowded out.
   */
  coresWhilePublishing: { workers: number; publisher: number; receiver: number } | null;
  /**
   * Deliveries/s during the publishing itself (the rest of the deliveries/s run drains what
   * was published): how much of the write lock and the CPU the workers get beside a publisher
   * that outpaces them.
   */
  whilePublishing: number | null;
  p50: number | null;
  p99: number | null;
}

const arrivals = new Map<string, number>();
const receiver = createServer((req, res) => {
  const id = req.headers['webhook-id'];
  req.resume();
  req.on('end', () => {
    if (typeof id === 'string' && !arrivals.has(id)) arrivals.set(id, performance.now());
    res.writeHead(200).end('ok');
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const port = (receiver.address() as AddressInfo).port;
const url = `http://127.0.0.1:${port}/webhooks`;

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? null
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function sampleEvent(i: number) {
  return {
    event: 'user.deleted' as const,
    version: 1 as const,
    resource_id: `usr_bench${i}`,
    metadata: {
      deleted_by: 'user' as const,
      actor_id: null,
      reason: 'gdpr_erasure' as const,
      hard_delete: true,
    },
  };
}

/** User + system CPU time of a process so far in µs, from /proc (null where there is none). */
function cpuMicros(pid: number): number | null {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / clockTicks;
  } catch {
    return null;
  }
}
/** Clock ticks per second (USER_HZ): 100 on Linux unless `getconf CLK_TCK` says otherwise. */
const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
/**
 * CPU time so far (µs) of every process on this machine named `postgres` (null where /proc
 * shows none): the database server's share of the work when it runs here. A server process
 * that exits between two readings takes its time with it, so this may undercount.
 */
function databaseCpu(): Map<number, number> | null {
  const found = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/stat`, 'utf8').includes(' (postgres) ')) continue;
    } catch {
      continue; // Gone meanwhile.
    }
    const micros = cpuMicros(Number(pid));
    if (micros !== null) found.set(Number(pid), micros);
  }
  return found.size > 0 ? found : null;
}
/** The database server's CPU time between two {@link databaseCpu} readings (µs). */
function databaseCpuSince(before: Map<number, number> | null): number | null {
  const after = databaseCpu();
  if (before === null || after === null) return null;
  let sum = 0;
  for (const [pid, micros] of after) sum += micros - (before.get(pid) ?? 0);
  return sum;
}
/** User + system CPU time of `children` together so far in µs (null where there is none). */
const processesCpu = (children: ChildProcess[]) => {
  let sum = 0;
  for (const child of children) {
    const micros = cpuMicros(child.pid!);
    if (micros === null) return null;
    sum += micros;
  }
  return sum;
};

/** The last arrival time (or `since` when nothing arrived). */
function latest(since: number): number {
  let last = since;
  for (const at of arrivals.values()) last = Math.max(last, at);
  return last;
}

/** Waits (bounded) until `count` distinct webhook-ids have arrived. */
async function drained(count: number) {
  const deadline = performance.now() + 60_000;
  while (arrivals.size < count && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function ceiling(warmup: number): Promise<Row> {
  process.stderr.write('bench: raw undici ceiling…\n');
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: inFlight });
  const body = JSON.stringify({
    id: 'evt_x',
    timestamp: new Date().toISOString(),
    ...sampleEvent(0),
  });
  let done = 0;
  const post = async (forSeconds: number) => {
    const until = performance.now() + forSeconds * 1000;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < until) {
          const res = await pool.request({
            path: '/webhooks',
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json' },
          });
          await res.body.dump();
          done++;
        }
      }),
    );
  };
  await post(warmup);
  done = 0;
  const started = performance.now();
  await post(seconds);
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return {
    scenario: 'raw undici POST (ceiling)',
    workers: '-',
    delivered: done,
    perSecond: done / elapsed,
    ceiling: null,
    drainPerSecond: null,
    drainCpuMicros: null,
    drainDatabaseMicros: null,
    coresWhilePublishing: null,
    whilePublishing: null,
    p50: null,
    p99: null,
  };
}

async function scenario(
  kind: 'sqlite' | 'postgres',
  workers: number,
  target: string,
  synchronous: 'full' | 'normal' = 'full',
): Promise<Row> {
  const near = (await ceiling(0.5)).perSecond;
  process.stderr.write(`bench: ${kind} with ${workers} worker(s)…\n`);
  const store: DispatcherStore<unknown> =
    kind === 'sqlite'
      ? (createSqliteStore({ path: target, synchronous }) as DispatcherStore<unknown>)
      : (createPostgresStore({ connectionString: target }) as DispatcherStore<unknown>);
  const publisher = createDispatcher({ store, allow: { loopback: true, http: true } });
  await publisher.createEndpoint({ url });
  /** Starts a dispatcher process (see bench-worker.mjs) and waits until it is ready. */
  const spawnDispatcher = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, [...nodeArgs, workerScript], {
      env: {
        ...process.env,
        STORE: kind,
        TARGET: target,
        SYNCHRONOUS: synchronous,
        HOOKLINE_DISPATCHER_DIST: distDir,
        CONCURRENCY: String(inFlight),
      },
      // The IPC channel closes when this process ends, however it ends: the child exits then.
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`bench process exited early (code ${code})`)));
    });
    return child;
  };
  const children = await Promise.all(Array.from({ length: workers }, spawnDispatcher));
  // Publishes during the throughput run, in a process of its own: a store transaction blocks its
  // event loop, and in this process it would hold up the receiver's answers.
  const publisherProcess = await spawnDispatcher();
  let i = 0;
  // Warm-up (not measured): the workers deliver what a publisher sends for warmupSeconds, then
  // pause (they finish what they hold and stop claiming).
  arrivals.clear();
  for (const child of children) child.send('start');
  const warmupUntil = performance.now() + warmupSeconds * 1000;
  const warmupStart = i;
  await Promise.all(
    Array.from({ length: publishers }, async () => {
      while (performance.now() < warmupUntil) await publisher.publish(sampleEvent(i++));
    }),
  );
  await drained(i - warmupStart);
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('message', () => resolve());
          child.send('pause');
        }),
    ),
  );
  // Drain: a backlog published while the workers wait, then the workers alone deliver it —
  // what the workers can do when they do not share the CPU with a publisher.
  const backlogEnd = i + backlog;
  await Promise.all(
    Array.from({ length: publishers }, async () => {
      while (i < backlogEnd) await publisher.publish(sampleEvent(i++));
    }),
  );
  arrivals.clear();
  const drainStarted = performance.now();
  const cpuBefore = processesCpu(children);
  const databaseBefore = kind === 'postgres' ? databaseCpu() : null;
  for (const child of children) child.send('start');
  await drained(backlog);
  const cpuAfter = processesCpu(children);
  const databaseMicros = databaseCpuSince(databaseBefore);
  const drainPerSecond = arrivals.size / ((latest(drainStarted) - drainStarted) / 1000);
  const drainCpuMicros =
    cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / arrivals.size;
  const drainDatabaseMicros = databaseMicros === null ? null : databaseMicros / arrivals.size;

  // Throughput: concurrent publishers (in the publisher process) for `seconds`, then wait for
  // what they published.
  arrivals.clear();
  const started = performance.now();
  const workersCpuBefore = processesCpu(children);
  const publisherCpuBefore = processesCpu([publisherProcess]);
  const receiverCpuBefore = process.cpuUsage();
  const published = await new Promise<number>((resolve) => {
    publisherProcess.once('message', (reply) =>
      resolve((reply as { published: number }).published),
    );
    publisherProcess.send({ publishFor: seconds, concurrency: publishers, event: sampleEvent(0) });
  });
  // The publishing has just ended (its last publishes resolved).
  const publishingMicros = (performance.now() - started) * 1000;
  const workersCpuAfter = processesCpu(children);
  const publisherCpuAfter = processesCpu([publisherProcess]);
  const receiverCpu = process.cpuUsage(receiverCpuBefore);
  const coresWhilePublishing =
    workersCpuBefore === null ||
    workersCpuAfter === null ||
    publisherCpuBefore === null ||
    publisherCpuAfter === null
      ? null
      : {
          workers: (workersCpuAfter - workersCpuBefore) / publishingMicros,
          publisher: (publisherCpuAfter - publisherCpuBefore) / publishingMicros,
          receiver: (receiverCpu.user + receiverCpu.system) / publishingMicros,
        };
  await drained(published);
  const delivered = arrivals.size;
  const elapsedMicros = (latest(started) - started) * 1000;
  const perSecond = delivered / (elapsedMicros / 1e6);
  const whilePublishing =
    [...arrivals.values()].filter((at) => at < started + seconds * 1000).length / seconds;

  // Latency: a steady 100 events/s for a second (not saturated), publish() return to arrival.
  arrivals.clear();
  const paced = new Map<string, number>();
  for (let n = 0; n < 100; n++) {
    const { event } = await publisher.publish(sampleEvent(i++));
    paced.set(event.id, performance.now());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await drained(paced.size);
  const latencies = [...paced].flatMap(([id, at]) => {
    const arrived = arrivals.get(id);
    return arrived === undefined ? [] : [arrived - at];
  });
  latencies.sort((a, b) => a - b);
  await Promise.all(
    [...children, publisherProcess].map((child) =>
      child.exitCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
    ),
  );
  await store.close();
  return {
    scenario: `${kind}${kind === 'sqlite' && synchronous === 'normal' ? ' (synchronous=normal)' : ''} → loopback receiver`,
    workers,
    delivered,
    perSecond,
    ceiling: near,
    drainPerSecond,
    drainCpuMicros,
    drainDatabaseMicros,
    coresWhilePublishing,
    whilePublishing,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const rows: Row[] = [await ceiling(warmupSeconds)];
const dir = mkdtempSync(join(tmpdir(), 'hookline-bench-'));
try {
  if (stores.includes('sqlite')) {
    for (const workers of workerCounts)
      rows.push(await scenario('sqlite', workers, join(dir, `bench-${workers}.db`)));
    // The opt-in setting: durable against process crashes, not against power loss.
    rows.push(await scenario('sqlite', 1, join(dir, 'bench-normal.db'), 'normal'));
  }
  if (stores.includes('postgres')) {
    const pg = await startTestPostgres({
      url: process.env.HOOKLINE_BENCH_DATABASE_URL ?? process.env.HOOKLINE_TEST_DATABASE_URL,
    });
    try {
      for (const workers of workerCounts)
        rows.push(await scenario('postgres', workers, await pg.createDatabase()));
    } finally {
      await pg.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  receiver.close();
}

const fmt = (n: number | null) => (n === null ? '-' : n.toFixed(1));
const percentOf = (n: number | null, of: number | null) =>
  n === null || of === null ? '-' : `${Math.round((n / of) * 100)} %`;
console.log(
  `\n@hookline/dispatcher bench (${seconds} s of publishing per scenario, Node ${process.version}; "of ceiling" compares with the ceiling measured just before the row)\n`,
);
console.table(
  rows.map((r) => ({
    scenario: r.scenario,
    workers: r.workers,
    delivered: r.delivered,
    'deliveries/s': Math.round(r.perSecond),
    'of ceiling': percentOf(r.perSecond, r.ceiling),
    'while publishing/s': r.whilePublishing === null ? '-' : Math.round(r.whilePublishing),
    'cores while publishing (workers/publisher/receiver)':
      r.coresWhilePublishing === null
        ? '-'
        : [
            r.coresWhilePublishing.workers,
            r.coresWhilePublishing.publisher,
            r.coresWhilePublishing.receiver,
          ]
            .map((cores) => cores.toFixed(2))
            .join(' / '),
    'drain/s': r.drainPerSecond === null ? '-' : Math.round(r.drainPerSecond),
    'drain of ceiling': percentOf(r.drainPerSecond, r.ceiling),
    'worker CPU µs/delivery': r.drainCpuMicros === null ? '-' : Math.round(r.drainCpuMicros),
    'database CPU µs/delivery':
      r.drainDatabaseMicros === null ? '-' : Math.round(r.drainDatabaseMicros),
    'p50 ms': fmt(r.p50),
    'p99 ms': fmt(r.p99),
  })),
);
