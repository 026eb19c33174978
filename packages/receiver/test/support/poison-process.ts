// A receiver worker in its own OS process, on a SQLite inbox the test filled: every handler run
// is appended to a log file first (a sync write survives the exit), then the poison event's
// handler takes the process down (process.exit, as an out-of-memory kill would) and the others
// take a while, so they are in flight when it does. Spawned by poison-handler.test.ts.
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createReceiver } from '../../src/index.js';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { SECRET } from './sign.js';

const [path, runsLog, poisonId] = process.argv.slice(2) as [string, string, string];
const receiver = createReceiver({
  secret: SECRET,
  store: createSqliteStore({ path }),
  retry: { attempts: 3, initialDelayMs: 0 },
  worker: { concurrency: 4, leaseMs: 1_000, pollIntervalMs: 20 },
});
receiver.onAny(async (event) => {
  appendFileSync(runsLog, `${event.id}\n`);
  if (event.id === poisonId) process.exit(70);
  await sleep(150);
});
receiver.start();
process.send?.('started');
// Never outlive the test: if it ends without stopping this process, the IPC channel closes.
process.on('disconnect', () => process.exit(0));
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await receiver.stop();
  process.disconnect?.();
});
