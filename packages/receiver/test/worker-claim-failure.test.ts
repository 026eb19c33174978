import { eventually, sinkFailures } from '@hookline/test-support';
import { describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  createReceiver,
  type ErrorInfo,
  type ReceiverLogger,
  type ReceiverStore,
} from '../src/index.js';
import { exampleEvent } from './support/events.js';
import { SECRET, signedRequest } from './support/sign.js';
import { flakyClaims, gate, pause } from './support/worker-tools.js';

describe('worker: a claim that fails', () => {
  it.each([
    { logger: 'no logger', fail: undefined },
    ...sinkFailures.map(({ kind, fail }) => ({ logger: `a logger that ${kind}`, fail })),
  ])(
    'is reported with stage `worker` by the running worker, which claims again on the next poll and runs the entry ($logger)',
    async ({ fail }) => {
      const { store, counts } = flakyClaims((call) => call <= 2);
      const logged: string[] = [];
      // A failing log sink must not stop the worker either.
      const logger: ReceiverLogger | undefined = fail && {
        error: (message) => {
          logged.push(message);
          return fail('the error sink');
        },
      };
      const receiver = createReceiver({
        secret: SECRET,
        store,
        worker: { pollIntervalMs: 10 },
        ...(logger && { logger }),
      });
      const reported: { message: string; info: ErrorInfo }[] = [];
      receiver.onError((error, info) => {
        reported.push({ message: (error as Error).message, info });
      });
      const handled: string[] = [];
      receiver.on('user.created', (event) => {
        handled.push(event.id);
      });
      const event = exampleEvent('user.created', 1);
      expect((await receiver.fetch(await signedRequest(event))).status).toBe(200);
      receiver.start();
      await eventually(
        () => (handled.length === 1 ? true : undefined),
        'the entry to run after two failed claims',
        5_000,
      );
      await receiver.stop();
      expect(counts.claims).toBeGreaterThanOrEqual(3);
      expect(reported).toEqual([
        { message: 'connection reset', info: { stage: 'worker' } },
        { message: 'connection reset', info: { stage: 'worker' } },
      ]);
      expect(await store.get(event.id)).toMatchObject({ status: 'done', attempts: 1 });
      if (logger) expect(logged.filter((m) => m.includes('could not claim'))).toHaveLength(2);
    },
  );

  it('makes drain() stop claiming and reject with it once the running entries have settled; the next drain() runs the rest', async () => {
    // Claim 1 takes the blocked entry and a quick one; the refill after the quick one fails.
    const { store, counts } = flakyClaims((call) => call === 2);
    const receiver = createReceiver({ secret: SECRET, store, worker: { concurrency: 2 } });
    const reported: ErrorInfo[] = [];
    receiver.onError((_, info) => {
      reported.push(info);
    });
    const blocker = exampleEvent('user.created', 1);
    const others = [1, 2].map(() => exampleEvent('user.created', 1));
    const release = gate();
    const handled: string[] = [];
    receiver.on('user.created', async (event) => {
      if (event.id === blocker.id) await release.wait;
      handled.push(event.id);
    });
    // Oldest first, so the blocked entry is in the first claim.
    for (const event of [blocker, ...others]) {
      expect((await receiver.fetch(await signedRequest(event))).status).toBe(200);
      await pause(3);
    }
    let outcome: string | undefined;
    const draining = receiver.drain().then(
      (count) => {
        outcome = `resolved ${count}`;
      },
      (error: Error) => {
        outcome = `rejected: ${error.message}`;
      },
    );
    await eventually(
      () => (counts.claims >= 2 ? true : undefined),
      'drain() to refill the slot the quick entry freed',
      5_000,
    );
    await pause(50);
    // The blocked entry is still running: drain() waits for it before it rejects.
    expect(outcome).toBeUndefined();
    expect(handled).toEqual([others[0]!.id]);
    release.open();
    await draining;
    expect(outcome).toBe('rejected: connection reset');
    // No claim after the failure; the drain() caller got the error, so onError did not.
    expect(counts.claims).toBe(2);
    expect(reported).toEqual([]);
    expect(handled).toEqual([others[0]!.id, blocker.id]);
    expect(await store.get(others[1]!.id)).toMatchObject({ status: 'pending' });

    expect(await receiver.drain()).toBe(1);
    expect(handled).toEqual([others[0]!.id, blocker.id, others[1]!.id]);
  });
});

describe('worker: a lease extension that throws instead of rejecting', () => {
  it('is logged, and the slow handler still finishes (no exception escapes the heartbeat timer)', async () => {
    const memory = createMemoryStore();
    const store: ReceiverStore = {
      ...memory,
      extendLease: () => {
        throw new Error('store is not async-safe');
      },
    };
    const warnings: string[] = [];
    const receiver = createReceiver({
      secret: SECRET,
      store,
      logger: { warn: (message) => warnings.push(message) },
      worker: { leaseMs: 60 },
    });
    const handled: string[] = [];
    receiver.on('user.created', async (event) => {
      await pause(150); // a few heartbeats (every leaseMs / 3)
      handled.push(event.id);
    });
    const event = exampleEvent('user.created', 1);
    expect((await receiver.fetch(await signedRequest(event))).status).toBe(200);
    await receiver.drain();
    expect(handled).toEqual([event.id]);
    expect(warnings).toContain('could not extend the lease');
  });
});
