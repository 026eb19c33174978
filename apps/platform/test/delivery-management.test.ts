import { verifyWebhook } from '@hookline/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Json, startTestPlatform } from './support/test-platform.js';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
const sinks: WebhookSink[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.stop();
  await Promise.all(sinks.map((sink) => sink.close()));
});

async function endpointFor(body: Json = {}, respond?: () => number) {
  const sink = await startWebhookSink(respond);
  sinks.push(sink);
  const created = await platform.api<Json>('POST', '/v1/webhook_endpoints', {
    body: { url: sink.url, enabled_events: ['*'], ...body },
  });
  expect(created.status).toBe(201);
  return { sink, endpoint: created.body };
}

let emailCount = 0;
const createUser = () =>
  platform.api<Json>('POST', '/v1/users', {
    body: { email: `user${++emailCount}@example.com`, password: 'long enough' },
  });

const settledOn = (on: typeof platform, id: string, status: string) =>
  eventually(async () => {
    const delivery = await on.api<Json>('GET', `/v1/deliveries/${id}`);
    return delivery.body.status === status ? delivery.body : undefined;
  }, `delivery ${id} to be ${status}`);
const settled = (id: string, status: string) => settledOn(platform, id, status);

describe('retries, dead letters and manual retry', () => {
  it('a receiver that keeps failing gets every scheduled attempt, then the delivery is dead; a manual retry after the fix succeeds with the same webhook-id', async () => {
    const { sink, endpoint } = await endpointFor({}, () => 500);
    await createUser();
    const [listed] = await eventually(async () => {
      const page = await platform.api<Json>(
        'GET',
        `/v1/webhook_endpoints/${endpoint.id}/deliveries`,
      );
      return page.body.data.length > 0 ? page.body.data : undefined;
    }, 'a delivery in the log');
    const dead = await settled(listed.id, 'dead');
    expect(dead.attempts.length).toBe(sink.received.length);
    expect(dead.attempts.length).toBeGreaterThanOrEqual(2);
    for (const attempt of dead.attempts) {
      expect(attempt).toMatchObject({ status_code: 500, succeeded: false, response_excerpt: 'ok' });
    }
    const deadLetters = await platform.api<Json>(
      'GET',
      `/v1/webhook_endpoints/${endpoint.id}/deliveries?status=dead`,
    );
    expect(deadLetters.body.data.map((d: Json) => d.id)).toEqual([dead.id]);

    sink.respondWith(() => 204);
    const retried = await platform.api<Json>('POST', `/v1/deliveries/${dead.id}/retry`, {
      headers: { 'idempotency-key': 'retry-1' },
    });
    expect(retried.status).toBe(202);
    expect(retried.body.status).toBe('pending');
    const ok = await settled(dead.id, 'succeeded');
    expect(ok.attempts.at(-1)).toMatchObject({ status_code: 204, succeeded: true });
    const ids = new Set(sink.received.map((hook) => hook.headers['webhook-id']));
    expect([...ids]).toEqual([dead.event_id]);
  });

  it('a 410 Gone disables the endpoint (disabled_reason gone); retrying its delivery is a 409 conflict until it is enabled again', async () => {
    const { endpoint } = await endpointFor({}, () => 410);
    await createUser();
    const disabled = await eventually(async () => {
      const got = await platform.api<Json>('GET', `/v1/webhook_endpoints/${endpoint.id}`);
      return got.body.status === 'disabled' ? got.body : undefined;
    }, 'the endpoint to be disabled');
    expect(disabled.disabled_reason).toBe('gone');
    const [delivery] = (
      await platform.api<Json>('GET', `/v1/webhook_endpoints/${endpoint.id}/deliveries`)
    ).body.data;
    expect(delivery.status).toBe('failed');
    const retry = await platform.api<Json>('POST', `/v1/deliveries/${delivery.id}/retry`);
    expect(retry.status).toBe(409);
    expect(retry.body.code).toBe('conflict');

    const enabled = await platform.api<Json>('PATCH', `/v1/webhook_endpoints/${endpoint.id}`, {
      body: { disabled: false },
    });
    expect(enabled.body).toMatchObject({ status: 'enabled', disabled_reason: null });
  });

  it('PATCH disabled:true stops deliveries (manual) and the list filters by status', async () => {
    const { endpoint } = await endpointFor();
    const patched = await platform.api<Json>('PATCH', `/v1/webhook_endpoints/${endpoint.id}`, {
      body: { disabled: true, description: 'paused', metadata: { team: 'billing' } },
    });
    expect(patched.body).toMatchObject({
      status: 'disabled',
      disabled_reason: 'manual',
      description: 'paused',
      metadata: { team: 'billing' },
    });
    const listed = await platform.api<Json>(
      'GET',
      '/v1/webhook_endpoints?status=disabled&limit=100',
    );
    expect(listed.body.data.map((e: Json) => e.id)).toContain(endpoint.id);
    expect(listed.body.data.every((e: Json) => e.status === 'disabled')).toBe(true);
  });
});

