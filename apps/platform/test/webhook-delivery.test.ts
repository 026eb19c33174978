import { verifyWebhook } from '@hookline/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Json, startTestPlatform } from './support/test-platform.js';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let sink: WebhookSink;

beforeAll(async () => {
  platform = await startTestPlatform();
  sink = await startWebhookSink();
});
afterAll(async () => {
  await platform?.stop();
  await sink?.close();
});

describe('webhooks of platform actions reach a real receiver', () => {
  it('delivers user.created signed with the endpoint secret, with the event of GET /v1/events as body', async () => {
    const endpoint = await platform.api<Json>('POST', '/v1/webhook_endpoints', {
      body: { url: sink.url, enabled_events: ['user.*'] },
    });
    expect(endpoint.status).toBe(201);
    const secret = endpoint.body.secret as string;
    expect(secret).toMatch(/^whsec_/);

    const user = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' },
    });
    expect(user.status).toBe(201);

    const hook = await eventually(() => sink.ofType('user.created')[0], 'user.created delivery');
    const verified = await verifyWebhook(hook.body, hook.headers as Record<string, string>, secret);
    const delivered = JSON.parse(verified.payload) as Json;
    expect(delivered).toMatchObject({
      event: 'user.created',
      version: 1,
      resource_id: user.body.id,
      metadata: { email: 'ada@example.com', name: 'Ada', signup_method: 'password' },
    });
    expect(hook.headers['webhook-id']).toBe(delivered.id);
    expect(hook.headers['x-webhook-version']).toBe('1');

    const events = await platform.api<Json>('GET', `/v1/events?resource_id=${user.body.id}`);
    expect(events.body.data).toEqual([delivered]);
  });
});

