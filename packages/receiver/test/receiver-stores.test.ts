import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { createMemoryStore } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import { checkDeadLetterRedeliveryRace, checkLongProviderId } from './support/store-scenarios.js';

// The same scenarios run against Postgres in postgres-store.test.ts.
const dir = mkdtempSync(join(tmpdir(), 'hookline-scenarios-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const stores = {
  memory: () => createMemoryStore(),
  sqlite: () => {
    n += 1;
    return createSqliteStore({ path: join(dir, `scenario-${n}.db`) });
  },
};

for (const [name, create] of Object.entries(stores)) {
  describe(`receiver on the ${name} store`, () => {
    it('two redeliveries of one dead letter queue it once: the handler does not run twice', async () => {
      const store = create();
      await checkDeadLetterRedeliveryRace(store);
      await store.close();
    });

    it('answers 400 to a provider id longer than the limit', async () => {
      const store = create();
      await checkLongProviderId(store);
      await store.close();
    });
  });
}
