/**
 * Benchmarks, printed side by side (not run by tests):
 * 1. requests/s of the same GET against one loopback node:http server (in a worker thread)
 *    for raw fetch (the ceiling), openapi-fetch and @hookline/client;
 * 2. minified + gzipped size of each client's ESM entry, bundled as a consumer would.
 *
 * Run: pnpm --filter @hookline/client bench   (builds dist first)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import createOpenapiFetch from 'openapi-fetch';
import { createTypedClient } from '../src/index.js';
import type { paths } from '../test/support/test-paths.js';

const here = dirname(fileURLToPath(import.meta.url));
const durationMs = Number(process.env.BENCH_MS ?? 2000);
const concurrency = 16;
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

const serverSource = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const body = JSON.stringify({ id: 'pay_123', amount: 1999, currency: 'eur', status: 'succeeded', description: null });
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

async function startServer() {
  const worker = new Worker(serverSource, { eval: true });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  return { url: `http://127.0.0.1:${port}`, stop: () => worker.terminate() };
}

type Contender = { name: string; once: () => Promise<unknown> };

async function measure(once: () => Promise<unknown>, ms: number) {
  let count = 0;
  const end = performance.now() + ms;
  const loop = async () => {
    while (performance.now() < end) {
      await once();
      count++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  return (count / (performance.now() - start)) * 1000;
}

async function throughput() {
  const server = await startServer();
  const headers = { authorization: 'Bearer sk_test_bench', accept: 'application/json' };
  const ofetch = createOpenapiFetch<paths>({ baseUrl: server.url, headers });
  const hookline = createTypedClient<paths>({ baseUrl: server.url, apiKey: 'sk_test_bench' });
  const hooklineNoTimeout = createTypedClient<paths>({
    baseUrl: server.url,
    apiKey: 'sk_test_bench',
    timeoutMs: 0,
  });
  const params = { params: { path: { payment_id: 'pay_123' } } };
  const contenders: Contender[] = [
    {
      name: 'raw fetch (ceiling)',
      once: async () => {
        const res = await fetch(`${server.url}/v1/payments/pay_123`, { headers });
        if (!res.ok) throw new Error(String(res.status));
        return res.json();
      },
    },
    {
      // What a timeout costs on its own: the same fetch with a per-request timeout signal.
      name: 'raw fetch + 30 s timeout signal',
      once: async () => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 30_000);
        try {
          const res = await fetch(`${server.url}/v1/payments/pay_123`, {
            headers,
            signal: controller.signal,
          });
          if (!res.ok) throw new Error(String(res.status));
          return await res.json();
        } finally {
          clearTimeout(timer);
        }
      },
    },
    {
      name: 'openapi-fetch 0.17.0',
      once: async () => {
        const { data } = await ofetch.GET('/v1/payments/{payment_id}', params);
        if (!data) throw new Error('no data');
        return data;
      },
    },
    {
      name: '@hookline/client (defaults: 30 s timeout)',
      once: async () => {
        const result = await hookline.GET('/v1/payments/{payment_id}', params);
        if (!result.ok) throw new Error(String(result.status));
        return result.data;
      },
    },
    {
      name: '@hookline/client (timeoutMs: 0)',
      once: async () => {
        const result = await hooklineNoTimeout.GET('/v1/payments/{payment_id}', params);
        if (!result.ok) throw new Error(String(result.status));
        return result.data;
      },
    },
  ];
  for (const c of contenders) await measure(c.once, 300); // warm-up: JIT, sockets
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  // Interleave rounds so drift on a shared machine hits every contender alike.
  for (let round = 0; round < rounds; round++)
    for (const c of contenders) samples.get(c.name)?.push(await measure(c.once, durationMs));
  await server.stop();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const ceiling = median(samples.get(contenders[0]?.name ?? '') ?? []);
  return contenders.map((c) => {
    const rps = median(samples.get(c.name) ?? []);
    return {
      client: c.name,
      'req/s (median)': Math.round(rps),
      'vs raw fetch': `${((rps / ceiling) * 100).toFixed(1)}%`,
    };
  });
}

/** The slice of rolldown's API used here (rolldown is tsdown's bundler, not our dependency). */
type Rolldown = (options: {
  input: string;
  external: (id: string) => boolean;
  logLevel: 'silent';
}) => Promise<{
  generate(options: { format: 'esm'; minify: boolean }): Promise<{ output: [{ code: string }] }>;
  close(): Promise<void>;
}>;

async function gzippedSize(entry: string, external: (id: string) => boolean) {
  const tsdown = createRequire(import.meta.resolve('tsdown'));
  const { rolldown } = (await import(pathToFileURL(tsdown.resolve('rolldown')).href)) as {
    rolldown: Rolldown;
  };
  const bundle = await rolldown({ input: entry, external, logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'esm', minify: true });
  await bundle.close();
  const code = output[0].code;
  return { min: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

async function sizes() {
  const require = createRequire(import.meta.url);
  const ofetchEntry = join(dirname(require.resolve('openapi-fetch')), 'index.mjs');
  const bare = (id: string) => !id.startsWith('.') && !id.startsWith('/');
  const dist = join(here, '../dist/index.mjs');
  // Like for like with openapi-fetch: only the generic client (retries, timeouts, idempotency,
  // pagination included), as a consumer importing just createTypedClient gets it.
  const typedOnly = join(mkdtempSync(join(tmpdir(), 'hookline-size-')), 'typed-only.mjs');
  writeFileSync(typedOnly, `export { createTypedClient } from ${JSON.stringify(dist)};\n`);
  const rows = [
    { name: 'openapi-fetch 0.17.0', entry: ofetchEntry },
    { name: '@hookline/client (core entry, everything)', entry: dist },
    { name: '@hookline/client (createTypedClient only)', entry: typedOnly },
  ];
  const out = [];
  for (const row of rows) {
    readFileSync(row.entry); // fails clearly when dist is missing: run the build first
    const { min, gzip } = await gzippedSize(row.entry, bare);
    out.push({
      entry: row.name,
      'min bytes': min,
      'min+gzip bytes': gzip,
      'min+gzip kB': (gzip / 1024).toFixed(2),
    });
  }
  return out;
}

console.log(`\nSize: ESM entry bundled with rolldown (bare imports external), minified, gzip -9`);
console.table(await sizes());
console.log(
  `\nThroughput: GET /v1/payments/{id} against one loopback node:http server (worker thread), ` +
    `${concurrency} concurrent loops, ${rounds} interleaved rounds of ${durationMs} ms, median`,
);
console.table(await throughput());