describe('events of logins, payments and subscriptions', () => {
  let secret: string;
  let endpointId: string;
  let pinnedSecret: string;
  let userId: string;
  let all: WebhookSink;
  let pinnedSink: WebhookSink;

  beforeAll(async () => {
    all = await startWebhookSink();
    pinnedSink = await startWebhookSink();
    const endpoint = await platform.api<Json>('POST', '/v1/webhook_endpoints', {
      body: { url: all.url, enabled_events: ['*'] },
    });
    secret = endpoint.body.secret;
    endpointId = endpoint.body.id;
    const pinned = await platform.api<Json>('POST', '/v1/webhook_endpoints', {
      body: {
        url: pinnedSink.url,
        enabled_events: ['user.login', 'payment.succeeded'],
        event_versions: { 'user.login': 1 },
        api_version: 1,
      },
    });
    pinnedSecret = pinned.body.secret;
    const user = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'grace@example.com', password: 'hopper hopper' },
    });
    userId = user.body.id;
  });
  afterAll(async () => {
    await all?.close();
    await pinnedSink?.close();
  });

  it('a login emits user.login v2 with the client from the body, and v1 (downcast) to an endpoint pinned to v1', async () => {
    const login = await platform.api<Json>('POST', '/v1/sessions', {
      body: {
        email: 'grace@example.com',
        password: 'hopper hopper',
        ip_address: '203.0.113.7',
        user_agent: 'TestAgent/1.0',
      },
    });
    expect(login.status).toBe(201);
    expect(login.body).toMatchObject({
      user_id: userId,
      status: 'active',
      ip_address: '203.0.113.7',
    });
    const latestHook = await eventually(() => all.ofType('user.login')[0], 'user.login delivery');
    const pinnedHook = await eventually(
      () => pinnedSink.ofType('user.login')[0],
      'pinned user.login',
    );
    const verify = async (hook: typeof latestHook, key: string) =>
      JSON.parse(
        (await verifyWebhook(hook.body, hook.headers as Record<string, string>, key)).payload,
      ) as Json;
    const latest = await verify(latestHook, secret);
    const pinned = await verify(pinnedHook, pinnedSecret);
    expect(pinnedHook.headers['x-webhook-version']).toBe('1');
    await expect(verify(pinnedHook, secret)).rejects.toThrow();
    expect(latest).toMatchObject({
      version: 2,
      resource_id: userId,
      metadata: {
        client: { ip_address: '203.0.113.7', user_agent: 'TestAgent/1.0' },
        method: 'password',
        session_id: login.body.id,
      },
    });
    expect(pinned).toMatchObject({
      id: latest.id,
      version: 1,
      metadata: { ip_address: '203.0.113.7', user_agent: 'TestAgent/1.0' },
    });
  });

  it('a login without client fields takes the address and user agent of the request', async () => {
    const login = await platform.api<Json>('POST', '/v1/sessions', {
      body: { email: 'grace@example.com', password: 'hopper hopper' },
      headers: { 'user-agent': 'RequestAgent/2.0' },
    });
    expect(login.body).toMatchObject({ ip_address: '127.0.0.1', user_agent: 'RequestAgent/2.0' });
    const hook = await eventually(
      () =>
        all
          .ofType('user.login')
          .find((h) => JSON.parse(h.body).metadata.session_id === login.body.id),
      'the login delivery',
    );
    expect(JSON.parse(hook.body).metadata.client).toEqual({
      ip_address: '127.0.0.1',
      user_agent: 'RequestAgent/2.0',
    });
  });

  it('a wrong password is a 401 invalid_credentials and emits nothing', async () => {
    const before = (await platform.api<Json>('GET', '/v1/events?type=user.login')).body.data.length;
    const login = await platform.api<Json>('POST', '/v1/sessions', {
      body: { email: 'grace@example.com', password: 'wrong password' },
    });
    expect(login.status).toBe(401);
    expect(login.body.code).toBe('invalid_credentials');
    const after = (await platform.api<Json>('GET', '/v1/events?type=user.login')).body.data.length;
    expect(after).toBe(before);
  });

  it('paying a checkout emits payment.succeeded then checkout.completed; a declined card emits payment.failed and leaves it open', async () => {
    const checkout = await platform.api<Json>('POST', '/v1/checkout/sessions', {
      body: {
        amount: 4999,
        currency: 'USD',
        user_id: userId,
        success_url: 'https://shop.example.com/thanks',
      },
    });
    expect(checkout.status).toBe(201);
    expect(checkout.body.url).toBe(`${platform.url}/pay/${checkout.body.id}`);
    const card = { number: '4000000000000002', exp_month: 12, exp_year: 2030, cvc: '123' };
    const declined = await platform.api<Json>(
      'POST',
      `/v1/checkout/sessions/${checkout.body.id}/pay`,
      {
        body: { card },
      },
    );
    expect(declined.status).toBe(200);
    expect(declined.body.payment).toMatchObject({
      status: 'failed',
      failure_code: 'card_declined',
    });
    expect(declined.body.checkout_session.status).toBe('open');

    const paid = await platform.api<Json>('POST', `/v1/checkout/sessions/${checkout.body.id}/pay`, {
      body: { card: { ...card, number: '4242424242424242' } },
    });
    expect(paid.body.payment).toMatchObject({
      status: 'succeeded',
      card: { brand: 'visa', last4: '4242' },
    });
    expect(paid.body.checkout_session).toMatchObject({
      status: 'complete',
      payment_id: paid.body.payment.id,
    });

    const again = await platform.api<Json>(
      'POST',
      `/v1/checkout/sessions/${checkout.body.id}/pay`,
      {
        body: { card: { ...card, number: '4242424242424242' } },
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');

    const events = await platform.api<Json>('GET', '/v1/events?type=payment.*');
    const types = events.body.data.map((e: Json) => `${e.event}:${e.resource_id}`);
    expect(types).toEqual([
      `payment.failed:${declined.body.payment.id}`,
      `payment.succeeded:${paid.body.payment.id}`,
    ]);
    const completed = await eventually(
      () =>
        all
          .ofType('checkout.completed')
          .find((hook) => JSON.parse(hook.body).resource_id === checkout.body.id),
      'checkout.completed delivery',
    );
    const event = JSON.parse(
      (await verifyWebhook(completed.body, completed.headers as Record<string, string>, secret))
        .payload,
    );
    expect(event.metadata).toMatchObject({
      mode: 'payment',
      amount_total: 4999,
      currency: 'USD',
      payment_id: paid.body.payment.id,
      customer_email: 'grace@example.com',
    });
    await eventually(() => all.ofType('payment.failed')[0], 'payment.failed delivery');
  });

  it('a subscription checkout without a user, or with an unknown one, is a 400 on body.user_id', async () => {
    const body = {
      mode: 'subscription',
      amount: 1500,
      currency: 'EUR',
      plan_id: 'plan_pro_monthly',
      interval: 'month',
      success_url: 'https://shop.example.com/welcome',
    };
    for (const extra of [{}, { user_id: 'usr_nobody' }]) {
      const response = await platform.api<Json>('POST', '/v1/checkout/sessions', {
        body: { ...body, ...extra },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: Json) => e.path)).toEqual(['body.user_id']);
    }
  });

  it('a subscription checkout creates the subscription; cancelling emits subscription.cancelled', async () => {
    const checkout = await platform.api<Json>('POST', '/v1/checkout/sessions', {
      body: {
        mode: 'subscription',
        amount: 1500,
        currency: 'EUR',
        user_id: userId,
        plan_id: 'plan_pro_monthly',
        interval: 'month',
        success_url: 'https://shop.example.com/welcome',
      },
    });
    const paid = await platform.api<Json>('POST', `/v1/checkout/sessions/${checkout.body.id}/pay`, {
      body: { card: { number: '5555555555554444', exp_month: 1, exp_year: 2031, cvc: '999' } },
    });
    const subscriptionId = paid.body.checkout_session.subscription_id;
    expect(subscriptionId).toMatch(/^sub_/);
    expect(paid.body.payment.subscription_id).toBe(subscriptionId);
    const subscription = await platform.api<Json>('GET', `/v1/subscriptions/${subscriptionId}`);
    expect(subscription.body).toMatchObject({
      status: 'active',
      plan_id: 'plan_pro_monthly',
      amount: 1500,
    });

    const cancelled = await platform.api<Json>(
      'POST',
      `/v1/subscriptions/${subscriptionId}/cancel`,
      {
        body: { reason: 'too_expensive' },
      },
    );
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancellation_reason: 'too_expensive',
    });
    const hook = await eventually(
      () =>
        all
          .ofType('subscription.cancelled')
          .find((h) => JSON.parse(h.body).resource_id === subscriptionId),
      'subscription.cancelled delivery',
    );
    expect(JSON.parse(hook.body).metadata).toMatchObject({
      reason: 'too_expensive',
      cancel_at_period_end: false,
    });
    expect(
      all
        .ofType('subscription.created')
        .some((h) => JSON.parse(h.body).resource_id === subscriptionId),
    ).toBe(true);
  });

  it('deleting a user revokes their sessions (session.revoked) and emits user.deleted', async () => {
    const user = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'linus@example.com', password: 'penguins!' },
    });
    const session = await platform.api<Json>('POST', '/v1/sessions', {
      body: { email: 'linus@example.com', password: 'penguins!' },
    });
    const deleted = await platform.api<Json>('DELETE', `/v1/users/${user.body.id}`);
    expect(deleted.body).toEqual({ id: user.body.id, deleted: true });
    const events = (await platform.api<Json>('GET', '/v1/events?limit=100')).body.data as Json[];
    const tail = events.slice(-2).map((e) => [e.event, e.resource_id]);
    expect(tail).toEqual([
      ['session.revoked', session.body.id],
      ['user.deleted', user.body.id],
    ]);
    const revoked = await platform.api<Json>('GET', `/v1/sessions?user_id=${user.body.id}`);
    expect(revoked.body.data[0]).toMatchObject({ status: 'revoked' });
    await eventually(
      () => all.ofType('user.deleted').find((h) => JSON.parse(h.body).resource_id === user.body.id),
      'user.deleted delivery',
    );
  });

  it('the delivery log lists each delivery of the endpoint with its attempts', async () => {
    const log = await eventually(async () => {
      const page = await platform.api<Json>(
        'GET',
        `/v1/webhook_endpoints/${endpointId}/deliveries?limit=100`,
      );
      const data = page.body.data as Json[];
      return data.length > 0 && data.every((d) => d.status === 'succeeded') ? data : undefined;
    }, 'every delivery of the endpoint to succeed');
    const events = (await platform.api<Json>('GET', '/v1/events?limit=100')).body.data as Json[];
    const sinceEndpoint = events.filter((e) => log.some((d) => d.event_id === e.id));
    expect(log.map((d) => d.event_id)).toEqual(sinceEndpoint.map((e) => e.id));
    for (const delivery of log) {
      expect(delivery.attempts).toHaveLength(1);
      expect(delivery.attempts[0]).toMatchObject({
        attempt: 1,
        status_code: 200,
        succeeded: true,
        error: null,
      });
    }
    const one = await platform.api<Json>('GET', `/v1/deliveries/${log[0]?.id}`);
    expect(one.body).toEqual(log[0]);
  });
});

