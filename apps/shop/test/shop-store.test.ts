import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShopStore } from '../src/shop-store.js';
import { tempDir } from './helpers.js';

// The handlers' idempotency lives in these writes: a handler retried after a crash (or an event
// handled once by push and never again) must leave one effect. Real SQLite files.
let dir: Awaited<ReturnType<typeof tempDir>>;
let store: ShopStore;

beforeEach(async () => {
  dir = await tempDir();
  store = new ShopStore(join(dir.path, 'shop.db'));
});

afterEach(async () => {
  store.close();
  await dir.cleanup();
});

const order = () =>
  store.createOrder({
    userId: 'usr_1',
    productId: 'mug',
    description: 'Hookline mug',
    amount: 1200,
    currency: 'USD',
    mode: 'payment',
  });

describe('ShopStore', () => {
  it('records a login once per event, and flags only an address new to a user who logged in before', () => {
    const login = (eventId: string, userId: string, ip: string) =>
      store.recordLogin({
        eventId,
        userId,
        ipAddress: ip,
        userAgent: 'test',
        at: '2026-03-13T17:00:00Z',
      });
    expect(login('evt_1', 'usr_a', '198.51.100.1').suspicious).toBe(false); // first ever
    expect(login('evt_2', 'usr_a', '198.51.100.1').suspicious).toBe(false); // known
    expect(login('evt_3', 'usr_a', '203.0.113.7').suspicious).toBe(true); // new address
    expect(login('evt_3', 'usr_a', '203.0.113.7').suspicious).toBe(true); // same event again
    expect(login('evt_4', 'usr_a', '203.0.113.7').suspicious).toBe(false); // now known
    expect(login('evt_5', 'usr_b', '203.0.113.7').suspicious).toBe(false); // per user
    expect(store.securityLog('usr_a')).toHaveLength(4);
  });

  it('marks an order paid and starts fulfilment once; a failure after payment changes nothing', () => {
    const { id } = order();
    expect(
      store.markPaid(id, {
        paymentId: 'pay_1',
        learnedBy: 'webhook',
        eventId: 'evt_1',
        source: 'push',
      }),
    ).toBe(true);
    expect(
      store.markPaid(id, {
        paymentId: 'pay_1',
        learnedBy: 'webhook',
        eventId: 'evt_2',
        source: 'pull',
      }),
    ).toBe(false);
    expect(
      store.markFailed(id, {
        paymentId: 'pay_2',
        failureMessage: 'declined',
        learnedBy: 'webhook',
      }),
    ).toBe(false);
    expect(store.fulfilmentCount(id)).toBe(1);
    expect(store.getOrder(id)).toMatchObject({
      status: 'paid',
      payment_id: 'pay_1',
      learned_event: 'evt_1',
      learned_source: 'push',
    });
  });

  it('lets a failed order be paid by a later attempt', () => {
    const { id } = order();
    expect(
      store.markFailed(id, {
        paymentId: 'pay_1',
        failureMessage: 'declined',
        learnedBy: 'webhook',
      }),
    ).toBe(true);
    expect(store.markPaid(id, { paymentId: 'pay_2', learnedBy: 'webhook' })).toBe(true);
    // The second settling event of the same payment changes nothing.
    expect(store.markPaid(id, { paymentId: 'pay_2', learnedBy: 'webhook' })).toBe(false);
    expect(store.getOrder(id)).toMatchObject({
      status: 'paid',
      payment_id: 'pay_2',
      failure_message: null,
    });
    expect(store.orderByPayment('pay_2')?.id).toBe(id);
  });

  it('judges a login by the logins before its timestamp, whatever order the events arrive in', () => {
    const login = (eventId: string, ip: string, at: string) =>
      store.recordLogin({ eventId, userId: 'usr_a', ipAddress: ip, userAgent: 'test', at });
    // The 10:05 login from a second address is delivered first; the user's very first login, at
    // 10:00, arrives after it (a retried delivery).
    expect(login('evt_2', '203.0.113.9', '2026-11-27T10:05:00Z').suspicious).toBe(false);
    expect(login('evt_1', '198.51.100.1', '2026-11-27T10:00:00Z').suspicious).toBe(false);
    // Now the log knows 10:05 was the first login from 203.0.113.9 after one from elsewhere.
    expect(store.securityLog('usr_a').map((row) => [row.event_id, row.suspicious])).toEqual([
      ['evt_2', true],
      ['evt_1', false],
    ]);
    expect(store.securityLog('usr_a')[0]?.reason).toContain('198.51.100.1');
    // Later logins from either address are known (timestamps compared as times, not text).
    expect(login('evt_3', '198.51.100.1', '2026-11-27T10:10:00Z').suspicious).toBe(false);
    expect(login('evt_4', '203.0.113.9', '2026-11-27T10:05:00.500Z').suspicious).toBe(false);
  });

  it('keeps a subscription revoked when its grant arrives after the cancellation', () => {
    store.revokeAccess('sub_1', 'plan_pro_monthly');
    store.grantAccess({ subscriptionId: 'sub_1', userId: 'usr_1', planId: 'plan_pro_monthly' });
    expect(store.getAccess('sub_1')).toMatchObject({ status: 'revoked', user_id: 'usr_1' });
  });

  it('opens an onboarding task once per user and kind', () => {
    expect(store.addOnboardingTask('usr_1', 'welcome', 'evt_1')).toBe(true);
    expect(store.addOnboardingTask('usr_1', 'welcome', 'evt_2')).toBe(false);
    expect(store.onboardingTasks('usr_1')).toEqual([
      expect.objectContaining({ kind: 'welcome', event_id: 'evt_1' }),
    ]);
  });

  it('revokes a deleted user’s sessions and refuses them afterwards', () => {
    store.upsertUser({ id: 'usr_1', email: 'a@example.com', name: null });
    const one = store.createSession({
      userId: 'usr_1',
      platformSessionId: 'ses_1',
      ipAddress: null,
    });
    const two = store.createSession({
      userId: 'usr_1',
      platformSessionId: 'ses_2',
      ipAddress: null,
    });
    expect(store.activeSession(one.token)?.user.id).toBe('usr_1');
    expect(store.deleteUser('usr_1')).toBe(2);
    expect(store.activeSession(one.token)).toBeUndefined();
    expect(store.activeSession(two.token)).toBeUndefined();
  });

  it('keeps its state in the file across reopen', () => {
    const { id } = order();
    store.setSetting('events_cursor', 'evt_9');
    store.close();
    store = new ShopStore(join(dir.path, 'shop.db'));
    expect(store.getOrder(id)?.status).toBe('pending');
    expect(store.getSetting('events_cursor')).toBe('evt_9');
  });

  it('prepares each SQL text once and reuses the statement on later calls', () => {
    const prepared: string[] = [];
    const prepare = store.db.prepare.bind(store.db);
    store.db.prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof store.db.prepare;
    const read = () => ({
      orders: store.ordersOf('usr_1'),
      log: store.securityLog('usr_1'),
      feed: store.feed('usr_1'),
      setting: store.getSetting('events_cursor'),
    });
    const first = order();
    store.setSetting('events_cursor', 'evt_1');
    expect(read()).toMatchObject({ orders: [{ id: first.id }], setting: 'evt_1' });
    const once = prepared.length;
    expect(once).toBeGreaterThan(0);
    const second = order();
    store.setSetting('events_cursor', 'evt_2');
    // Same texts, new values: the cached statements bind the new parameters.
    expect(read()).toMatchObject({ orders: [{}, {}], setting: 'evt_2' });
    expect(
      read()
        .orders.map((o) => o.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    expect(prepared).toHaveLength(once);
    expect(new Set(prepared).size).toBe(prepared.length);
  });
});
