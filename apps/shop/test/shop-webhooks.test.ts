import { createHmac } from 'node:crypto';
import type { Platform } from '@hookline/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult, Shop } from '../src/index.js';
import {
  eventually,
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
    const feed = await new ShopVisitor(shop.url).call<{ data: unknown[] }>(
      '/api/feed/evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1',
    );
    expect(feed.body.data).toEqual([]);
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
