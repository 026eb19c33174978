import { castEvent, parseEvent } from '@hookline/events';
import { generateSecret, verifyWebhook } from '@hookline/signature';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDispatcher,
  createMemoryStore,
  type Dispatcher,
  type DispatcherOptions,
  type OperationalEvent,
} from '../src/index.js';
import { draftEvent } from './helpers/events.js';
import { manualClock } from './helpers/manual-clock.js';
import { startReceiver, type TestReceiver } from './helpers/receiver.js';

const second = 1000;
const hour = 3600 * second;

describe('dispatcher delivery to a real loopback receiver', () => {
  let receiver: TestReceiver;
  let dispatcher: Dispatcher;
  let clock: ReturnType<typeof manualClock>;
  let operational: OperationalEvent[];
  let secret: string;

  const make = (overrides: Partial<DispatcherOptions> = {}) => {
    dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
      clock,
      random: () => 0.5, // no jitter: exact schedule
      onOperationalEvent: (event) => operational.push(event),
      timeoutMs: 2000,
      ...overrides,
    });
    return dispatcher;
  };

  beforeEach(async () => {
    secret = generateSecret();
    receiver = await startReceiver([secret]);
    clock = manualClock(Date.now());
    receiver.now = () => clock.now();
    operational = [];
  });
  afterEach(async () => {
    await dispatcher?.stop();
    await receiver.close();
  });

  it('a targeted publish reaches only the named endpoint, even one not subscribed to the event type', async () => {
    make();
    const target = await dispatcher.createEndpoint({
      url: `${receiver.url}/target`,
      secret,
      enabledEvents: ['user.*'],
    });
    await dispatcher.createEndpoint({ url: `${receiver.url}/other`, secret });
    const published = await dispatcher.publish(draftEvent('payment.succeeded', 2), {
      endpointIds: [target.id],
    });
    expect(published.deliveries).toBe(1);
    expect(await dispatcher.processDue()).toBe(1);
    expect(receiver.received.map((r) => [r.path, r.id, r.verified])).toEqual([
      ['/webhooks/target', published.event.id, true],
    ]);
    await dispatcher.disableEndpoint(target.id);
    const none = await dispatcher.publish(draftEvent('payment.succeeded', 2), {
      endpointIds: [target.id],
    });
    expect(none.deliveries).toBe(0);
  });

  it('delivers a Standard Webhooks signed POST whose webhook-id is the event id', async () => {
    make();
    await dispatcher.createEndpoint({ url: receiver.url, secret });
    const published = await dispatcher.publish(draftEvent('payment.succeeded', 2));
    expect(published.deliveries).toBe(1);
    expect(await dispatcher.processDue()).toBe(1);

    const [got] = receiver.received;
    expect(got?.verified).toBe(true);
    expect(got?.id).toBe(published.event.id);
    expect(Number(got?.timestamp)).toBe(Math.floor(clock.now() / 1000));
    const verified = await verifyWebhook(
      got!.body,
      {
        'webhook-id': got!.id,
        'webhook-timestamp': got!.timestamp,
        'webhook-signature': got!.signature,
      },
      secret,
      { now: () => clock.now() },
    );
    expect(JSON.parse(verified.payload)).toEqual(published.event);
    const [delivery] = await dispatcher.listDeliveries();
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200 });
  });

  it('sends the version the endpoint pinned (downcast) and says so in X-Webhook-Version', async () => {
    make();
    await dispatcher.createEndpoint({
      url: receiver.url,
      secret,
      versions: { 'payment.succeeded': 1 },
    });
    const latest = await dispatcher.createEndpoint({ url: `${receiver.url}?latest`, secret });
    const published = await dispatcher.publish(draftEvent('payment.succeeded', 2));
    await dispatcher.processDue();
    expect(receiver.received).toHaveLength(2);
    const pinned = receiver.received.find((r) => !r.path.includes('latest'))!;
    const unpinned = receiver.received.find((r) => r.path.includes('latest'))!;
    expect(pinned.version).toBe('1');
    const parsedV1 = parseEvent(pinned.body, { version: 1 });
    expect(parsedV1.ok).toBe(true);
    expect(JSON.parse(pinned.body)).toEqual(castEvent(published.event as never, 1 as never));
    expect(unpinned.version).toBe('2');
    expect(JSON.parse(unpinned.body)).toEqual(published.event);
    expect(latest.versions).toEqual({});
  });

  it('fans out to every enabled endpoint whose filter matches (exact, prefix.*, *)', async () => {
    make();
    await dispatcher.createEndpoint({
      url: `${receiver.url}?exact`,
      secret,
      enabledEvents: ['payment.failed'],
    });
    await dispatcher.createEndpoint({
      url: `${receiver.url}?prefix`,
      secret,
      enabledEvents: ['payment.*'],
    });
    await dispatcher.createEndpoint({ url: `${receiver.url}?all`, secret, enabledEvents: ['*'] });
    await dispatcher.createEndpoint({
      url: `${receiver.url}?auth`,
      secret,
      enabledEvents: ['user.*'],
    });
    const off = await dispatcher.createEndpoint({ url: `${receiver.url}?off`, secret });
    await dispatcher.disableEndpoint(off.id);
    await dispatcher.publish(draftEvent('payment.failed'));
    await dispatcher.processDue();
    expect(receiver.received.map((r) => r.path.split('?')[1]).sort()).toEqual([
      'all',
      'exact',
      'prefix',
    ]);
  });

  it('retries on the schedule with the same webhook-id and logs every attempt with a bounded excerpt', async () => {
    make({ schedule: { delaysMs: [0, 5 * second, 300 * second], jitter: 0 } });
    await dispatcher.createEndpoint({ url: receiver.url, secret });
    receiver.respond = (_req, res, count) => {
      if (count < 3) res.writeHead(500).end('x'.repeat(5000));
      else res.writeHead(204).end();
    };
    const { event } = await dispatcher.publish(draftEvent('user.created'));
    expect(await dispatcher.processDue()).toBe(1);
    const [delivery] = await dispatcher.listDeliveries();
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: clock.now() + 5 * second,
      lastStatusCode: 500,
    });

    clock.advance(5 * second - 1);
    expect(await dispatcher.processDue()).toBe(0);
    clock.advance(1);
    expect(await dispatcher.processDue()).toBe(1);
    clock.advance(300 * second);
    expect(await dispatcher.processDue()).toBe(1);

    expect(receiver.received.map((r) => r.id)).toEqual([event.id, event.id, event.id]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const attempts = await dispatcher.listAttempts(delivery!.id);
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([
      [1, 500, 'failed'],
      [2, 500, 'failed'],
      [3, 204, 'succeeded'],
    ]);
    expect(attempts[0]?.responseExcerpt).toBe('x'.repeat(1024));
    expect(attempts[0]?.error).toContain('HTTP 500');
    expect(attempts[2]?.error).toBeNull();
    expect(attempts.every((a) => a.durationMs >= 0)).toBe(true);
  });

  it('dead-letters after the last scheduled attempt, reports it, and replays the delivery on request', async () => {
    make({ schedule: [0, 1000] });
    await dispatcher.createEndpoint({ url: receiver.url, secret });
    receiver.respond = (_req, res) => res.writeHead(503).end('down');
    const { event } = await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    clock.advance(2000);
    await dispatcher.processDue();
    const [dead] = await dispatcher.listDeliveries({ status: 'failed' });
    expect(dead).toMatchObject({ attempts: 2, nextAttemptAt: null, lastStatusCode: 503 });
    expect(operational).toEqual([
      expect.objectContaining({
        type: 'delivery.dead_lettered',
        deliveryId: dead!.id,
        eventId: event.id,
        attempts: 2,
      }),
    ]);
    clock.advance(hour);
    expect(await dispatcher.processDue()).toBe(0);

    receiver.respond = (_req, res) => res.writeHead(200).end();
    expect(await dispatcher.replayDelivery(dead!.id)).toBe(true);
    expect(await dispatcher.processDue()).toBe(1);
    expect(await dispatcher.getDelivery(dead!.id)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
    });
    expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set([event.id]));
    await expect(dispatcher.replayDelivery('dlv_missing')).rejects.toMatchObject({
      code: 'delivery_not_found',
    });
  });

  it('a manual retry makes a delivery waiting for its next scheduled attempt due now, and is refused (409) while an attempt is in flight', async () => {
    make({ schedule: { delaysMs: [0, hour], jitter: 0 } });
    await dispatcher.createEndpoint({ url: receiver.url, secret });
    receiver.respond = (_req, res) => res.writeHead(503).end('down');
    const { event } = await dispatcher.publish(draftEvent('user.created'));
    expect(await dispatcher.processDue()).toBe(1);
    const [waiting] = await dispatcher.listDeliveries();
    expect(waiting).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: clock.now() + hour,
    });
    expect(await dispatcher.processDue()).toBe(0);

    let held: import('node:http').ServerResponse | undefined;
    receiver.respond = (_req, res) => {
      held = res;
    };
    expect(await dispatcher.replayDelivery(waiting!.id)).toBe(true);
    expect(await dispatcher.getDelivery(waiting!.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: clock.now(),
    });
    // The clock has not moved: the attempt happens because of the retry, not the schedule.
    const run = dispatcher.processDue();
    await receiver.waitFor(2);
    await expect(dispatcher.replayDelivery(waiting!.id)).rejects.toMatchObject({
      name: 'DispatcherError',
      code: 'delivery_in_flight',
      status: 409,
    });
    held!.writeHead(200).end('ok');
    expect(await run).toBe(1);
    expect(await dispatcher.getDelivery(waiting!.id)).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
    // No second attempt ran beside the one in flight.
    expect(receiver.received.map((r) => r.id)).toEqual([event.id, event.id]);
    expect(await dispatcher.processDue()).toBe(0);
  });

  it('a targeted publish with a version sends that version (downcast) instead of the pinned one, on every attempt', async () => {
    make({ schedule: { delaysMs: [0, second], jitter: 0 } });
    const ep = await dispatcher.createEndpoint({
      url: receiver.url,
      secret,
      versions: { 'payment.succeeded': 2 },
    });
    receiver.respond = (_req, res, count) => res.writeHead(count === 1 ? 500 : 200).end();
    const published = await dispatcher.publish(draftEvent('payment.succeeded', 2), {
      endpointIds: [ep.id],
      version: 1,
    });
    const [delivery] = await dispatcher.listDeliveries({ eventId: published.event.id });
    expect(delivery?.version).toBe(1);
    await dispatcher.processDue();
    clock.advance(second);
    await dispatcher.processDue();
    expect(receiver.received.map((r) => r.version)).toEqual(['1', '1']);
    const expected = castEvent(published.event as never, 1 as never);
    for (const got of receiver.received) {
      expect(got.verified).toBe(true);
      expect(JSON.parse(got.body)).toEqual(expected);
    }
    // A plain publish still follows the endpoint's pin.
    await dispatcher.publish(draftEvent('payment.succeeded', 2));
    await dispatcher.processDue();
    expect(receiver.received.at(-1)?.version).toBe('2');
  });

  it('refuses a version override that is not targeted or that the event cannot be cast to', async () => {
    make();
    const ep = await dispatcher.createEndpoint({ url: receiver.url, secret });
    await expect(
      dispatcher.publish(draftEvent('payment.succeeded', 2), { version: 1 }),
    ).rejects.toMatchObject({
      code: 'invalid_event',
      message: expect.stringContaining('endpointIds'),
    });
    const unknown = await dispatcher.safePublish(draftEvent('payment.succeeded', 2), {
      endpointIds: [ep.id],
      version: 9,
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'invalid_event', status: 400, message: expect.stringContaining('version 9') },
    });
    expect(await dispatcher.listDeliveries()).toEqual([]);
  });

  it('replays one event and every dead letter of an endpoint since a time', async () => {
    make({ schedule: [0] });
    const ep = await dispatcher.createEndpoint({ url: receiver.url, secret });
    receiver.respond = (_req, res) => res.writeHead(500).end();
    const first = await dispatcher.publish(draftEvent('user.created', undefined, 'usr_1'));
    await dispatcher.processDue();
    clock.advance(hour);
    const cutoff = clock.now();
    await dispatcher.publish(draftEvent('user.created', undefined, 'usr_2'));
    await dispatcher.publish(draftEvent('user.created', undefined, 'usr_3'));
    await dispatcher.processDue();
    expect(await dispatcher.listDeliveries({ status: 'failed' })).toHaveLength(3);

    receiver.respond = (_req, res) => res.writeHead(200).end();
    expect(await dispatcher.replayFailed({ endpointId: ep.id, since: new Date(cutoff) })).toBe(2);
    await dispatcher.processDue();
    const failed = await dispatcher.listDeliveries({ status: 'failed' });
    expect(failed.map((d) => d.resourceId)).toEqual(['usr_1']);
    expect(await dispatcher.replayEvent(first.event.id)).toBe(1);
    await dispatcher.processDue();
    expect(await dispatcher.listDeliveries({ status: 'failed' })).toEqual([]);
    await expect(dispatcher.replayEvent('evt_missing')).rejects.toMatchObject({
      code: 'event_not_found',
    });
  });

  it('replays from an endpoint’s disabledAt the delivery whose 410 disabled it', async () => {
    // A clock that moves on every reading: the outcome and the disable must share one.
    let t = clock.now();
    make({ clock: { now: () => t++ } });
    const ep = await dispatcher.createEndpoint({ url: receiver.url, secret });
    receiver.respond = (_req, res) => res.writeHead(410).end();
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    const disabled = await dispatcher.getEndpoint(ep.id);
    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'gone' });
    await dispatcher.enableEndpoint(ep.id);
    receiver.respond = (_req, res) => res.writeHead(200).end();
    expect(await dispatcher.replayFailed({ endpointId: ep.id, since: disabled!.disabledAt! })).toBe(
      1,
    );
  });

  it('says so when an event replayed to one endpoint never had a delivery there', async () => {
    make();
    const { event } = await dispatcher.publish(draftEvent('user.created'));
    // Created after the event: it never had a delivery of it to replay.
    const late = await dispatcher.createEndpoint({ url: receiver.url, secret });
    await expect(dispatcher.replayEvent(event.id, { endpointId: late.id })).rejects.toMatchObject({
      code: 'delivery_not_found',
      status: 404,
      message: expect.stringContaining(late.id),
    });
    await expect(
      dispatcher.replayEvent(event.id, { endpointId: 'ep_missing' }),
    ).rejects.toMatchObject({ code: 'endpoint_not_found' });
    // One it has, still pending (nothing finished to replay): 0, no error.
    const { event: second } = await dispatcher.publish(draftEvent('user.created'));
    expect(await dispatcher.replayEvent(second.id, { endpointId: late.id })).toBe(0);
  });

  it('replays what failed since a time, also deliveries created before it (an outage)', async () => {
    make({ schedule: { delaysMs: [0, 2 * hour], jitter: 0 } });
    const ep = await dispatcher.createEndpoint({ url: receiver.url, secret });
    receiver.respond = (_req, res) => res.writeHead(500).end();
    // Dead-lettered before the outage: not replayed.
    await dispatcher.publish(draftEvent('user.created', undefined, 'usr_before'));
    await dispatcher.processDue();
    clock.advance(2 * hour);
    await dispatcher.processDue();
    // Published before the outage, failing for good during it: replayed.
    await dispatcher.publish(draftEvent('user.created', undefined, 'usr_during'));
    await dispatcher.processDue();
    clock.advance(hour);
    const outage = clock.now();
    clock.advance(hour);
    await dispatcher.processDue();
    expect(
      (await dispatcher.listDeliveries({ status: 'failed' })).map((d) => d.resourceId).sort(),
    ).toEqual(['usr_before', 'usr_during']);

    receiver.respond = (_req, res) => res.writeHead(200).end();
    expect(await dispatcher.replayFailed({ endpointId: ep.id, since: new Date(outage) })).toBe(1);
    await dispatcher.processDue();
    expect(
      (await dispatcher.listDeliveries({ status: 'failed' })).map((d) => d.resourceId),
    ).toEqual(['usr_before']);
  });

  it('honours Retry-After on 429 and 503 within the configured cap', async () => {
    make({
      schedule: { delaysMs: [0, 5 * second, 5 * second], jitter: 0, maxRetryAfterMs: 60 * second },
    });
    await dispatcher.createEndpoint({ url: receiver.url, secret });
    receiver.respond = (_req, res, count) =>
      res.writeHead(count === 1 ? 429 : 503, { 'retry-after': count === 1 ? '30' : '86400' }).end();
    await dispatcher.publish(draftEvent('user.created'));
    const start = clock.now();
    await dispatcher.processDue();
    expect((await dispatcher.listDeliveries())[0]?.nextAttemptAt).toBe(start + 30 * second);
    clock.advance(30 * second);
    await dispatcher.processDue();
    // A day-long Retry-After is capped at maxRetryAfterMs.
    expect((await dispatcher.listDeliveries())[0]?.nextAttemptAt).toBe(clock.now() + 60 * second);
  });

  it('disables the endpoint on 410 Gone and reports it', async () => {
    make();
    const ep = await dispatcher.createEndpoint({ url: receiver.url, secret });
    receiver.respond = (_req, res) => res.writeHead(410).end('gone');
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.publish(draftEvent('user.deleted'));
    await dispatcher.processDue();
    expect(await dispatcher.getEndpoint(ep.id)).toMatchObject({
      enabled: false,
      disabledReason: 'gone',
    });
    expect(operational.filter((e) => e.type === 'endpoint.disabled')).toEqual([
      expect.objectContaining({ type: 'endpoint.disabled', endpointId: ep.id, reason: 'gone' }),
    ]);
    expect(await dispatcher.listDeliveries({ status: 'pending' })).toEqual([]);
    expect((await dispatcher.publish(draftEvent('user.created'))).deliveries).toBe(0);
  });

  it('disables an endpoint that keeps failing for disableAfterMs and emits endpoint.disabled', async () => {
    make({ schedule: { delaysMs: [0, hour, hour, hour], jitter: 0 }, disableAfterMs: 2 * hour });
    const ep = await dispatcher.createEndpoint({ url: receiver.url, secret });
    receiver.respond = (_req, res) => res.writeHead(500).end();
    const start = clock.now();
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    clock.advance(hour);
    await dispatcher.processDue();
    expect((await dispatcher.getEndpoint(ep.id))?.enabled).toBe(true);
    clock.advance(hour);
    await dispatcher.processDue();
    expect(await dispatcher.getEndpoint(ep.id)).toMatchObject({
      enabled: false,
      disabledReason: 'failing',
    });
    expect(operational).toContainEqual(
      expect.objectContaining({
        type: 'endpoint.disabled',
        endpointId: ep.id,
        reason: 'failing',
        failingSince: start,
      }),
    );
    expect(await dispatcher.enableEndpoint(ep.id)).toMatchObject({
      enabled: true,
      failingSince: null,
      disabledReason: null,
    });
  });

  it('a success in between resets the failure run, so the endpoint stays enabled', async () => {
    make({ schedule: { delaysMs: [0, hour, hour, hour], jitter: 0 }, disableAfterMs: 2 * hour });
    const ep = await dispatcher.createEndpoint({ url: receiver.url, secret });
    receiver.respond = (_req, res, count) => res.writeHead(count === 2 ? 200 : 500).end();
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue(); // fail
    clock.advance(hour);
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue(); // new one succeeds (#2); the first is due again at +1h … (#3 fails)
    clock.advance(hour);
    await dispatcher.processDue();
    expect((await dispatcher.getEndpoint(ep.id))?.enabled).toBe(true);
  });

  it('treats a redirect as a failure and does not follow it', async () => {
    make();
    await dispatcher.createEndpoint({ url: receiver.url, secret });
    receiver.respond = (req, res) => {
      if (req.path === '/webhooks')
        res.writeHead(302, { location: `http://127.0.0.1:${receiver.port}/moved` }).end();
      else res.writeHead(200).end();
    };
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    expect(receiver.received.map((r) => r.path)).toEqual(['/webhooks']);
    const [delivery] = await dispatcher.listDeliveries();
    expect(delivery).toMatchObject({ status: 'pending', lastStatusCode: 302 });
    expect(delivery?.lastError).toContain('redirect');
  });

  it('gives up on an attempt after timeoutMs and records the timeout', async () => {
    make({ timeoutMs: 150 });
    await dispatcher.createEndpoint({ url: receiver.url, secret });
    receiver.respond = () => {}; // never answers
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    const [delivery] = await dispatcher.listDeliveries();
    const [attempt] = await dispatcher.listAttempts(delivery!.id);
    expect(attempt).toMatchObject({ outcome: 'failed', statusCode: null });
    expect(attempt?.error).toMatch(/150 ms/);
  });

  it('works through an injected fetch as well (redirect: manual)', async () => {
    const seen: RequestInit[] = [];
    make({
      fetch: (input, init) => {
        seen.push(init ?? {});
        return fetch(input, init);
      },
    });
    await dispatcher.createEndpoint({ url: receiver.url, secret });
    await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.processDue();
    expect(seen[0]?.redirect).toBe('manual');
    expect(receiver.received[0]?.verified).toBe(true);
  });

  it('keeps claiming after a claim found every slot busy', async () => {
    make({ clock: { now: () => Date.now() }, pollIntervalMs: 20, concurrency: 1 });
    await dispatcher.createEndpoint({ url: receiver.url, secret });
    receiver.respond = (_req, res) => setTimeout(() => res.writeHead(200).end(), 100);
    await dispatcher.start();
    await dispatcher.publish(draftEvent('user.created'));
    await receiver.waitFor(1);
    // The single slot is busy now: this claim finds no free slot and must not wedge the worker.
    await dispatcher.processDue();
    const { event } = await dispatcher.publish(draftEvent('user.created'));
    await receiver.waitFor(2);
    expect(receiver.received[1]?.id).toBe(event.id);
  });

  it('keeps delivering a backlog through the free slots while most of them hang on slow attempts', async () => {
    // A backlogged worker claims when half its slots are free; attempts that hang must not
    // keep it from refilling the ones that free up (no poll would rescue it for 60 s here).
    make({
      clock: { now: () => Date.now() },
      pollIntervalMs: 60_000,
      concurrency: 4,
      timeoutMs: 30_000,
    });
    await dispatcher.createEndpoint({ url: receiver.url, secret });
    const hanging: Array<() => void> = [];
    receiver.respond = (_req, res, count) => {
      if (count <= 3) hanging.push(() => res.writeHead(200).end());
      else res.writeHead(200).end('ok');
    };
    for (let i = 0; i < 10; i++) await dispatcher.publish(draftEvent('user.created'));
    await dispatcher.start();
    try {
      await receiver.waitFor(10, 5000);
      expect(hanging).toHaveLength(3);
    } finally {
      for (const release of hanging) release();
    }
  });

  it('pages the delivery log with before/after and refuses a cursor that is no delivery', async () => {
    make();
    await dispatcher.createEndpoint({ url: receiver.url, secret });
    for (let i = 0; i < 3; i++) await dispatcher.publish(draftEvent('user.created'));
    const all = await dispatcher.listDeliveries({ order: 'oldest' });
    expect(all).toHaveLength(3);
    expect((await dispatcher.listDeliveries({ after: all[0]!.id })).map((d) => d.id)).toEqual(
      all.slice(1).map((d) => d.id),
    );
    expect((await dispatcher.listDeliveries({ before: all[2]!.id })).map((d) => d.id)).toEqual(
      all
        .slice(0, 2)
        .reverse()
        .map((d) => d.id),
    );
    for (const cursor of [{ after: 'dlv_typo' }, { before: 'dlv_typo' }]) {
      await expect(dispatcher.listDeliveries(cursor)).rejects.toMatchObject({
        code: 'delivery_not_found',
        message: expect.stringContaining('dlv_typo'),
      });
    }
  });

  it('delivers in the background after start() without manual polling', async () => {
    make({ clock: { now: () => Date.now() }, pollIntervalMs: 50 });
    await dispatcher.createEndpoint({ url: receiver.url, secret });
    await dispatcher.start();
    const { event } = await dispatcher.publish(draftEvent('user.created'));
    await receiver.waitFor(1);
    expect(receiver.received[0]?.id).toBe(event.id);
    await dispatcher.stop();
  });
});

