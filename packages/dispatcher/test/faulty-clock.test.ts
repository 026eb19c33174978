import { afterEach, describe, expect, it } from 'vitest';
import {
  type Clock,
  createDispatcher,
  createMemoryStore,
  type Dispatcher,
  type DispatcherStore,
} from '../src/index.js';
import { draftEvent } from './helpers/events.js';
import { startReceiver, type TestReceiver } from './helpers/receiver.js';

describe('a clock that throws during an attempt', () => {
  let receiver: TestReceiver | undefined;
  let dispatcher: Dispatcher | undefined;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  afterEach(async () => {
    process.off('unhandledRejection', onUnhandled);
    await dispatcher?.stop();
    await receiver?.close();
  });

  it('is logged, leaves no unhandled rejection, and the delivery is retried once the lease ends', async () => {
    process.on('unhandledRejection', onUnhandled);
    receiver = await startReceiver();
    // The clock fails once, on the first reading after the first non-empty claim: the attempt's
    // start time.
    let failNext = false;
    const clock: Clock = {
      now: () => {
        if (failNext) {
          failNext = false;
          throw new Error('clock source unavailable');
        }
        return Date.now();
      },
    };
    const memory = createMemoryStore();
    let failed = false;
    const store: DispatcherStore<unknown> = {
      ...memory,
      claimDue: async (input) => {
        const claims = await memory.claimDue(input);
        if (claims.length > 0 && !failed) failed = failNext = true;
        return claims;
      },
    };
    const errors: string[] = [];
    dispatcher = createDispatcher({
      store,
      clock,
      logger: { error: (message) => errors.push(message) },
      allow: { loopback: true, http: true },
      pollIntervalMs: 10,
      // The lease must outlast a retry's attempt and its recording on a loaded machine.
      timeoutMs: 1000,
      leaseMs: 1500,
    });
    await dispatcher.createEndpoint({ url: receiver.url });
    const { event } = await dispatcher.publish(draftEvent('user.created'));
    void dispatcher.start();
    await expect
      .poll(async () => (await dispatcher!.listDeliveries({ eventId: event.id }))[0]?.status, {
        timeout: 10_000,
      })
      .toBe('succeeded');
    expect(failed).toBe(true);
    expect(receiver.received).toHaveLength(1);
    expect(errors).toEqual([expect.stringContaining('failed unexpectedly')]);
    // Give a stray rejection a turn to surface before checking.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  });
});
