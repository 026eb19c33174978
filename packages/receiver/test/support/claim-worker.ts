// A separate OS process that drains the Postgres inbox; spawned by postgres-store.test.ts.
import pg from 'pg';
import { createPostgresStore } from '../../src/postgres/index.js';

const [connectionString, schema, tablePrefix] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString, max: 2 });
const store = createPostgresStore({ pool, schema: schema!, tablePrefix: tablePrefix! });
const handled: string[] = [];
for (;;) {
  const batch = await store.claim({
    now: Date.now(),
    leaseMs: 60_000,
    limit: 3,
    token: `${process.pid}-${Math.random()}`,
  });
  if (batch.length === 0) break;
  for (const entry of batch) {
    handled.push(entry.id);
    await new Promise((resolve) => setTimeout(resolve, 2));
    await store.complete(entry.id, entry.token, Date.now());
  }
}
await pool.end();
process.send?.(handled);
process.disconnect?.();