describe('secret rotation', () => {
  it('signs with the old and the new secret during the grace period, then only with the new one', async () => {
    const clock = manualClock(Date.now());
    const oldSecret = generateSecret();
    const oldReceiver = await startReceiver([oldSecret]);
    const dispatcher = createDispatcher({
      store: createMemoryStore(),
      allow: { loopback: true, http: true },
      clock,
    });
    try {
      const ep = await dispatcher.createEndpoint({ url: oldReceiver.url, secret: oldSecret });
      const { secret: newSecret, endpoint } = await dispatcher.rotateSecret(ep.id, {
        graceMs: hour,
      });
      expect(newSecret).toMatch(/^whsec_/);
      expect(endpoint.secrets.map((s) => s.expiresAt)).toEqual([clock.now() + hour, null]);

      await dispatcher.publish(draftEvent('user.created'));
      await dispatcher.processDue();
      const during = oldReceiver.received[0]!;
      expect(during.signature.split(' ')).toHaveLength(2);
      const headers = {
        'webhook-id': during.id,
        'webhook-timestamp': during.timestamp,
        'webhook-signature': during.signature,
      };
      const now = () => clock.now();
      await expect(verifyWebhook(during.body, headers, oldSecret, { now })).resolves.toBeDefined();
      await expect(verifyWebhook(during.body, headers, newSecret, { now })).resolves.toBeDefined();

      clock.advance(hour);
      await dispatcher.publish(draftEvent('user.created'));
      await dispatcher.processDue();
      const after = oldReceiver.received[1]!;
      const afterHeaders = {
        'webhook-id': after.id,
        'webhook-timestamp': after.timestamp,
        'webhook-signature': after.signature,
      };
      expect(after.signature.split(' ')).toHaveLength(1);
      await expect(
        verifyWebhook(after.body, afterHeaders, newSecret, { now }),
      ).resolves.toBeDefined();
      await expect(
        verifyWebhook(after.body, afterHeaders, oldSecret, { now }),
      ).rejects.toMatchObject({
        code: 'no_matching_signature',
      });
    } finally {
      await dispatcher.stop();
      await oldReceiver.close();
    }
  });
});
