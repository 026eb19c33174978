import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { unfinishedRunError } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import { exampleEvent, inboxEntry } from './support/events.js';

const dir = mkdtempSync(join(tmpdir(), 'hookline-poison-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a worker process (see support/poison-process.ts); resolves once it runs. */
function startWorker(args: string[]): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./support/poison-process.ts', import.meta.url));
  const child = fork(script, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
  });
}

describe('a handler that takes the process down', () => {
  it('is dead-lettered once its runs are used up, and the events beside it are handled', async () => {
    const path = join(dir, 'inbox.db');
    const runsLog = join(dir, 'runs.log');
    writeFileSync(runsLog, '');
    const store = createSqliteStore({ path });
    // Oldest first: the poison event is claimed beside three others on the first run.
    const events = Array.from({ length: 7 }, () => exampleEvent('payment.succeeded', 2));
    const poison = events[1]!;
    for (const [i, event] of events.entries()) {
      await store.insert(inboxEntry(event, Date.now() - 1_000 + i));
    }
    const settled = async () => {
      const entries = await Promise.all(events.map((e) => store.get(e.id)));
      return entries.every((e) => e?.status === 'done' || e?.status === 'dead');
    };

    let crashes = 0;
    const deadline = Date.now() + 60_000;
    while (!(await settled())) {
      if (Date.now() > deadline || crashes > 6) break;
      const child = await startWorker([path, runsLog, poison.id]);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      // Until it crashes, or the inbox settles (then it is stopped).
      for (;;) {
        const outcome = await Promise.race([
          exited.then((code) => ({ code })),
          new Promise<undefined>((resolve) => setTimeout(resolve, 50)),
        ]);
        if (outcome !== undefined) {
          expect(outcome.code).toBe(70);
          crashes += 1;
          break;
        }
        if (await settled()) {
          child.send('stop');
          await exited;
          break;
        }
      }
    }

    const runs = readFileSync(runsLog, 'utf8').trim().split('\n');
    // retry.attempts is 3: three runs, each taking the process down, then no fourth.
    expect(runs.filter((id) => id === poison.id)).toHaveLength(3);
    expect(crashes).toBe(3);
    const dead = await store.get(poison.id);
    expect(dead).toMatchObject({ status: 'dead', lastError: { name: unfinishedRunError } });
    expect(dead?.lastError?.message).toMatch(
      /^run 3 did not finish: .*; 3 runs in a row did not, the last one a take-over started alone, and 3 of 3 runs \(retry\.attempts\) are used/,
    );
    expect(await store.listDeadLetters({ limit: 10 })).toHaveLength(1);
    for (const event of events.filter((e) => e !== poison)) {
      expect(await store.get(event.id)).toMatchObject({ status: 'done' });
      expect(runs).toContain(event.id);
    }
    await store.close();
  }, 90_000);
});
