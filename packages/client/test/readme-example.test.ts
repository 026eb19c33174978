import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { documentedExample, exampleRoute } from './support/example-route.js';
import { type LoopbackServer, startLoopbackServer } from './support/loopback-server.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

it('the example at the top of the README runs against an API answering the documented examples', async () => {
  const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toContain("from '@hookline/client'");
  const file = join(mkdtempSync(join(tmpdir(), 'hookline-readme-')), 'example.mts');
  const entry = JSON.stringify(join(import.meta.dirname, '../src/index.ts'));
  writeFileSync(file, (code ?? '').replace("'@hookline/client'", entry));

  server = await startLoopbackServer(exampleRoute({ listSize: 3 }));
  vi.stubEnv('HOOKLINE_API_URL', server.url);
  const lines: unknown[][] = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args));
  await import(/* @vite-ignore */ file);

  const payment = documentedExample('getPayment', 200).example as {
    status: string;
    amount: number;
  };
  const account = documentedExample('getAccount', 200).example as { name: string };
  expect(lines[0]).toEqual([payment.status, payment.amount]);
  expect(lines[1]).toEqual([account.name]);
  expect(lines.slice(2).flat()).toEqual([1, 2, 3].map((n) => `pay_3MtwBwLkdIwHu7ix_${n}`));
  expect(server.requests.map((r) => r.headers.authorization)).toContain(
    'Bearer sk_test_hookline_sandbox',
  );
});
