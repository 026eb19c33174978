// A receiver in its own OS process: node:http on an ephemeral port, a Postgres store shared
// with its siblings, and a handler that records each run in a table whose primary key turns
// a second run of one event into an error. Spawned by multi-process.test.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createReceiver } from '../../src/index.js';
import { createNodeHandler } from '../../src/node/index.js';
import { createPostgresStore } from '../../src/postgres/index.js';
import { SECRET } from './sign.js';

const [connectionString, schema] = process.argv.slice(2) as [string, string];
const pool = new pg.Pool({ connectionString, max: 4 });
pool.on('error', () => {});
const store = createPostgresStore({ pool, schema, tablePrefix: 'mp_' });
const receiver = createReceiver({
  secret: SECRET,
  store,
  worker: { pollIntervalMs: 20, concurrency: 4 },
});
const errors: string[] = [];
receiver.onAny(async (event) => {
  await pool.query(`INSERT INTO "${schema}".handled (id, pid) VALUES ($1, $2)`, [
    event.id,
    process.pid,
  ]);
});
receiver.onError((error, info) => {
  if (info.stage === 'handler') errors.push(String((error as Error).message));
});
receiver.start();
// Never outlive the test: if it ends without stopping this process, the IPC channel closes.
process.on('disconnect', () => process.exit(0));
const server = createServer(createNodeHandler(receiver));
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await receiver.stop();
  server.close();
  await pool.end();
  process.send?.({ errors });
  process.disconnect?.();
});
