import { verifyWebhook } from '@hookline/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestPlatform } from './support/test-platform.js';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink.js';

// biome-ignore lint/suspicious/noExplicitAny: test payloads are read field by field.
type Json = Record<string, any>;

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

const settled = (id: string, status: string) =>
  eventually(async () => {
    const delivery = await platform.api<Json>('GET', `/v1/deliveries/${id}`);
    return delivery.body.status === status ? delivery.body : undefined;
  }, `delivery ${id} to be ${status}`);

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
    const otherVersion = await platform.api<Json>(
      'POST',
      `/v1/webhook_endpoints/${endpoint.id}/test`,
      {
        body: { event: 'payment.succeeded', version: 2 },
      },
    );
    expect(otherVersion.status).toBe(400);
    expect(otherVersion.body.errors).toEqual([
      { path: 'body.version', message: expect.stringContaining('version 1') },
    ]);
    const events = await platform.api<Json>('GET', `/v1/events/${test.body.event_id}`);
    expect(events.status).toBe(404);

    // The endpoint's own subscription is back: a user.created still reaches it, a payment type would not.
    const after = await platform.api<Json>('GET', `/v1/webhook_endpoints/${endpoint.id}`);
    expect(after.body.enabled_events).toEqual(['user.created']);
    await createUser();
    await eventually(() => bystander.received[0], 'the bystander to get the user.created');
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
