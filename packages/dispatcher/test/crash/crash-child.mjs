// A dispatcher process for the crash test: it runs the BUILT package (the directory is passed in
// HOOKLINE_DISPATCHER_DIST) over a SQLite file and delivers to the test's loopback receiver.
// mode "publish": publish events forever, appending each id to the ack file only after
// publish() resolved (so an acked id is a promise the dispatcher made). mode "drain": publish
// nothing, deliver until no delivery is pending, then exit 0.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const {
  HOOKLINE_DISPATCHER_DIST: dist,
  DB_PATH,
  RECEIVER_URL,
  ACK_FILE,
  MODE,
  SECRET,
  RUN,
} = process.env;
const { createDispatcher } = await import(pathToFileURL(join(dist, 'index.mjs')).href);
const { createSqliteStore } = await import(pathToFileURL(join(dist, 'sqlite', 'index.mjs')).href);

const store = createSqliteStore({ path: DB_PATH });
const dispatcher = createDispatcher({
  store,
  endpoints: [{ id: 'ep_crash', url: RECEIVER_URL, secret: SECRET }],
  allow: { loopback: true, http: true },
  timeoutMs: 1000,
  // Short leases so that deliveries a killed process had in flight are picked up again soon.
  leaseMs: 1500,
  pollIntervalMs: 25,
  concurrency: 4,
  schedule: { delaysMs: [0, 50, 100, 200, 400, 800, 800, 800, 800, 800, 800, 800], jitter: 0.1 },
});
await dispatcher.start();
// Tells the test that start-up (module load, schema, worker) is over, so its kill lands in the
// publish/deliver loop even when a loaded machine makes start-up slow.
process.stdout.write('ready\n');

if (MODE === 'drain') {
  for (;;) {
    const pending = await dispatcher.listDeliveries({ status: 'pending', limit: 1 });
    const failed = await dispatcher.listDeliveries({ status: 'failed', limit: 1 });
    if (pending.length === 0) {
      await dispatcher.stop();
      await store.close();
      process.stdout.write(`drained failed=${failed.length}\n`);
      process.exit(0);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
} else {
  for (let i = 0; ; i++) {
    const { event } = await dispatcher.publish({
      event: 'user.deleted',
      version: 1,
      resource_id: `usr_${RUN}_${i}`,
      metadata: {
        deleted_by: 'user',
        actor_id: null,
        reason: 'gdpr_erasure',
        hard_delete: i % 2 === 0,
      },
    });
    appendFileSync(ACK_FILE, `${event.id}\n`);
    if (i % 4 === 3) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
