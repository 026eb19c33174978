import { sinkFailures } from '@hookline/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDispatcher,
  createMemoryStore,
  type Dispatcher,
  type DispatcherLogger,
  type DispatcherStore,
} from '../src/index.js';
import { draftEvent } from './helpers/events.js';
import { startReceiver, type TestReceiver } from './helpers/receiver.js';

describe.each(sinkFailures)('a logger that $kind', ({ fail }) => {
  let receiver: TestReceiver | undefined;
  let dispatcher: Dispatcher | undefined;
  afterEach(async () => {
    await dispatcher?.stop();
    await receiver?.close();
  });

  it('neither stops the worker nor loses an outcome: logging is best effort', async () => {
    receiver = await startReceiver();
    // The second request fails once (logged at info), then succeeds.
    receiver.respond = (_req, res, count) => {
      res.writeHead(count === 2 ? 500 : 200).end(count === 2 ? 'boom' : 'ok');
    };
    const logged: string[] = [];
    // An async logger's method returns a promise where the interface says void.
    const broken = (level: string) =>
      ((message: string) => {
        logged.push(`${level} ${message}`);
        return fail(`the ${level} sink`);
      }) as (message: string) => void;
    const logger: DispatcherLogger = {
      debug: broken('debug'),
      info: broken('info'),
      warn: broken('warn'),
      error: broken('error'),
    };
    // The first two claims fail (logged at error); the worker must keep polling.
    const memory = createMemoryStore();
    let claims = 0;
    const store: DispatcherStore<unknown> = {
      ...memory,
      claimDue: (input) =>
        ++claims <= 2 ? Promise.reject(new Error('connection reset')) : memory.claimDue(input),
    };
    dispatcher = createDispatcher({
      store,
      logger,
      allow: { loopback: true, http: true },
      pollIntervalMs: 10,
      schedule: [0, 0],
      random: () => 0.5,
    });
    await dispatcher.createEndpoint({ url: receiver.url });
    const published = await Promise.all(
      [1, 2].map(() => dispatcher!.publish(draftEvent('user.created'))),
    );
    void dispatcher.start();
    await receiver.waitFor(3);
    for (const { event } of published) {
      await expect
        .poll(async () => (await dispatcher!.listDeliveries({ eventId: event.id }))[0]?.status)
        .toBe('succeeded');
    }
    expect(logged.some((line) => line.startsWith('error claiming'))).toBe(true);
    expect(logged.some((line) => line.startsWith('info delivery attempt failed'))).toBe(true);
  });
});

describe('an onOperationalEvent listener that fails', () => {
  it.each(sinkFailures)(
    '($kind) is logged, and the endpoint is still disabled on 410',
    async ({ fail }) => {
      const receiver = await startReceiver();
      receiver.respond = (_req, res) => {
        res.writeHead(410).end('gone');
      };
      const errors: string[] = [];
      const dispatcher = createDispatcher({
        store: createMemoryStore(),
        allow: { loopback: true, http: true },
        logger: { error: (message, fields) => errors.push(`${message} ${String(fields?.error)}`) },
        onOperationalEvent: () => fail('the pager'),
      });
      try {
        const endpoint = await dispatcher.createEndpoint({ url: receiver.url });
        await dispatcher.publish(draftEvent('user.created'));
        expect(await dispatcher.processDue()).toBe(1);
        expect((await dispatcher.getEndpoint(endpoint.id))?.enabled).toBe(false);
        await expect
          .poll(() => errors)
          .toContain('onOperationalEvent failed Error: the pager is down');
      } finally {
        await dispatcher.stop();
        await receiver.close();
      }
    },
  );
});

describe('a logger whose methods change after createDispatcher (pino on a level change)', () => {
  it('is asked with the methods it has at each call', async () => {
    const receiver = await startReceiver();
    const lines: string[] = [];
    const logger: DispatcherLogger = { debug: () => {} };
    const dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
      logger,
    });
    try {
      await dispatcher.createEndpoint({ url: receiver.url });
      await dispatcher.publish(draftEvent('user.created'));
      logger.debug = (message) => {
        lines.push(message);
      };
      expect(await dispatcher.processDue()).toBe(1);
      expect(lines).toContain('delivery succeeded');
    } finally {
      await dispatcher.stop();
      await receiver.close();
    }
  });
});
