import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AnyEvent, castEvent, type EventOf } from '@hookline/events';
import { createMemoryStore as createInbox, createReceiver } from '@hookline/receiver';
import { createNodeHandler } from '@hookline/receiver/node';
import { generateSecret } from '@hookline/signature';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, createMemoryStore } from '../src/index.js';
import { draftEvent } from './helpers/events.js';

describe('dispatcher → @hookline/receiver over real HTTP', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const listen = async (handler: Parameters<typeof createServer>[1]) => {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  };

  it('is verified, upcast from the pinned version, handled once, and a replay is acknowledged as a duplicate', async () => {
    const secret = generateSecret();
    const receiver = createReceiver({ secret, store: createInbox(), mode: 'sync' });
    const handled: AnyEvent[] = [];
    receiver.on('user.login', { version: 2 }, (event) => {
      handled.push(event);
    });
    const url = await listen(createNodeHandler(receiver));

    const dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
    });
    await dispatcher.createEndpoint({ url, secret, versions: { 'user.login': 1 } });
    const { event } = await dispatcher.publish(draftEvent('user.login', 2));
    await dispatcher.processDue();
    const [delivery] = await dispatcher.listDeliveries();
    expect(delivery).toMatchObject({ status: 'succeeded', lastStatusCode: 200 });
    // Sent as v1 (the pin), upcast back to v2 by the receiver: what survives the round trip
    // through v1 (fields v1 lacks come back as their v2 defaults).
    expect(handled).toEqual([castEvent(castEvent(event as EventOf<'user.login', 2>, 1), 2)]);
    expect(handled[0]?.id).toBe(event.id);

    expect(await dispatcher.replayDelivery(delivery!.id)).toBe(true);
    await dispatcher.processDue();
    expect(await dispatcher.getDelivery(delivery!.id)).toMatchObject({ status: 'succeeded' });
    expect(handled).toHaveLength(1);
  });

  it('keeps delivering through a secret rotation whichever secret the receiver holds', async () => {
    const oldSecret = generateSecret();
    const dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
    });
    let receiver = createReceiver({ secret: oldSecret, store: createInbox(), mode: 'sync' });
    const url = await listen((req, res) => createNodeHandler(receiver)(req, res));
    const ep = await dispatcher.createEndpoint({ url, secret: oldSecret });
    const { secret: newSecret } = await dispatcher.rotateSecret(ep.id);

    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    receiver = createReceiver({ secret: newSecret, store: createInbox(), mode: 'sync' });
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    const deliveries = await dispatcher.listDeliveries();
    expect(deliveries.map((d) => [d.status, d.lastStatusCode])).toEqual([
      ['succeeded', 200],
      ['succeeded', 200],
    ]);
  });

  it('sees a receiver 401 (wrong secret) as a failed attempt with the response excerpt', async () => {
    const receiver = createReceiver({
      secret: generateSecret(),
      store: createInbox(),
      mode: 'sync',
    });
    const url = await listen(createNodeHandler(receiver));
    const dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
    });
    await dispatcher.createEndpoint({ url });
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    const [delivery] = await dispatcher.listDeliveries();
    const [attempt] = await dispatcher.listAttempts(delivery!.id);
    expect(attempt).toMatchObject({ outcome: 'failed', statusCode: 401 });
    expect(attempt?.responseExcerpt).toContain('signature');
  });
});