describe('secrets and test events', () => {
  it('after a rotation, deliveries carry signatures of the old and the new secret', async () => {
    const { sink, endpoint } = await endpointFor({ enabled_events: ['user.created'] });
    const rotated = await platform.api<Json>(
      'POST',
      `/v1/webhook_endpoints/${endpoint.id}/rotate_secret`,
      {
        body: { grace_period_seconds: 3600 },
      },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    const got = await platform.api<Json>('GET', `/v1/webhook_endpoints/${endpoint.id}`);
    expect(got.body.secret_rotated_at).not.toBeNull();
    expect(got.body).not.toHaveProperty('secret');

    await createUser();
    const hook = await eventually(() => sink.received[0], 'a delivery after the rotation');
    const headers = hook.headers as Record<string, string>;
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    await expect(verifyWebhook(hook.body, headers, endpoint.secret)).resolves.toBeTruthy();
    await expect(verifyWebhook(hook.body, headers, rotated.body.secret)).resolves.toBeTruthy();
  });

  it('a test event goes to that endpoint only, at its pinned version, whatever its enabled_events, and is not an event of the account', async () => {
    const { sink, endpoint } = await endpointFor({
      enabled_events: ['user.created'],
      event_versions: { 'payment.succeeded': 1 },
    });
    const { sink: bystander } = await endpointFor({ enabled_events: ['*'] });
    const test = await platform.api<Json>('POST', `/v1/webhook_endpoints/${endpoint.id}/test`, {
      body: { event: 'payment.succeeded', version: 1 },
    });
    expect(test.status).toBe(202);
    expect(test.body).toMatchObject({
      endpoint_id: endpoint.id,
      event_type: 'payment.succeeded',
      status: 'pending',
    });
    const hook = await eventually(() => sink.received[0], 'the test delivery');
    const event = JSON.parse(
      (await verifyWebhook(hook.body, hook.headers as Record<string, string>, endpoint.secret))
        .payload,
    );
    expect(event).toMatchObject({ event: 'payment.succeeded', version: 1, id: test.body.event_id });
    await settled(test.body.id, 'succeeded');
    expect(bystander.received).toHaveLength(0);
    const events = await platform.api<Json>('GET', `/v1/events/${test.body.event_id}`);
    expect(events.status).toBe(404);

    // The endpoint's own subscription is back: a user.created still reaches it, a payment type would not.
    const after = await platform.api<Json>('GET', `/v1/webhook_endpoints/${endpoint.id}`);
    expect(after.body.enabled_events).toEqual(['user.created']);
    await createUser();
    await eventually(() => bystander.received[0], 'the bystander to get the user.created');
  });

  it('a test event with a version goes out at that version, not the pinned one, and the pin stays; an unknown version is a 400', async () => {
    const { sink, endpoint } = await endpointFor({
      enabled_events: ['user.created'],
      event_versions: { 'payment.succeeded': 1 },
    });
    const test = await platform.api<Json>('POST', `/v1/webhook_endpoints/${endpoint.id}/test`, {
      body: { event: 'payment.succeeded', version: 2 },
    });
    expect(test.status).toBe(202);
    expect(test.body).toMatchObject({ event_type: 'payment.succeeded', event_version: 2 });
    const hook = await eventually(() => sink.received[0], 'the test delivery at v2');
    expect(hook.headers['x-webhook-version']).toBe('2');
    const event = JSON.parse(
      (await verifyWebhook(hook.body, hook.headers as Record<string, string>, endpoint.secret))
        .payload,
    );
    expect(event).toMatchObject({ event: 'payment.succeeded', version: 2, id: test.body.event_id });
    await settled(test.body.id, 'succeeded');
    const after = await platform.api<Json>('GET', `/v1/webhook_endpoints/${endpoint.id}`);
    expect(after.body.event_versions).toEqual({ 'payment.succeeded': 1 });

    const unknown = await platform.api<Json>('POST', `/v1/webhook_endpoints/${endpoint.id}/test`, {
      body: { event: 'payment.succeeded', version: 9 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { path: 'body.version', message: expect.stringContaining('no version 9') },
    ]);
    expect(sink.received).toHaveLength(1);
  });

  it('deleting an endpoint removes it and its delivery log', async () => {
    const { endpoint } = await endpointFor();
    const deleted = await platform.api<Json>('DELETE', `/v1/webhook_endpoints/${endpoint.id}`);
    expect(deleted.body).toEqual({ id: endpoint.id, deleted: true });
    expect((await platform.api<Json>('GET', `/v1/webhook_endpoints/${endpoint.id}`)).status).toBe(
      404,
    );
    expect(
      (await platform.api<Json>('GET', `/v1/webhook_endpoints/${endpoint.id}/deliveries`)).status,
    ).toBe(404);
  });
});

describe('manual retry of a delivery waiting for its next scheduled attempt', () => {
  let slow: Awaited<ReturnType<typeof startTestPlatform>>;
  beforeAll(async () => {
    // An hour between the first and second attempt: only a manual retry can bring it sooner.
    slow = await startTestPlatform({
      retrySchedule: { delaysMs: [0, 3_600_000], jitter: 0 },
      deliveryTimeoutMs: 10_000,
    });
  });
  afterAll(async () => {
    await slow?.stop();
  });

  async function failingDelivery(delayMs = 0) {
    const sink = await startWebhookSink(() => 503, delayMs);
    sinks.push(sink);
    const created = await slow.api<Json>('POST', '/v1/webhook_endpoints', {
      body: { url: sink.url, enabled_events: ['user.created'] },
    });
    expect(created.status).toBe(201);
    const user = await slow.api<Json>('POST', '/v1/users', {
      body: { email: `slow${++emailCount}@example.com`, password: 'long enough' },
    });
    expect(user.status).toBe(201);
    return { sink, endpointId: created.body.id as string };
  }

  const deliveriesOf = async (endpointId: string) =>
    (await slow.api<Json>('GET', `/v1/webhook_endpoints/${endpointId}/deliveries`)).body
      .data as Json[];

  it('a retry of a delivery failing against a 503 (next attempt in an hour) attempts it at once, and it succeeds once the receiver is back', async () => {
    const { sink, endpointId } = await failingDelivery();
    const waiting = await eventually(async () => {
      const [delivery] = await deliveriesOf(endpointId);
      return delivery?.attempt_count === 1 ? delivery : undefined;
    }, 'the first failed attempt');
    expect(waiting.status).toBe('pending');
    expect(Date.parse(waiting.next_attempt_at) - Date.now()).toBeGreaterThan(30 * 60_000);

    sink.respondWith(() => 204);
    const retried = await slow.api<Json>('POST', `/v1/deliveries/${waiting.id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body.status).toBe('pending');
    const ok = await settledOn(slow, waiting.id, 'succeeded');
    expect(ok.attempts.map((a: Json) => [a.status_code, a.succeeded])).toEqual([
      [503, false],
      [204, true],
    ]);
    expect(sink.received).toHaveLength(2);
  });

  it('a retry while an attempt is in flight is a 409 conflict and starts no second attempt', async () => {
    const { sink, endpointId } = await failingDelivery(1500);
    await eventually(() => sink.received[0], 'the attempt to reach the receiver');
    const [inFlight] = await deliveriesOf(endpointId);
    const refused = await slow.api<Json>('POST', `/v1/deliveries/${inFlight!.id}/retry`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conflict');
    expect(refused.body.detail).toContain('being attempted right now');
    const after = await eventually(async () => {
      const [delivery] = await deliveriesOf(endpointId);
      return delivery?.attempt_count === 1 ? delivery : undefined;
    }, 'the attempt in flight to be recorded');
    expect(after.status).toBe('pending');
    expect(sink.received).toHaveLength(1);
  });
});
