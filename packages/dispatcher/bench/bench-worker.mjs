// One dispatcher process for the benchmark: runs the built package (HOOKLINE_DISPATCHER_DIST)
// against the store named in the environment. As a worker it delivers between 'start' and
// 'pause' (or SIGTERM); as the publisher it publishes when asked ({ publishFor }), so that
// publishing does not run in the process that hosts the receiver.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { STORE, TARGET, CONCURRENCY, SYNCHRONOUS, HOOKLINE_DISPATCHER_DIST: dist } = process.env;
const load = (path) => import(pathToFileURL(join(dist, path)).href);
const { createDispatcher } = await load('index.mjs');
const store =
  STORE === 'postgres'
    ? (await load('postgres/index.mjs')).createPostgresStore({ connectionString: TARGET, max: 8 })
    : (await load('sqlite/index.mjs')).createSqliteStore({
        path: TARGET,
        synchronous: SYNCHRONOUS === 'normal' ? 'normal' : 'full',
      });
const dispatcher = createDispatcher({
  store,
  allow: { loopback: true, http: true },
  concurrency: Number(CONCURRENCY),
  pollIntervalMs: Number(process.env.POLL_MS ?? 5),
  // Failures are worth seeing in a benchmark: they would distort the numbers.
  logger: {
    info: (message, fields) =>
      process.stderr.write(`worker ${process.pid}: ${message} ${JSON.stringify(fields)}\n`),
    warn: (message, fields) =>
      process.stderr.write(`worker ${process.pid}: ${message} ${JSON.stringify(fields)}\n`),
    error: (message, fields) =>
      process.stderr.write(`worker ${process.pid}: ${message} ${JSON.stringify(fields)}\n`),
  },
});
await dispatcher.ready();
process.stdout.write('ready\n');
// Pauses on 'pause' (finishes what it holds, then answers 'paused').
process.on('message', async (message) => {
  if (message === 'start') void dispatcher.start();
  if (message === 'pause') {
    await dispatcher.stop();
    process.send('paused');
  }
  // { publishFor: seconds, concurrency, event }: publish copies of `event` (one resource id
  // each) from `concurrency` loops until the time is up, then answer how many.
  if (typeof message === 'object' && message !== null && 'publishFor' in message) {
    const { publishFor, concurrency, event } = message;
    const until = performance.now() + publishFor * 1000;
    let published = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          await dispatcher.publish({ ...event, resource_id: `usr_pub${published++}` });
        }
      }),
    );
    process.send({ published });
  }
});
// Never outlive the bench (a crashed bench would otherwise leave this worker polling).
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', async () => {
  await dispatcher.stop();
  await store.close();
  process.exit(0);
});
