// The server side of the bench, in its own process: a platform over a fresh SQLite file
// (rate limit off) and, beside it, a bare node:http server answering fixed JSON (the ceiling).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPlatform } from '../src/index.js';

const [database, cost] = process.argv.slice(2);
if (!database) throw new Error('usage: bench-server.ts <sqlite file> [scrypt cost]');

const platform = await startPlatform({
  port: 0,
  database,
  // The numbers in the README were measured without the per-commit fsync (a throwaway database).
  sqliteSynchronous: 'normal',
  rateLimit: false,
  passwordCost: Number(cost ?? 16_384),
  log: () => {},
});
const body = JSON.stringify({ id: 'usr_bench', email: 'bench@example.com', name: null });
const bare = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end(body);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const { port } = bare.address() as AddressInfo;
process.stdout.write(
  `${JSON.stringify({ url: platform.url, apiKey: platform.apiKey, bare: `http://127.0.0.1:${port}` })}\n`,
);
process.on('SIGTERM', () => {
  bare.close();
  platform.stop().then(() => process.exit(0));
});
