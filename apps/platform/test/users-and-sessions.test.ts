import { describe, expect, it } from 'vitest';
import { type Json, useTestPlatform } from './support/test-platform.js';

const platform = useTestPlatform();

const loginEvent = async (sessionId: string) => {
  const events = await platform.api<Json>('GET', '/v1/events?type=user.login&limit=100');
  return (events.body.data as Json[]).find((e) => e.metadata.session_id === sessionId);
};

describe('logins take the client from the request headers within the event contract', () => {
  it('a User-Agent header longer than user.login allows is cut to 1024 characters, in the event and the session', async () => {
    await platform.api('POST', '/v1/users', {
      body: { email: 'agent@example.com', password: 'long enough' },
    });
    const userAgent = `Mozilla/5.0 ${'x'.repeat(3000)}`;
    const login = await platform.api<Json>('POST', '/v1/sessions', {
      body: { email: 'agent@example.com', password: 'long enough' },
      headers: { 'user-agent': userAgent },
    });
    expect(login.status).toBe(201);
    expect(login.body.user_agent).toBe(userAgent.slice(0, 1024));
    const event = await loginEvent(login.body.id);
    expect(event?.metadata.client.user_agent).toBe(userAgent.slice(0, 1024));
  });

  it('an empty User-Agent header is no user agent', async () => {
    const login = await platform.api<Json>('POST', '/v1/sessions', {
      body: { email: 'agent@example.com', password: 'long enough' },
      headers: { 'user-agent': '' },
    });
    expect(login.status).toBe(201);
    expect(login.body.user_agent).toBeNull();
    expect((await loginEvent(login.body.id))?.metadata.client.user_agent).toBe('unknown');
  });

  it('an empty user_agent in the body is a 400 naming the field, not a session of agent ""', async () => {
    const login = await platform.api<Json>('POST', '/v1/sessions', {
      body: { email: 'agent@example.com', password: 'long enough', user_agent: '' },
    });
    expect(login.status).toBe(400);
    expect(login.body.code).toBe('invalid_request');
    expect(login.body.errors.map((e: Json) => e.path)).toEqual(['body.user_agent']);
  });
});

describe('emails are case-insensitive', () => {
  it('another case of a taken email is a 409, and any case logs in', async () => {
    const created = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'Ada@Example.com', password: 'correct horse' },
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('Ada@Example.com');
    const again = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'ada@example.com', password: 'correct horse' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
    for (const email of ['ADA@example.com', 'ada@example.com', 'Ada@Example.com']) {
      const login = await platform.api<Json>('POST', '/v1/sessions', {
        body: { email, password: 'correct horse' },
      });
      expect(login.status).toBe(201);
      expect(login.body.user_id).toBe(created.body.id);
    }
    const listed = await platform.api<Json>('GET', '/v1/users?email=ADA%40EXAMPLE.COM');
    expect(listed.body.data.map((u: Json) => u.id)).toEqual([created.body.id]);
  });
});

describe('deleting a user', () => {
  it('cancels their active subscriptions (subscription.cancelled) before user.deleted; cancelled ones stay as they were', async () => {
    const user = await platform.api<Json>('POST', '/v1/users', {
      body: { email: 'subscriber@example.com', password: 'long enough' },
    });
    const subscribe = (planId: string) =>
      platform.api<Json>('POST', '/v1/subscriptions', {
        body: {
          user_id: user.body.id,
          plan_id: planId,
          amount: 900,
          currency: 'EUR',
          interval: 'month',
        },
      });
    const active = (await subscribe('plan_basic')).body;
    const atPeriodEnd = (await subscribe('plan_pro')).body;
    const cancelled = (await subscribe('plan_team')).body;
    await platform.api('POST', `/v1/subscriptions/${atPeriodEnd.id}/cancel`, {
      body: { at_period_end: true, reason: 'unused' },
    });
    await platform.api('POST', `/v1/subscriptions/${cancelled.id}/cancel`, {
      body: { reason: 'too_expensive' },
    });
    const before = (await platform.api<Json>('GET', '/v1/events?limit=100')).body.data.length;

    expect((await platform.api('DELETE', `/v1/users/${user.body.id}`)).status).toBe(200);

    for (const id of [active.id, atPeriodEnd.id]) {
      const read = await platform.api<Json>('GET', `/v1/subscriptions/${id}`);
      expect(read.body).toMatchObject({
        status: 'cancelled',
        cancel_at_period_end: false,
        cancellation_reason: 'other',
      });
    }
    const untouched = await platform.api<Json>('GET', `/v1/subscriptions/${cancelled.id}`);
    expect(untouched.body.cancellation_reason).toBe('too_expensive');
    const listed = await platform.api<Json>(
      `GET`,
      `/v1/subscriptions?user_id=${user.body.id}&status=active`,
    );
    expect(listed.body.data).toEqual([]);

    const events = (await platform.api<Json>('GET', '/v1/events?limit=100')).body.data as Json[];
    const emitted = events.slice(before);
    expect(emitted.map((e) => [e.event, e.resource_id])).toEqual([
      ['subscription.cancelled', active.id],
      ['subscription.cancelled', atPeriodEnd.id],
      ['user.deleted', user.body.id],
    ]);
    expect(emitted[0]?.metadata).toMatchObject({
      cancel_at_period_end: false,
      cancelled_by: 'admin',
      reason: 'other',
    });
    expect(emitted[0]?.metadata.ends_at).toBe(emitted[0]?.metadata.cancelled_at);
  });
});
