import { openapiDocument } from '@hookline/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../src/index.js';
import { checkResponse, documentOperationIds } from './support/contract.js';
import {
  eventually,
  type Json,
  startTestPlatform,
  type TestPlatform,
} from './support/test-platform.js';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink.js';

let platform: TestPlatform;
let limited: TestPlatform;
let slow: TestPlatform;
let sink: WebhookSink;

beforeAll(async () => {
  platform = await startTestPlatform();
  limited = await startTestPlatform({
    rateLimit: { strategy: 'fixed-window', limit: 3, windowMs: 60_000 },
  });
  // A costly password hash keeps a createUser in flight long enough to collide with.
  slow = await startTestPlatform({ passwordCost: 2 ** 16 });
  sink = await startWebhookSink();
});
afterAll(async () => {
  await platform?.stop();
  await limited?.stop();
  await slow?.stop();
  await sink?.close();
});

const records = (): ResponseRecord[] => [
  ...platform.responses,
  ...limited.responses,
  ...slow.responses,
];

describe('the contract checker', () => {
  it('rejects a response whose body, status or content type the document does not describe', () => {
    const base = {
      operationId: 'getUser',
      method: 'GET',
      path: '/v1/users/usr_1',
      headers: { 'content-type': 'application/json' },
    };
    expect(checkResponse({ ...base, status: 200, body: '{"id":"usr_1"}' })).toEqual([
      expect.stringContaining("must have required property 'email'"),
    ]);
    expect(checkResponse({ ...base, status: 409, body: '{}' })).toEqual([
      expect.stringContaining('status 409 is not documented'),
    ]);
    expect(
      checkResponse({
        ...base,
        status: 404,
        body: '{"type":"https://hookline.dev/problems/not_found","title":"Not found","status":404,"detail":"x","code":"not_found"}',
      }),
    ).toEqual([
      expect.stringContaining(
        'content-type application/json is not one of application/problem+json',
      ),
    ]);
  });
});

