import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import type { Platform } from '@hookline/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult, Shop } from '../src/index.js';
import {
  eventually,
  freePort,
  payCheckout,
  platformCall,
  ShopVisitor,
  startTestPlatform,
  startTestShop,
  tempDir,
} from './helpers.js';

interface OrderView {
  id: string;
  status: string;
  watch: string;
  checkout_session_id: string;
  payment_id: string | null;
  failure_message: string | null;
  learned_by: string | null;
  learned_event: string | null;
  learned_source: string | null;
  fulfilment_started_at: string | null;
  events: { event_id: string; event_type: string; source: string }[];
  fulfilments: number;
}
interface StateView {
  user: { id: string } | null;
  orders: OrderView[];
  access: { subscription_id: string; status: string }[];
  onboarding: { kind: string; event_id: string }[];
  security_log: { ip_address: string; suspicious: boolean; reason: string | null }[];
  feed: { event_id: string; event_type: string; source: string }[];
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let platform: Platform;
let shop: Shop;

beforeAll(async () => {
  dir = await tempDir();
  platform = await startTestPlatform(dir.path);
  shop = await startTestShop(dir.path, platform, {
    compare: { customerDelayMs: 300, pollIntervalMs: 100 },
  });
});

afterAll(async () => {
  await shop?.stop();
  await platform?.stop();
  await dir?.cleanup();
});

const state = async (visitor: ShopVisitor) => (await visitor.call<StateView>('/api/state')).body;

async function buy(visitor: ShopVisitor, product: string): Promise<OrderView> {
  const created = await visitor.call<{ order: OrderView; pay_url: string }>('/api/orders', {
    product,
  });
  expect(created.status).toBe(201);
  expect(created.body.pay_url).toBe(
    `${platform.url}/pay/${created.body.order.checkout_session_id}`,
  );
  return created.body.order;
}

/** GETs `path` exactly as given (fetch would normalise `//` away); resolves the status. */
function rawGet(url: string, path: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

interface StreamedChange {
  kind: string;
  userId?: string | null;
  orderId?: string;
  eventType?: string;
}

/** Opens the visitor's Server-Sent Events stream; `changes` fills as data lines arrive. */
async function openStream(visitor: ShopVisitor) {
  const controller = new AbortController();
  const res = await fetch(`${visitor.shopUrl}/api/stream`, {
    headers: { cookie: visitor.cookie },
    signal: controller.signal,
  });
  const changes: StreamedChange[] = [];
  const reading = (async () => {
    const reader = res.body?.getReader();
    if (!reader) return;
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffered += decoder.decode(value, { stream: true });
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('data: ')) changes.push(JSON.parse(line.slice(6)) as StreamedChange);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    status: res.status,
    changes,
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

const orderOf = async (visitor: ShopVisitor, id: string) =>
  (await visitor.call<OrderView>(`/api/orders/${id}`)).body;

describe('start-up', () => {
  it('registers one webhook endpoint for its URL on the platform, subscribed to the events it handles', async () => {
    expect(shop.endpoint.outcome).toBe('created');
    const endpoints = await platformCall<{
      data: { id: string; url: string; enabled_events: string[] }[];
    }>(platform, 'GET', '/v1/webhook_endpoints?limit=100');
    const mine = endpoints.body.data.filter((endpoint) => endpoint.url === shop.webhookUrl);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.id).toBe(shop.endpoint.id);
    expect(mine[0]?.enabled_events).toEqual(
      expect.arrayContaining(['user.login', 'payment.succeeded', 'subscription.cancelled']),
    );
  });

  it('rejects a delivery that is not signed with the endpoint secret (401) and handles nothing', async () => {
    const body = JSON.stringify({
      id: 'evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1',
      event: 'user.deleted',
      version: 1,
      timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      resource_id: 'usr_forged',
      metadata: { deleted_by: 'user', actor_id: null, reason: 'user_requested', hard_delete: true },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const forgedKey = Buffer.from('not the endpoint secret at all!!');
    const signature = createHmac('sha256', forgedKey)
      .update(`msg_forged.${timestamp}.${body}`)
      .digest('base64');
    const res = await fetch(shop.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_forged',
        'webhook-timestamp': String(timestamp),
        'webhook-signature': `v1,${signature}`,
      },
      body,
    });
    expect(res.status).toBe(401);
    // Never stored in the inbox, so no handler ran.
    expect(await shop.receiver.inspect('msg_forged')).toBeUndefined();
    expect(await shop.receiver.inspect('evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1')).toBeUndefined();
  });
});

describe('publicUrl', () => {
  it('a publicUrl with a trailing slash still registers <url>/webhooks and returns to <url>/?order=…', async () => {
    const own = await tempDir();
    const ownPlatform = await startTestPlatform(own.path);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const slashed = await startTestShop(own.path, ownPlatform, { port, publicUrl: `${base}/` });
    try {
      expect(slashed.webhookUrl).toBe(`${base}/webhooks`);
      const visitor = new ShopVisitor(slashed.url);
      await visitor.signUpAndLogIn('slash@example.com');
      const created = await visitor.call<{ order: OrderView }>('/api/orders', { product: 'mug' });
      const { order } = created.body;
      const session = await platformCall<{ success_url: string; cancel_url: string }>(
        ownPlatform,
        'GET',
        `/v1/checkout/sessions/${order.checkout_session_id}`,
      );
      expect(session.body.success_url).toBe(`${base}/?order=${order.id}`);
      expect(session.body.cancel_url).toBe(`${base}/?cancelled=${order.id}`);
      // The platform delivers to the registered URL, and the shop answers there.
      await payCheckout(ownPlatform, order.checkout_session_id);
      const view = await eventually(async () => {
        const current = await orderOf(visitor, order.id);
        return current.status === 'paid' ? current : undefined;
      }, 'the order paid by a push to <url>/webhooks');
      expect(view.learned_source).toBe('push');
    } finally {
      await slashed.stop();
      await ownPlatform.stop();
      await own.cleanup();
    }
  });
});

describe('the page and its API', () => {
  it('answers 404 to a request path that looks like an authority (`//`, `//a:b`, `//%`) and keeps serving', async () => {
    for (const path of ['//', '//?x', '//a:b', '//%']) {
      expect(await rawGet(shop.url, path)).toBe(404);
    }
    const page = await fetch(`${shop.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });

  it('shows a customer only their own events, compare result and live changes; an anonymous visitor none', async () => {
    const alice = new ShopVisitor(shop.url);
    await alice.signUpAndLogIn('alice@example.com');
    const bob = new ShopVisitor(shop.url);
    const bobId = await bob.signUpAndLogIn('bob@example.com');
    await eventually(async () => {
      const { feed } = await state(bob);
      return feed.length === 2 ? feed : undefined;
    }, 'bob’s user.created and user.login');
    const bobStream = await openStream(bob);
    expect(bobStream.status).toBe(200);
    try {
      // Alice buys and pays, and compares.
      const order = await buy(alice, 'mug');
      await payCheckout(platform, order.checkout_session_id);
      const aliceFeed = await eventually(async () => {
        const { feed } = await state(alice);
        return feed.length === 4 ? feed : undefined;
      }, 'alice’s payment events in her feed');
      expect(aliceFeed.map((line) => line.event_type).sort()).toEqual([
        'checkout.completed',
        'payment.succeeded',
        'user.created',
        'user.login',
      ]);
      const compared = await alice.call('/api/compare', {});
      expect(compared.status).toBe(200);
      expect((await state(alice)) as unknown).toMatchObject({ compare: { webhook: {} } });

      // Then bob logs in again: his stream shows that, and nothing of alice's before it.
      const again = await bob.call('/api/login', {
        email: 'bob@example.com',
        password: 'correct horse battery',
      });
      expect(again.status).toBe(200);
      await eventually(
        () =>
          bobStream.changes.filter((change) => change.kind === 'security').length === 1
            ? true
            : undefined,
        'bob’s second login on his stream',
      );
      const foreign = bobStream.changes.filter(
        (change) => change.kind !== 'catch_up' && change.userId !== bobId,
      );
      expect(foreign).toEqual([]);
      const bobState = (await state(bob)) as StateView & { compare: unknown };
      expect(bobState.feed.every((line) => line.event_type.startsWith('user.'))).toBe(true);
      expect(bobState.compare).toBeNull();
      const paymentEvent = aliceFeed.find((line) => line.event_type === 'payment.succeeded');
      const peek = await bob.call<{ data: unknown[] }>(`/api/feed/${paymentEvent?.event_id}`);
      expect(peek.body.data).toEqual([]);
      const own = await alice.call<{ data: unknown[] }>(`/api/feed/${paymentEvent?.event_id}`);
      expect(own.body.data).toHaveLength(1);

      // Anonymous: no feed, no compare, no stream, no feed lookups.
      const anonymous = new ShopVisitor(shop.url);
      const anonymousState = (await state(anonymous)) as StateView & { compare: unknown };
      expect(anonymousState.feed).toEqual([]);
      expect(anonymousState.compare).toBeNull();
      expect((await anonymous.call(`/api/feed/${paymentEvent?.event_id}`)).status).toBe(401);
      const anonymousStream = await openStream(anonymous);
      await anonymousStream.close();
      expect(anonymousStream.status).toBe(401);
    } finally {
      await bobStream.close();
    }
  });

  it('passes a password to the platform exactly as typed, surrounding spaces included', async () => {
    const visitor = new ShopVisitor(shop.url);
    const email = 'spaces@example.com';
    const password = '  correct horse battery  ';
    expect((await visitor.call('/api/signup', { email, password })).status).toBe(201);
    const direct = await platformCall(platform, 'POST', '/v1/sessions', { email, password });
    expect(direct.status).toBe(201);
    expect((await visitor.call('/api/login', { email, password })).status).toBe(200);
    // The trimmed text is another password.
    const trimmed = await visitor.call('/api/login', { email, password: password.trim() });
    expect(trimmed.status).toBe(401);
  });
});

describe('auth events', () => {
  it('user.created opens one welcome onboarding task for a new sign-up', async () => {
    const visitor = new ShopVisitor(shop.url);
    const userId = await visitor.signUpAndLogIn('onboarding@example.com');
    const tasks = await eventually(async () => {
      const { onboarding } = await state(visitor);
      return onboarding.length > 0 ? onboarding : undefined;
    }, 'the welcome task');
    const events = await platformCall<{ data: { id: string; resource_id: string }[] }>(
      platform,
      'GET',
      '/v1/events?type=user.created&limit=100',
    );
    const created = events.body.data.find((event) => event.resource_id === userId);
    expect(tasks).toEqual([expect.objectContaining({ kind: 'welcome', event_id: created?.id })]);
  });

  it('user.login fills the security log and flags a login from an address the user never used', async () => {
    const visitor = new ShopVisitor(shop.url);
    const password = 'correct horse battery';
    await visitor.signUpAndLogIn('security@example.com', password);
    await eventually(async () => {
      const log = (await state(visitor)).security_log;
      return log.length === 1 ? log : undefined;
    }, 'the first login in the security log');

    // Another login of the same person, from elsewhere (through the platform's API directly).
    const elsewhere = await platformCall(platform, 'POST', '/v1/sessions', {
      email: 'security@example.com',
      password,
      ip_address: '203.0.113.42',
      user_agent: 'Mozilla/5.0 (elsewhere)',
    });
    expect(elsewhere.status).toBe(201);
    // And once more from the first address: known, so not suspicious.
    expect(
      (await visitor.call('/api/login', { email: 'security@example.com', password })).status,
    ).toBe(200);

    const log = await eventually(async () => {
      const entries = (await state(visitor)).security_log;
      return entries.length === 3 ? entries : undefined;
    }, 'three logins in the security log');
    const foreign = log.filter((entry) => entry.ip_address === '203.0.113.42');
    const local = log.filter((entry) => entry.ip_address === '127.0.0.1');
    expect(foreign).toEqual([expect.objectContaining({ suspicious: true })]);
    expect(foreign[0]?.reason).toContain('203.0.113.42');
    expect(local).toHaveLength(2);
    expect(local.every((entry) => !entry.suspicious)).toBe(true);
  });

  it('user.deleted on the platform revokes every shop session of that user', async () => {
    const first = new ShopVisitor(shop.url);
    const second = new ShopVisitor(shop.url);
    const userId = await first.signUpAndLogIn('leaving@example.com');
    await second.call('/api/login', {
      email: 'leaving@example.com',
      password: 'correct horse battery',
    });
    expect((await state(first)).user?.id).toBe(userId);
    expect((await state(second)).user?.id).toBe(userId);

    expect((await platformCall(platform, 'DELETE', `/v1/users/${userId}`)).status).toBe(200);
    await eventually(
      async () => ((await state(first)).user === null ? true : undefined),
      'first session revoked',
    );
    expect((await state(second)).user).toBeNull();
    expect((await first.call('/api/orders', { product: 'mug' })).status).toBe(401);
  });

  it('session.revoked for a logout on the platform ends only that session; the other browser stays signed in', async () => {
    const phone = new ShopVisitor(shop.url);
    const laptop = new ShopVisitor(shop.url);
    await phone.signUpAndLogIn('two-devices@example.com');
    await laptop.call('/api/login', {
      email: 'two-devices@example.com',
      password: 'correct horse battery',
    });
    const sessions = await platformCall<{ data: { id: string; user_agent: string }[] }>(
      platform,
      'GET',
      `/v1/sessions?user_id=${(await state(phone)).user?.id}&status=active`,
    );
    expect(sessions.body.data).toHaveLength(2);
    // The user signs out of the first session through the platform (reason: logout).
    const first = sessions.body.data[0] as { id: string };
    expect((await platformCall(platform, 'DELETE', `/v1/sessions/${first.id}`)).status).toBe(200);
    await eventually(
      async () => ((await state(phone)).user === null ? true : undefined),
      'phone session revoked',
    );
    expect((await state(laptop)).user).not.toBeNull();
  });
});

describe('payment events', () => {
  it('payment.succeeded pushed by the platform marks the order paid and starts fulfilment exactly once', async () => {
    const visitor = new ShopVisitor(shop.url);
    await visitor.signUpAndLogIn('buyer@example.com');
    const order = await buy(visitor, 'mug');
    expect(order.status).toBe('pending');

    const paid = await payCheckout(platform, order.checkout_session_id);
    expect(paid.body.payment.status).toBe('succeeded');
    const view = await eventually(async () => {
      const current = await orderOf(visitor, order.id);
      return current.status === 'paid' && current.events.length === 2 ? current : undefined;
    }, 'the order to be paid and both events recorded');

    expect(view.learned_by).toBe('webhook');
    expect(view.learned_source).toBe('push');
    expect(view.payment_id).toBe(paid.body.payment.id);
    expect(view.fulfilment_started_at).not.toBeNull();
    expect(view.fulfilments).toBe(1);
    expect(view.events.map((event) => event.event_type).sort()).toEqual([
      'checkout.completed',
      'payment.succeeded',
    ]);
    expect(view.events.every((event) => event.source === 'push')).toBe(true);
  });

  it('payment.failed marks the order failed with the decline message', async () => {
    const visitor = new ShopVisitor(shop.url);
    await visitor.signUpAndLogIn('declined@example.com');
    const order = await buy(visitor, 'stickers');
    const declined = await payCheckout(platform, order.checkout_session_id, '4000000000000002');
    expect(declined.body.payment.status).toBe('failed');
    const view = await eventually(async () => {
      const current = await orderOf(visitor, order.id);
      return current.status === 'failed' ? current : undefined;
    }, 'the order to fail');
    expect(view.failure_message).toBe('Your card was declined.');
    expect(view.events.map((event) => event.event_type)).toEqual(['payment.failed']);
    expect(view.fulfilments).toBe(0);
  });

  it('a declined payment, then a successful retry in the same checkout: the order is paid with the succeeded payment', async () => {
    const visitor = new ShopVisitor(shop.url);
    await visitor.signUpAndLogIn('retry@example.com');
    const order = await buy(visitor, 'mug');
    const declined = await payCheckout(platform, order.checkout_session_id, '4000000000000002');
    expect(declined.body.payment.status).toBe('failed');
    await eventually(async () => {
      const current = await orderOf(visitor, order.id);
      return current.status === 'failed' ? current : undefined;
    }, 'the order to fail');

    const paid = await payCheckout(platform, order.checkout_session_id);
    expect(paid.body.payment.status).toBe('succeeded');
    expect(paid.body.payment.id).not.toBe(declined.body.payment.id);
    // All three events handled: payment.failed, then payment.succeeded and checkout.completed.
    const view = await eventually(async () => {
      const current = await orderOf(visitor, order.id);
      return current.status === 'paid' && current.events.length === 3 ? current : undefined;
    }, 'the order paid by the retry, all three events recorded');
    expect(view.payment_id).toBe(paid.body.payment.id);
    expect(view.failure_message).toBeNull();
    expect(view.fulfilments).toBe(1);
  });

  it('marks the order failed when the checkout cannot be opened, instead of leaving it pending', async () => {
    const own = await tempDir();
    const ownPlatform = await startTestPlatform(own.path);
    const ownShop = await startTestShop(own.path, ownPlatform);
    try {
      const visitor = new ShopVisitor(ownShop.url);
      await visitor.signUpAndLogIn('unlucky@example.com');
      await ownPlatform.stop(); // the platform is gone when the customer presses Buy
      const created = await visitor.call<{ error: { code: string } }>('/api/orders', {
        product: 'mug',
      });
      expect(created.status).toBe(502);
      expect(created.body.error.code).toBe('platform_error');
      const { orders } = await state(visitor);
      expect(orders).toEqual([
        expect.objectContaining({ status: 'failed', checkout_session_id: null }),
      ]);
      expect(orders[0]?.failure_message).toContain('could not be opened');
    } finally {
      await ownShop.stop();
      await ownPlatform.stop();
      await own.cleanup();
    }
  });

  it('a subscription checkout grants access, and subscription.cancelled revokes it', async () => {
    const visitor = new ShopVisitor(shop.url);
    await visitor.signUpAndLogIn('member@example.com');
    const order = await buy(visitor, 'pro');
    await payCheckout(platform, order.checkout_session_id);
    const access = await eventually(async () => {
      const current = (await state(visitor)).access;
      return current.length === 1 && current[0]?.status === 'active' ? current[0] : undefined;
    }, 'access to be granted');
    expect(access.subscription_id).toMatch(/^sub_/);

    const cancel = await visitor.call(`/api/subscriptions/${access.subscription_id}/cancel`, {});
    expect(cancel.status).toBe(202);
    const revoked = await eventually(async () => {
      const current = (await state(visitor)).access[0];
      return current?.status === 'revoked' ? current : undefined;
    }, 'access to be revoked');
    expect(revoked.subscription_id).toBe(access.subscription_id);
  });

  it('compare: one order learned from the webhook, the other by polling, with the requests each took', async () => {
    const visitor = new ShopVisitor(shop.url);
    await visitor.signUpAndLogIn('compare@example.com');
    const result = await visitor.call<CompareResult>('/api/compare', {});
    expect(result.status).toBe(200);
    const { webhook, polling } = result.body;
    expect(webhook.orderId).not.toBe(polling.orderId);
    // Polling asks at least once after the payment, and also while nothing had changed yet.
    expect(polling.apiRequests).toBeGreaterThanOrEqual(polling.requestsBeforePayment + 1);
    expect(polling.requestsBeforePayment).toBeGreaterThanOrEqual(1);
    expect(webhook.requestsBeforePayment).toBe(0);
    expect(webhook.apiRequests).toBeLessThanOrEqual(1);
    expect(webhook.msAfterPayment).toBeGreaterThanOrEqual(0);
    expect(polling.msAfterPayment).toBeGreaterThanOrEqual(0);

    const pushed = await orderOf(visitor, webhook.orderId);
    const polled = await orderOf(visitor, polling.orderId);
    expect(pushed).toMatchObject({ status: 'paid', learned_by: 'webhook', watch: 'webhook' });
    expect(polled).toMatchObject({ status: 'paid', learned_by: 'poll', watch: 'poll' });
  });
});
