import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@hookline/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { createReceiver, type ReceiverStore } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import { exampleEvent } from './support/events.js';
import { SECRET, signedRequest } from './support/sign.js';
import { allDone, gate, pause } from './support/worker-tools.js';

/** Counts handler runs per event id, and the most that ran at once (overall and per id). */
function tracker() {
  const runs = new Map<string, number>();
  const active = new Map<string, number>();
  const state = { running: 0, maxRunning: 0, maxSameId: 0 };
  return {
    state,
    runs,
    async around(id: string, body: () => Promise<void>): Promise<void> {
      runs.set(id, (runs.get(id) ?? 0) + 1);
      active.set(id, (active.get(id) ?? 0) + 1);
      state.running += 1;
      state.maxRunning = Math.max(state.maxRunning, state.running);
      state.maxSameId = Math.max(state.maxSameId, active.get(id)!);
      try {
        await body();
      } finally {
        state.running -= 1;
        active.set(id, active.get(id)! - 1);
      }
    },
  };
}

describe('worker keeps `concurrency` entries in flight (SQLite file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-worker-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * A started worker (concurrency 2, no polling) whose handlers all wait for `release`, with
   * `count` events pushed and two of them running.
   */
  async function blockedWorker(file: string, count: number) {
    const store = createSqliteStore({ path: join(dir, file) });
    const receiver = createReceiver({
      secret: SECRET,
      store,
      worker: { concurrency: 2, pollIntervalMs: 60_000 },
    });
    const release = gate();
    const seen = tracker();
    receiver.on('user.created', (event) => seen.around(event.id, () => release.wait));
    receiver.start();
    const push = async (n: number) => {
      const events = Array.from({ length: n }, () => exampleEvent('user.created', 1));
      for (const event of events) {
        expect((await receiver.fetch(await signedRequest(event))).status).toBe(200);
      }
      return events;
    };
    const events = await push(count);
    await eventually(() => (seen.state.running === 2 ? true : undefined), 'two running', 5_000);
    return { store, receiver, release, seen, events, push };
  }

  it('a handler blocked until released does not hold back the other entries (running worker)', async () => {
    const store = createSqliteStore({ path: join(dir, 'loop.db') });
    // A long poll interval: only pushes and freed slots can make the worker claim.
    const receiver = createReceiver({
      secret: SECRET,
      store,
      worker: { concurrency: 2, pollIntervalMs: 60_000 },
    });
    const blocker = exampleEvent('user.created', 1);
    const release = gate();
    const seen = tracker();
    receiver.on('user.created', (event) =>
      seen.around(event.id, () => (event.id === blocker.id ? release.wait : pause(5))),
    );
    receiver.start();
    expect((await receiver.fetch(await signedRequest(blocker))).status).toBe(200);
    await eventually(
      () => (seen.runs.get(blocker.id) === 1 ? true : undefined),
      'the blocked handler to start',
      5_000,
    );

    const others = [1, 2, 3, 4, 5].map(() => exampleEvent('user.created', 1));
    for (const event of others) {
      expect((await receiver.fetch(await signedRequest(event))).status).toBe(200);
    }
    await allDone(
      store,
      others.map((event) => event.id),
      'the other entries to be done beside the blocked one',
      3_000,
    );
    expect(seen.runs.get(blocker.id)).toBe(1);
    expect((await store.get(blocker.id))?.status).toBe('processing');
    expect(seen.state.maxRunning).toBe(2);

    // stop() still waits for the running handler to settle.
    let stopped = false;
    const stopping = receiver.stop().then(() => {
      stopped = true;
    });
    await pause(50);
    expect(stopped).toBe(false);
    release.open();
    await stopping;
    expect(await store.get(blocker.id)).toMatchObject({ status: 'done', attempts: 1 });
    expect([...seen.runs.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    await store.close();
  });

  it('start() right after stop() (not awaited) leaves one loop: stop() resolves, concurrency holds', async () => {
    const { store, receiver, release, seen, events, push } = await blockedWorker('restart.db', 2);
    const stopped = receiver.stop();
    receiver.start();
    // The restarted worker must not claim beside the stopping one's runs.
    const more = await push(2);
    await pause(50);
    expect(seen.state.maxRunning).toBe(2);
    release.open();
    await stopped;
    await allDone(
      store,
      [...events, ...more].map((event) => event.id),
      'all four handled by the restarted worker',
      5_000,
    );
    expect(seen.state.maxRunning).toBe(2);
    await receiver.stop();
    await store.close();
  });

  it('drain() refills a freed slot at once instead of waiting for the blocked entry', async () => {
    const store = createSqliteStore({ path: join(dir, 'drain.db') });
    const receiver = createReceiver({ secret: SECRET, store, worker: { concurrency: 2 } });
    const blocker = exampleEvent('user.created', 1);
    const others = [1, 2, 3, 4].map(() => exampleEvent('user.created', 1));
    const release = gate();
    const seen = tracker();
    receiver.on('user.created', (event) =>
      seen.around(event.id, () => (event.id === blocker.id ? release.wait : pause(5))),
    );
    // Oldest first, so the blocked entry is in the first claim.
    for (const event of [blocker, ...others]) {
      expect((await receiver.fetch(await signedRequest(event))).status).toBe(200);
      await pause(3);
    }
    let drained: number | undefined;
    const draining = receiver.drain().then((count) => {
      drained = count;
    });
    await allDone(
      store,
      others.map((event) => event.id),
      'the other entries to be done beside the blocked one',
      3_000,
    );
    expect(drained).toBeUndefined();
    expect(seen.state.maxRunning).toBe(2);
    release.open();
    await draining;
    expect(drained).toBe(5);
    expect(await store.get(blocker.id)).toMatchObject({ status: 'done', attempts: 1 });
    await store.close();
  });

  it('drain() while the worker runs shares its slots: never more than `concurrency` at once', async () => {
    const { store, receiver, release, seen, events } = await blockedWorker('drain-running.db', 4);
    const draining = receiver.drain();
    await pause(50);
    expect(seen.state.maxRunning).toBe(2);
    release.open();
    await draining;
    await allDone(
      store,
      events.map((event) => event.id),
      'all four handled',
      5_000,
    );
    expect(seen.state.maxRunning).toBe(2);
    await receiver.stop();
    await store.close();
  });

  it('an entry re-claimed after its lease ran out waits for its own earlier run instead of running beside it', async () => {
    const sqlite = createSqliteStore({ path: join(dir, 'lease.db') });
    // The heartbeat cannot reach the store, so the blocked entry's lease runs out mid-run; and
    // the store, like one of your own written before `takeOver`, hands such an entry back to a
    // busy worker (ours leave it for an idle one: see the receiver pipeline tests).
    let heartbeatFails = true;
    const store: ReceiverStore = {
      ...sqlite,
      claim: ({ takeOver: _ignored, ...options }) => sqlite.claim(options),
      extendLease: (...args) =>
        heartbeatFails
          ? Promise.reject(new Error('connection reset'))
          : sqlite.extendLease(...args),
    };
    const receiver = createReceiver({
      secret: SECRET,
      store,
      worker: { concurrency: 2, leaseMs: 100, pollIntervalMs: 10 },
    });
    const blocker = exampleEvent('user.created', 1);
    const release = gate();
    const seen = tracker();
    receiver.on('user.created', (event) =>
      seen.around(event.id, () => (event.id === blocker.id ? release.wait : pause(1))),
    );
    receiver.start();
    expect((await receiver.fetch(await signedRequest(blocker))).status).toBe(200);
    await eventually(
      async () => (((await sqlite.get(blocker.id))?.attempts ?? 0) >= 2 ? true : undefined),
      'the blocked entry to be claimed a second time',
      5_000,
    );
    await pause(50);
    expect(seen.runs.get(blocker.id)).toBe(1);
    heartbeatFails = false;
    release.open();
    await eventually(
      async () => ((await sqlite.get(blocker.id))?.status === 'done' ? true : undefined),
      'the blocked entry to be done',
      5_000,
    );
    await receiver.stop();
    // At least once: the lost claim's handlers ran again, but never two at a time.
    expect(seen.runs.get(blocker.id)).toBeGreaterThanOrEqual(2);
    expect(seen.state.maxSameId).toBe(1);
    await sqlite.close();
  });
});