describe('account defaults and analytics', () => {
  it("new endpoints inherit the account's version defaults", async () => {
    const patched = await platform.api<Json>('PATCH', '/v1/account', {
      body: { default_event_versions: { 'user.login': 1 } },
    });
    expect(patched.body.default_event_versions).toEqual({ 'user.login': 1 });
    const sink2 = await startWebhookSink();
    try {
      const endpoint = await platform.api<Json>('POST', '/v1/webhook_endpoints', {
        body: { url: sink2.url, enabled_events: ['user.login'] },
      });
      expect(endpoint.body).toMatchObject({
        event_versions: { 'user.login': 1 },
        api_version: null,
      });
      await platform.api('POST', '/v1/users', {
        body: { email: 'defaults@example.com', password: 'long enough' },
      });
      await platform.api('POST', '/v1/sessions', {
        body: { email: 'defaults@example.com', password: 'long enough' },
      });
      const hook = await eventually(() => sink2.received[0], 'the login delivery');
      expect(hook.headers['x-webhook-version']).toBe('1');
      expect(JSON.parse(hook.body).metadata).toHaveProperty('ip_address');
    } finally {
      await platform.api('PATCH', '/v1/account', { body: { default_event_versions: {} } });
      await sink2.close();
    }
  });

  it('the analytics summary counts what the lists hold', async () => {
    const list = async (path: string) => {
      const items: Json[] = [];
      let cursor: string | null = null;
      for (;;) {
        const page: { body: Json } = await platform.api<Json>(
          'GET',
          `${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&starting_after=${cursor}` : ''}`,
        );
        items.push(...page.body.data);
        if (!page.body.has_more) return items;
        cursor = page.body.next_cursor;
      }
    };
    const summary = (await platform.api<Json>('GET', '/v1/analytics/summary')).body;
    const users = await list('/v1/users');
    const payments = await list('/v1/payments');
    const events = await list('/v1/events');
    expect(summary.users.total).toBe(users.length);
    expect(summary.payments.total).toBe(payments.length);
    expect(summary.payments.by_status.succeeded).toBe(
      payments.filter((p) => p.status === 'succeeded').length,
    );
    expect(summary.events.total).toBe(events.length);
    expect(summary.events.by_type['user.created']).toBe(
      events.filter((e) => e.event === 'user.created').length,
    );
    const succeeded = payments.filter((p) => p.status === 'succeeded');
    for (const { currency, amount } of summary.payments.volume) {
      expect(amount).toBe(
        succeeded.filter((p) => p.currency === currency).reduce((sum, p) => sum + p.amount, 0),
      );
    }
    const { pending, succeeded: ok, failed, dead } = summary.deliveries.by_status;
    expect(summary.deliveries.total).toBe(pending + ok + failed + dead);
    expect(summary.deliveries.success_rate).toBe(
      ok + failed + dead === 0 ? null : ok / (ok + failed + dead),
    );
    const future = await platform.api<Json>(
      'GET',
      '/v1/analytics/summary?since=2999-01-01T00:00:00Z',
    );
    expect(future.body).toMatchObject({
      users: { total: 0 },
      events: { total: 0 },
      deliveries: { total: 0 },
    });
    // A since with a fraction, just after the newest user's second: that user is not counted
    // (rows keep whole seconds; compared as text, '…:11Z' sorted after '…:11.999Z').
    const newest = users
      .map((u: Json) => u.created_at as string)
      .sort()
      .at(-1)!;
    const justAfter = newest.replace('Z', '.999Z');
    const later = await platform.api<Json>('GET', `/v1/analytics/summary?since=${justAfter}`);
    expect(later.body, JSON.stringify(later.body)).toMatchObject({ users: { total: 0 } });
  });
});
