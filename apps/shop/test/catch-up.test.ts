import type { Platform } from '@hookline/platform';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Shop } from '../src/index.js';
import {
  eventually,
  payCheckout,
  platformCall,
  ShopVisitor,
  startTestPlatform,
  startTestShop,
  tempDir,
} from './helpers.js';

interface Delivery {
  id: string;
  status: string;
  attempts: { status_code: number | null; succeeded: boolean; response_excerpt: string | null }[];
}
interface OrderView {
  id: string;
  status: string;
  checkout_session_id: string;
  learned_source: string | null;
  events: { event_id: string; event_type: string; source: string }[];
  fulfilments: number;
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let platform: Platform;
const shops: Shop[] = [];

beforeAll(async () => {
  dir = await tempDir();
  // A failed push waits five minutes for its next attempt (longer than these tests run), so the
  // shop can learn of a missed event only by catching up, and a push comes again only when the
  // test asks for one (POST /v1/deliveries/{id}/retry makes the waiting delivery due at once).
  platform = await startTestPlatform(dir.path, { retrySchedule: [0, 5 * 60_000] });
});

afterAll(async () => {
  for (const shop of shops) await shop.stop();
  await platform?.stop();
  await dir?.cleanup();
});

async function start(port = 0): Promise<Shop> {
  const shop = await startTestShop(dir.path, platform, { port });
  shops.push(shop);
  return shop;
}

const deliveriesOf = async (endpointId: string, eventId: string) =>
  (
    await platformCall<{ data: Delivery[] }>(
      platform,
      'GET',
      `/v1/webhook_endpoints/${endpointId}/deliveries?event_id=${eventId}`,
    )
  ).body.data;

it('catches up on a payment made while the shop was down, applies it exactly once, and dedupes the later push', async () => {
  const first = await start();
  const visitor = new ShopVisitor(first.url);
  await visitor.signUpAndLogIn('offline@example.com');
  const created = await visitor.call<{ order: OrderView }>('/api/orders', { product: 'mug' });
  const order = created.body.order;
  // The sign-up and login events arrive by push while the shop is up.
  await eventually(async () => {
    const { feed } = (await visitor.call<{ feed: unknown[] }>('/api/state')).body;
    return feed.length === 2 ? true : undefined;
  }, 'user.created and user.login pushed');
  await first.stop();

  // The customer pays while the shop is down: the push fails.
  const paid = await payCheckout(platform, order.checkout_session_id);
  expect(paid.body.payment.status).toBe('succeeded');
  const events = await platformCall<{ data: { id: string; resource_id: string }[] }>(
    platform,
    'GET',
    '/v1/events?type=payment.succeeded&limit=100',
  );
  const paymentEvent = events.body.data.find((event) => event.resource_id === paid.body.payment.id);
  if (!paymentEvent) throw new Error('the platform published no payment.succeeded event');
  const missed = await eventually(async () => {
    const [delivery] = await deliveriesOf(first.endpoint.id, paymentEvent.id);
    return delivery?.status === 'pending' && delivery.attempts.length > 0 ? delivery : undefined;
  }, 'the failed push attempt');
  expect(missed.attempts.length).toBeGreaterThan(0);
  expect(missed.attempts.every((attempt) => !attempt.succeeded)).toBe(true);

  // Back up on the same address: same endpoint, stored secret; catch-up pulls what it missed.
  const second = await start(first.port);
  expect(second.endpoint).toEqual({ ...first.endpoint, outcome: 'reused' });
  expect(second.catchUp).toMatchObject({ new: 2, duplicate: 2, invalid: 0, from: null });
  const view = await eventually(async () => {
    const current = (await visitor.call<OrderView>(`/api/orders/${order.id}`)).body;
    return current.status === 'paid' && current.events.length === 2 ? current : undefined;
  }, 'the order paid through catch-up');
  expect(view.learned_source).toBe('pull');
  expect(view.fulfilments).toBe(1);
  expect(view.events.map((event) => [event.event_type, event.source]).sort()).toEqual([
    ['checkout.completed', 'pull'],
    ['payment.succeeded', 'pull'],
  ]);

  // The platform pushes the same event again (a redelivery, same webhook-id): acknowledged as a
  // duplicate, not handled a second time.
  const retried = await platformCall(platform, 'POST', `/v1/deliveries/${missed.id}/retry`);
  expect(retried.status).toBe(202);
  const redelivered = await eventually(async () => {
    const [delivery] = await deliveriesOf(first.endpoint.id, paymentEvent.id);
    return delivery?.status === 'succeeded' ? delivery : undefined;
  }, 'the redelivery to succeed');
  expect(redelivered.attempts.at(-1)?.status_code).toBe(200);
  expect(redelivered.attempts.at(-1)?.response_excerpt).toContain('"duplicate":true');
  const feed = await eventually(async () => {
    const { data } = (
      await visitor.call<{ data: { source: string }[] }>(`/api/feed/${paymentEvent.id}`)
    ).body;
    return data.length === 2 ? data : undefined;
  }, 'the duplicate in the feed');
  expect(feed.map((entry) => entry.source)).toEqual(['pull', 'duplicate']);
  const after = (await visitor.call<OrderView>(`/api/orders/${order.id}`)).body;
  expect(after.events).toHaveLength(2);
  expect(after.fulfilments).toBe(1);

  // The cursor was saved: the next start pulls nothing again.
  await second.stop();
  const third = await start(first.port);
  expect(third.catchUp.new).toBe(0);
  expect(third.catchUp.duplicate).toBe(0);
  expect(third.catchUp.from).toBe(second.catchUp.to);
});

it('a fresh data folder for an address that already has an endpoint reuses the endpoint and rotates its secret', async () => {
  const other = await tempDir();
  try {
    const running = shops.at(-1) as Shop;
    const port = running.port;
    await running.stop();
    const fresh = await startTestShop(other.path, platform, { port });
    shops.push(fresh);
    expect(fresh.endpoint.id).toBe(running.endpoint.id);
    expect(fresh.endpoint.outcome).toBe('rotated');
    // The rotated secret is the one deliveries are signed with now: a new event gets through.
    const visitor = new ShopVisitor(fresh.url);
    await visitor.signUpAndLogIn('rotated@example.com');
    await eventually(async () => {
      const { onboarding } = (await visitor.call<{ onboarding: unknown[] }>('/api/state')).body;
      return onboarding.length === 1 ? true : undefined;
    }, 'user.created delivered with the rotated secret');
    await fresh.stop();
  } finally {
    await other.cleanup();
  }
});

it('the periodic catch-up reconciles an event whose push never comes (endpoint disabled on the platform)', async () => {
  const own = await tempDir();
  const quiet = await startTestPlatform(own.path);
  const shop = await startTestShop(own.path, quiet, { catchUpIntervalMs: 200 });
  try {
    const visitor = new ShopVisitor(shop.url);
    await visitor.signUpAndLogIn('reconcile@example.com');
    const created = await visitor.call<{ order: OrderView }>('/api/orders', {
      product: 'stickers',
    });
    const disabled = await platformCall(
      quiet,
      'PATCH',
      `/v1/webhook_endpoints/${shop.endpoint.id}`,
      {
        disabled: true,
      },
    );
    expect(disabled.status).toBe(200);

    await payCheckout(quiet, created.body.order.checkout_session_id);
    const view = await eventually(async () => {
      const current = (await visitor.call<OrderView>(`/api/orders/${created.body.order.id}`)).body;
      return current.status === 'paid' ? current : undefined;
    }, 'the order paid by a periodic catch-up');
    expect(view.learned_source).toBe('pull');
    expect(view.fulfilments).toBe(1);
    // "Catch up now" on the page: nothing is left to pull, and it says so.
    const now = await visitor.call<{ new: number; from: string | null; to: string | null }>(
      '/api/catch-up',
      {},
    );
    expect(now.status).toBe(200);
    expect(now.body.new).toBe(0);
    expect(now.body.to).toBe(now.body.from);
  } finally {
    await shop.stop();
    await quiet.stop();
    await own.cleanup();
  }
});

it('rotates the secret again at start when the stored one was rotated away on the platform, then reuses it', async () => {
  const own = await tempDir();
  const rotating = await startTestPlatform(own.path);
  const first = await startTestShop(own.path, rotating);
  const shopsHere = [first];
  try {
    // Someone rotates the endpoint's secret elsewhere (API or dashboard), the old one expiring at once.
    const rotated = await platformCall(
      rotating,
      'POST',
      `/v1/webhook_endpoints/${first.endpoint.id}/rotate_secret`,
      { grace_period_seconds: 0 },
    );
    expect(rotated.status).toBe(200);
    await first.stop();

    const second = await startTestShop(own.path, rotating, { port: first.port });
    shopsHere.push(second);
    expect(second.endpoint).toEqual({ ...first.endpoint, outcome: 'rotated' });
    const visitor = new ShopVisitor(second.url);
    await visitor.signUpAndLogIn('rotated-away@example.com');
    await eventually(async () => {
      const { onboarding } = (await visitor.call<{ onboarding: unknown[] }>('/api/state')).body;
      return onboarding.length === 1 ? true : undefined;
    }, 'user.created delivered with the secret rotated at start');
    await second.stop();

    // The secret it rotated to is stored with its rotation time: the next start reuses it.
    const third = await startTestShop(own.path, rotating, { port: first.port });
    shopsHere.push(third);
    expect(third.endpoint).toEqual({ ...first.endpoint, outcome: 'reused' });
    const again = new ShopVisitor(third.url);
    await again.signUpAndLogIn('still-verified@example.com');
    await eventually(async () => {
      const { onboarding } = (await again.call<{ onboarding: unknown[] }>('/api/state')).body;
      return onboarding.length === 1 ? true : undefined;
    }, 'user.created delivered with the reused secret');
  } finally {
    for (const shop of shopsHere) await shop.stop();
    await rotating.stop();
    await own.cleanup();
  }
});

it('a new shop on a platform with history starts catching up after the newest event: nothing from before its endpoint counts as missed', async () => {
  const own = await tempDir();
  const busy = await startTestPlatform(own.path);
  try {
    // Another integration's users and payments, published before this shop existed.
    for (let i = 0; i < 3; i++) {
      await platformCall(busy, 'POST', '/v1/users', {
        email: `earlier${i}@elsewhere.test`,
        password: 'correct horse battery',
      });
      const checkout = await platformCall<{ id: string }>(busy, 'POST', '/v1/checkout/sessions', {
        mode: 'payment',
        amount: 100,
        currency: 'USD',
        success_url: 'https://elsewhere.test/ok',
        cancel_url: 'https://elsewhere.test/no',
      });
      await payCheckout(busy, checkout.body.id);
    }
    const history = await platformCall<{ data: { id: string }[]; has_more: boolean }>(
      busy,
      'GET',
      '/v1/events?limit=100',
    );
    expect(history.body.has_more).toBe(false);
    const newest = history.body.data.at(-1)?.id;
    expect(newest).toMatch(/^evt_/);

    const shop = await startTestShop(own.path, busy);
    try {
      expect(shop.endpoint.outcome).toBe('created');
      expect(shop.catchUp).toMatchObject({ new: 0, duplicate: 0, from: newest, to: newest });
      const visitor = new ShopVisitor(shop.url);
      await visitor.signUpAndLogIn('newcomer@example.com');
      const feed = await eventually(async () => {
        const current = (await visitor.call<{ feed: { source: string }[] }>('/api/state')).body
          .feed;
        return current.length === 2 ? current : undefined;
      }, 'the newcomer’s user.created and user.login pushed');
      expect(feed.every((entry) => entry.source === 'push')).toBe(true);
      // Events after the endpoint was created are still pulled (here: duplicates of the pushes).
      const later = await shop.catchUpNow();
      expect(later).toMatchObject({ new: 0, duplicate: 2, from: newest });
    } finally {
      await shop.stop();
    }
  } finally {
    await busy.stop();
    await own.cleanup();
  }
});
