import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, createMemoryStore, type Dispatcher } from '../src/index.js';
import { draftEvent } from './helpers/events.js';
import { startReceiver, type TestReceiver } from './helpers/receiver.js';

describe('ordered delivery per endpoint', () => {
  let receiver: TestReceiver;
  let dispatcher: Dispatcher;
  afterEach(async () => {
    await dispatcher.stop();
    await receiver.close();
  });

  const run = async (ordered: boolean) => {
    receiver = await startReceiver();
    dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
      schedule: { delaysMs: [0, 150, 150], jitter: 0 },
      concurrency: 8,
      pollIntervalMs: 10,
    });
    await dispatcher.createEndpoint({ url: receiver.url, ordered });
    const ids = new Map<string, string>();
    // The first attempt of the first event for usr_A fails; it is retried 150 ms later.
    receiver.respond = (_req, res, count) => res.writeHead(count === 1 ? 500 : 200).end();
    for (const [name, resource] of [
      ['A1', 'usr_A'],
      ['A2', 'usr_A'],
      ['A3', 'usr_A'],
      ['B1', 'usr_B'],
    ] as const) {
      const { event } = await dispatcher.publish(draftEvent('user.created', undefined, resource));
      ids.set(event.id, name);
    }
    await dispatcher.start();
    await receiver.waitFor(5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return receiver.received.map((r) => ids.get(r.id));
  };

  it('holds later events of the same resource until the earlier one succeeded; other resources flow', async () => {
    const order = await run(true);
    expect(order).toHaveLength(5);
    expect(order.filter((n) => n?.startsWith('A'))).toEqual(['A1', 'A1', 'A2', 'A3']);
    // B1 is not stuck behind usr_A's retry.
    expect(order.indexOf('B1')).toBeLessThan(order.lastIndexOf('A1'));
  });

  it('without the flag, later events do not wait for an earlier failure', async () => {
    const order = await run(false);
    expect(order.indexOf('A2')).toBeLessThan(order.lastIndexOf('A1'));
  });
});
