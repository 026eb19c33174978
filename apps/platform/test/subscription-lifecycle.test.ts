import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, startTestPlatform } from './support/test-platform.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let userId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  const user = await platform.api<Json>('POST', '/v1/users', {
    body: { email: 'periods@example.com', password: 'long enough' },
  });
  userId = user.body.id;
});
afterAll(async () => {
  await platform?.stop();
});

const subscribe = async () =>
  (
    await platform.api<Json>('POST', '/v1/subscriptions', {
      body: { user_id: userId, plan_id: 'plan_x', amount: 100, currency: 'USD', interval: 'month' },
    })
  ).body;

/** Moves a subscription's period end into the past, as if that much time had gone by. */
const endPeriod = (id: string) => {
  const db = new Database(platform.databasePath);
  try {
    db.prepare(
      "UPDATE platform_subscriptions SET current_period_end = '2001-01-01T00:00:00Z' WHERE id = ?",
    ).run(id);
  } finally {
    db.close();
  }
};

const countOf = async (status: string) =>
  (await platform.api<Json>('GET', `/v1/subscriptions?user_id=${userId}&status=${status}`)).body
    .data.length as number;

describe('cancel at period end', () => {
  it('reads as cancelled once the period has ended: get, list filters and analytics; no second event', async () => {
    const sub = await subscribe();
    const cancel = await platform.api<Json>('POST', `/v1/subscriptions/${sub.id}/cancel`, {
      body: { at_period_end: true, reason: 'unused' },
    });
    expect(cancel.body).toMatchObject({ status: 'active', cancel_at_period_end: true });
    const activeBefore = await countOf('active');
    const cancelledBefore = await countOf('cancelled');
    const summaryBefore = (await platform.api<Json>('GET', '/v1/analytics/summary')).body;

    endPeriod(sub.id);

    const read = await platform.api<Json>('GET', `/v1/subscriptions/${sub.id}`);
    expect(read.body).toMatchObject({
      status: 'cancelled',
      cancel_at_period_end: true,
      cancellation_reason: 'unused',
    });
    expect(await countOf('active')).toBe(activeBefore - 1);
    expect(await countOf('cancelled')).toBe(cancelledBefore + 1);
    const listed = await platform.api<Json>('GET', `/v1/subscriptions?user_id=${userId}`);
    expect(listed.body.data.find((s: Json) => s.id === sub.id).status).toBe('cancelled');
    const summary = (await platform.api<Json>('GET', '/v1/analytics/summary')).body;
    expect(summary.subscriptions.by_status.active).toBe(
      summaryBefore.subscriptions.by_status.active - 1,
    );
    expect(summary.subscriptions.by_status.cancelled).toBe(
      summaryBefore.subscriptions.by_status.cancelled + 1,
    );
    // The one subscription.cancelled (sent when it was requested) already named ends_at.
    const events = await platform.api<Json>('GET', `/v1/events?resource_id=${sub.id}`);
    expect(events.body.data.map((e: Json) => e.event)).toEqual([
      'subscription.created',
      'subscription.cancelled',
    ]);

    const again = await platform.api<Json>('POST', `/v1/subscriptions/${sub.id}/cancel`, {
      body: {},
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('already cancelled');
  });

  it('a subscription set to cancel at period end can still be cancelled at once while its period runs', async () => {
    const sub = await subscribe();
    await platform.api('POST', `/v1/subscriptions/${sub.id}/cancel`, {
      body: { at_period_end: true, reason: 'unused' },
    });
    const twice = await platform.api<Json>('POST', `/v1/subscriptions/${sub.id}/cancel`, {
      body: { at_period_end: true },
    });
    expect(twice.status).toBe(409);
    const now = await platform.api<Json>('POST', `/v1/subscriptions/${sub.id}/cancel`, {
      body: { reason: 'fraud' },
    });
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({
      status: 'cancelled',
      cancel_at_period_end: false,
      cancellation_reason: 'fraud',
    });
    const events = await platform.api<Json>('GET', `/v1/events?resource_id=${sub.id}`);
    const last = events.body.data.at(-1);
    expect(last.event).toBe('subscription.cancelled');
    expect(last.metadata).toMatchObject({ cancel_at_period_end: false, reason: 'fraud' });
    expect(last.metadata.ends_at).toBe(last.metadata.cancelled_at);
  });
});