describe('every operation of the document, against the running server', () => {
  it('exercises every operation with a success status', async () => {
    const { api } = platform;
    const endpoint = await api<Json>('POST', '/v1/webhook_endpoints', {
      body: {
        url: sink.url,
        enabled_events: ['payment.*', 'user.created'],
        description: 'contract',
      },
    });
    await api('GET', '/v1/webhook_endpoints');
    await api('GET', `/v1/webhook_endpoints/${endpoint.body.id}`);
    await api('PATCH', `/v1/webhook_endpoints/${endpoint.body.id}`, {
      body: { enabled_events: ['*'] },
    });
    await api('POST', `/v1/webhook_endpoints/${endpoint.body.id}/rotate_secret`, { body: {} });

    const user = await api<Json>('POST', '/v1/users', {
      body: {
        email: 'contract@example.com',
        password: 'correct horse',
        name: 'Contract',
        metadata: { plan: 'pro' },
      },
    });
    await api('GET', '/v1/users?limit=1');
    await api('GET', `/v1/users/${user.body.id}`);
    const session = await api<Json>('POST', '/v1/sessions', {
      body: { email: 'contract@example.com', password: 'correct horse' },
      headers: { 'user-agent': 'contract-test/1.0' },
    });
    await api('GET', `/v1/sessions?user_id=${user.body.id}&status=active`);
    await api('DELETE', `/v1/sessions/${session.body.id}`);
    await api('GET', '/v1/account');
    await api('PATCH', '/v1/account', {
      body: { name: 'Contract shop', email: 'ops@example.com' },
    });

    const checkout = await api<Json>('POST', '/v1/checkout/sessions', {
      body: {
        amount: 2500,
        currency: 'USD',
        user_id: user.body.id,
        success_url: 'https://shop.example.com/ok',
        cancel_url: 'https://shop.example.com/cart',
      },
    });
    await api('GET', `/v1/checkout/sessions/${checkout.body.id}`);
    const paid = await api<Json>('POST', `/v1/checkout/sessions/${checkout.body.id}/pay`, {
      body: { card: { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123' } },
    });
    await api('GET', '/v1/payments?status=succeeded');
    await api('GET', `/v1/payments/${paid.body.payment.id}`);

    const subscription = await api<Json>('POST', '/v1/subscriptions', {
      body: {
        user_id: user.body.id,
        plan_id: 'plan_basic',
        amount: 900,
        currency: 'USD',
        interval: 'year',
      },
    });
    await api('GET', '/v1/subscriptions');
    await api('GET', `/v1/subscriptions/${subscription.body.id}`);
    await api('POST', `/v1/subscriptions/${subscription.body.id}/cancel`, {
      body: { at_period_end: true },
    });

    const events = await api<Json>('GET', '/v1/events?type=payment.*');
    await api('GET', `/v1/events/${events.body.data[0].id}`);

    const test = await api<Json>('POST', `/v1/webhook_endpoints/${endpoint.body.id}/test`, {
      body: { event: 'user.created' },
    });
    await eventually(async () => {
      const delivery = await api<Json>('GET', `/v1/deliveries/${test.body.id}`);
      return delivery.body.status === 'succeeded' ? delivery : undefined;
    }, 'the test delivery');
    await api('GET', `/v1/webhook_endpoints/${endpoint.body.id}/deliveries?limit=2`);
    await api('POST', `/v1/deliveries/${test.body.id}/retry`);
    await api('GET', '/v1/analytics/summary');
    await api('GET', '/v1/analytics/summary?since=2020-01-01T00:00:00Z');
    await api('DELETE', `/v1/users/${user.body.id}`);
    await api('DELETE', `/v1/webhook_endpoints/${endpoint.body.id}`);

    const succeeded = new Set(
      records()
        .filter((r) => r.operationId !== null && r.status >= 200 && r.status < 300)
        .map((r) => r.operationId),
    );
    expect(documentOperationIds.filter((id) => !succeeded.has(id))).toEqual([]);
  });

  it('exercises the error paths: 400, 401, 404, 409, 422, 429', async () => {
    const { api } = platform;
    expect((await api('GET', '/v1/users', { key: null })).status).toBe(401);
    expect((await api('GET', '/v1/users', { key: 'sk_test_wrong' })).status).toBe(401);
    expect((await api('GET', '/v1/users/usr_doesnotexist')).status).toBe(404);
    expect((await api('GET', '/v1/users/not-an-id')).status).toBe(404);
    expect(
      (await api('POST', '/v1/users', { body: { email: 'nope', password: 'x' } })).status,
    ).toBe(400);
    expect((await api('GET', '/v1/users?limit=1000')).status).toBe(400);
    expect(
      (await api('POST', '/v1/webhook_endpoints', { body: { url: 'ftp://x', enabled_events: [] } }))
        .status,
    ).toBe(400);
    expect((await api('POST', '/v1/users', { rawBody: '{not json' })).status).toBe(400);
    const user = { email: 'twice@example.com', password: 'long enough' };
    expect((await api('POST', '/v1/users', { body: user })).status).toBe(201);
    expect((await api('POST', '/v1/users', { body: user })).status).toBe(409);
    const key = { 'idempotency-key': 'contract-key' };
    expect(
      (
        await api('POST', '/v1/users', {
          body: { ...user, email: 'other@example.com' },
          headers: key,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api('POST', '/v1/users', {
          body: { ...user, email: 'third@example.com' },
          headers: key,
        })
      ).status,
    ).toBe(422);
    const replay = await api('POST', '/v1/users', {
      body: { ...user, email: 'other@example.com' },
      headers: key,
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    const inFlight = () =>
      slow.api('POST', '/v1/users', {
        body: { email: 'inflight@example.com', password: 'long enough' },
        headers: { 'idempotency-key': 'contract-in-flight' },
      });
    const collided = await Promise.all([inFlight(), inFlight()]);
    expect(collided.map((r) => r.status).sort()).toEqual([201, 409]);

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await limited.api('GET', '/v1/account')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);

    const errors = new Set(
      records()
        .map((r) => r.status)
        .filter((s) => s >= 400),
    );
    expect([...errors].sort()).toEqual(expect.arrayContaining([400, 401, 404, 409, 422, 429]));
  });

  it('every response sent so far conforms to the document', () => {
    const all = records();
    expect(all.length).toBeGreaterThan(50);
    expect(all.flatMap(checkResponse)).toEqual([]);
  });
});

describe('GET /openapi.json', () => {
  it('serves the document the server implements, as JSON, the same on every request', async () => {
    const first = await fetch(`${platform.url}/openapi.json`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await first.text();
    expect(JSON.parse(text)).toEqual(openapiDocument);
    expect(await (await fetch(`${platform.url}/openapi.json`)).text()).toBe(text);
  });
});
