import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryCount, DispatcherStore } from '../../src/index.js';
import { attempt, endpointRecord, storedEvent } from './store-records.js';

/** A store under test, plus (where the backend allows) a second store on the same data. */
export interface StoreFixture {
  store: DispatcherStore<unknown>;
  /** Another store instance over the same database (another process's view), if supported. */
  peer?: DispatcherStore<unknown>;
  cleanup(): Promise<void>;
}

const lease = 60_000;

/** The behaviour every DispatcherStore must have; run once per implementation. */
export function describeStoreContract(name: string, create: () => Promise<StoreFixture>): void {
  describe(`${name} store contract`, () => {
    let fixture: StoreFixture;
    let store: DispatcherStore<unknown>;
    beforeEach(async () => {
      fixture = await create();
      store = fixture.store;
      await store.init();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('fans an event out to enabled endpoints whose filters match (exact, prefix.*, *)', async () => {
      const exact = endpointRecord({ enabledEvents: ['payment.succeeded'] });
      const prefix = endpointRecord({ enabledEvents: ['payment.*'] });
      const all = endpointRecord({ enabledEvents: ['*'] });
      const other = endpointRecord({ enabledEvents: ['user.*', 'payment.failed'] });
      const disabled = endpointRecord({ enabled: false, disabledReason: 'manual', disabledAt: 1 });
      for (const ep of [exact, prefix, all, other, disabled]) await store.createEndpoint(ep);

      const event = storedEvent('payment.succeeded', 'pay_1', 5000);
      expect(await store.insertEvent(event)).toEqual({ deliveries: 3 });
      const deliveries = await store.listDeliveries({ eventId: event.id });
      expect(deliveries.map((d) => d.endpointId).sort()).toEqual(
        [exact.id, prefix.id, all.id].sort(),
      );
      expect(deliveries.every((d) => d.status === 'pending' && d.nextAttemptAt === 5000)).toBe(
        true,
      );
      expect(await store.getEvent(event.id)).toEqual(event);
    });

    it('refuses a second event with the same id', async () => {
      const event = storedEvent('user.created', 'usr_1', 1000);
      await store.insertEvent(event);
      await expect(store.insertEvent(event)).rejects.toMatchObject({ code: 'invalid_event' });
    });

    it('concurrent publishes all land, each visible to another connection once it resolved; a duplicate id fails only its own caller', async () => {
      await store.createEndpoint(endpointRecord({ enabledEvents: ['user.*'] }));
      const events = Array.from({ length: 40 }, (_, i) =>
        storedEvent('user.created', `usr_c${i}`, 1000 + i),
      );
      const duplicate = { ...events[7]!, resourceId: 'usr_dup' };
      const viewer = fixture.peer ?? store;
      const settled = await Promise.allSettled(
        [...events, duplicate].map(async (event) => {
          const result = await store.insertEvent(event);
          // Durable on resolve: another connection (process) already sees it.
          expect((await viewer.getEvent(event.id))?.resourceId).toBe(
            event === duplicate ? 'usr_dup' : event.resourceId,
          );
          return result;
        }),
      );
      expect(settled.slice(0, 40).every((s) => s.status === 'fulfilled')).toBe(true);
      expect(settled[40]).toMatchObject({ status: 'rejected', reason: { code: 'invalid_event' } });
      const deliveries = await viewer.listDeliveries({ limit: 1000 });
      expect(deliveries.map((d) => d.resourceId).sort()).toEqual(
        events.map((e) => e.resourceId).sort(),
      );
    });

    it('fans out only to the named enabled endpoints on a targeted insert, whatever they subscribe to', async () => {
      const payments = endpointRecord({ enabledEvents: ['payment.*'] });
      const users = endpointRecord({ enabledEvents: ['user.*'] });
      const off = endpointRecord({ enabled: false, disabledReason: 'manual', disabledAt: 1 });
      for (const ep of [payments, users, off]) await store.createEndpoint(ep);
      const event = storedEvent('user.created', 'usr_t', 2000);
      expect(
        await store.insertEvent(event, undefined, {
          endpointIds: [payments.id, off.id, 'ep_nope'],
        }),
      ).toEqual({ deliveries: 1 });
      const deliveries = await store.listDeliveries({ eventId: event.id });
      expect(deliveries.map((d) => d.endpointId)).toEqual([payments.id]);
    });

    it('stores the version a targeted insert chose on each delivery (null without one) and hands it to the claimer', async () => {
      const ep = endpointRecord({ versions: { 'user.created': 2 } });
      await store.createEndpoint(ep);
      const chosen = storedEvent('user.created', 'usr_v1', 1000);
      const plain = storedEvent('user.created', 'usr_v2', 1000);
      await store.insertEvent(chosen, undefined, { endpointIds: [ep.id], version: 1 });
      await store.insertEvent(plain);
      const [withVersion] = await store.listDeliveries({ eventId: chosen.id });
      const [withoutVersion] = await store.listDeliveries({ eventId: plain.id });
      expect(withVersion?.version).toBe(1);
      expect(withoutVersion?.version).toBeNull();
      const claims = await store.claimDue({ now: 1000, limit: 10, leaseMs: lease });
      expect(Object.fromEntries(claims.map((c) => [c.event.id, c.delivery.version]))).toEqual({
        [chosen.id]: 1,
        [plain.id]: null,
      });
    });

    it('records many concurrent attempts (one batch) each with its own outcome and lease check', async () => {
      const ep = endpointRecord();
      await store.createEndpoint(ep);
      for (let i = 0; i < 7; i++)
        await store.insertEvent(storedEvent('user.created', `usr_r${i}`, 1000));
      const claims = await store.claimDue({ now: 1000, limit: 10, leaseMs: lease });
      expect(claims).toHaveLength(7);
      const stale = (i: number) => i === 5 || i === 6;
      const results = await Promise.all(
        claims.map((claim, i) =>
          store.recordAttempt({
            // The last two (a failure, a success) present a stale lease: they are logged but
            // must not move the delivery.
            leaseToken: stale(i) ? 'lease_stale' : claim.leaseToken,
            attempt: attempt(claim.delivery.id, 1100 + i, i % 2 === 0 ? 'succeeded' : 'failed'),
            next:
              i % 2 === 0 ? { status: 'succeeded' } : { status: 'pending', nextAttemptAt: 9000 },
            now: 1200,
          }),
        ),
      );
      expect(results.map((r) => r.recorded)).toEqual([true, true, true, true, true, false, false]);
      for (const [i, claim] of claims.entries()) {
        const delivery = await store.getDelivery(claim.delivery.id);
        if (stale(i)) expect(delivery).toMatchObject({ status: 'pending', attempts: 0 });
        else if (i % 2 === 0) expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1 });
        else
          expect(delivery).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: 9000 });
        expect(await store.listAttempts(claim.delivery.id)).toHaveLength(1);
      }
    });

    it('a value one store refuses fails only its own item of a concurrent batch', async () => {
      const ep = endpointRecord();
      await store.createEndpoint(ep);
      for (let i = 0; i < 3; i++)
        await store.insertEvent(storedEvent('user.created', `usr_b${i}`, 1000));
      const claims = await store.claimDue({ now: 1000, limit: 10, leaseMs: lease });
      // Postgres text cannot hold NUL; memory and SQLite take it. The others must land anyway.
      const results = await Promise.allSettled(
        claims.map((claim, i) =>
          store.recordAttempt({
            leaseToken: claim.leaseToken,
            attempt: {
              ...attempt(claim.delivery.id, 1100, 'succeeded'),
              responseExcerpt: i === 1 ? 'PNG\0binary' : 'ok',
            },
            next: { status: 'succeeded' },
            now: 1200,
          }),
        ),
      );
      for (const i of [0, 2]) {
        expect(results[i]).toMatchObject({ status: 'fulfilled', value: { recorded: true } });
        expect(await store.getDelivery(claims[i]!.delivery.id)).toMatchObject({
          status: 'succeeded',
        });
      }
      const published = await Promise.allSettled([
        store.insertEvent(storedEvent('user.created', 'usr_ok1', 2000)),
        store.insertEvent(storedEvent('user.created', 'usr_bad\0', 2000)),
        store.insertEvent(storedEvent('user.created', 'usr_ok2', 2000)),
      ]);
      expect(published[0]).toMatchObject({ status: 'fulfilled', value: { deliveries: 1 } });
      expect(published[2]).toMatchObject({ status: 'fulfilled', value: { deliveries: 1 } });
    });

    it('clears the endpoint’s failure run when a batch of attempts succeeds', async () => {
      const ep = endpointRecord();
      await store.createEndpoint(ep);
      for (let i = 0; i < 4; i++)
        await store.insertEvent(storedEvent('user.created', `usr_f${i}`, 1000));
      const [first, ...rest] = await store.claimDue({ now: 1000, limit: 10, leaseMs: lease });
      const failed = await store.recordAttempt({
        leaseToken: first!.leaseToken,
        attempt: attempt(first!.delivery.id, 1100, 'failed'),
        next: { status: 'pending', nextAttemptAt: 9000 },
        now: 1100,
      });
      expect(failed).toEqual({ recorded: true, failingSince: 1100, status: 'pending' });
      expect((await store.getEndpoint(ep.id))?.failingSince).toBe(1100);
      const results = await Promise.all(
        rest.map((claim) =>
          store.recordAttempt({
            leaseToken: claim.leaseToken,
            attempt: attempt(claim.delivery.id, 1200, 'succeeded'),
            next: { status: 'succeeded' },
            now: 1200,
          }),
        ),
      );
      expect(results).toEqual(
        rest.map(() => ({ recorded: true, failingSince: null, status: 'succeeded' })),
      );
      expect((await store.getEndpoint(ep.id))?.failingSince).toBeNull();
    });

    it('replays a batch’s outcomes in order for the failure run: a failure then successes ends it, a success then a failure restarts it', async () => {
      const ep = endpointRecord();
      await store.createEndpoint(ep);
      for (let i = 0; i < 6; i++)
        await store.insertEvent(storedEvent('user.created', `usr_o${i}`, 1000));
      const claims = await store.claimDue({ now: 1000, limit: 10, leaseMs: lease });
      const record = (i: number, at: number, outcome: 'succeeded' | 'failed') =>
        store.recordAttempt({
          leaseToken: claims[i]!.leaseToken,
          attempt: attempt(claims[i]!.delivery.id, at, outcome),
          next:
            outcome === 'succeeded'
              ? { status: 'succeeded' }
              : { status: 'pending', nextAttemptAt: 90_000 },
          now: at,
        });
      // One batch: failure, success, success. The run ends.
      const first = await Promise.all([
        record(0, 2200, 'failed'),
        record(1, 2300, 'succeeded'),
        record(2, 2400, 'succeeded'),
      ]);
      expect(first.map((r) => r.recorded)).toEqual([true, true, true]);
      expect((await store.getEndpoint(ep.id))?.failingSince).toBeNull();
      // An older run, then one batch: success, failure. The run restarts at that failure.
      await record(3, 3000, 'failed');
      expect((await store.getEndpoint(ep.id))?.failingSince).toBe(3000);
      const second = await Promise.all([record(4, 3500, 'succeeded'), record(5, 3600, 'failed')]);
      expect(second).toEqual([
        { recorded: true, failingSince: null, status: 'succeeded' },
        { recorded: true, failingSince: 3600, status: 'pending' },
      ]);
      expect((await store.getEndpoint(ep.id))?.failingSince).toBe(3600);
    });

    it('records only the outcome whose lease still holds when one batch has two for a delivery', async () => {
      const ep = endpointRecord();
      await store.createEndpoint(ep);
      await store.insertEvent(storedEvent('user.created', 'usr_twice', 1000));
      await store.insertEvent(storedEvent('user.created', 'usr_other', 1000));
      const [stale, other] = await store.claimDue({ now: 1000, limit: 10, leaseMs: lease });
      // The first lease expired; another worker claimed the delivery again.
      const [fresh] = await store.claimDue({ now: 1000 + lease, limit: 1, leaseMs: lease });
      expect(fresh?.delivery.id).toBe(stale!.delivery.id);
      const outcome = (leaseToken: string, deliveryId: string) =>
        store.recordAttempt({
          leaseToken,
          attempt: attempt(deliveryId, 1000 + lease + 10, 'succeeded'),
          next: { status: 'succeeded' },
          now: 1000 + lease + 10,
        });
      const results = await Promise.all([
        outcome(stale!.leaseToken, stale!.delivery.id),
        outcome(fresh!.leaseToken, fresh!.delivery.id),
        outcome(other!.leaseToken, other!.delivery.id),
      ]);
      // `other`'s lease ran out too, but nobody took it over: it still holds.
      expect(results.map((r) => r.recorded)).toEqual([false, true, true]);
      expect(await store.getDelivery(stale!.delivery.id)).toMatchObject({
        status: 'succeeded',
        attempts: 1,
      });
      expect(await store.listAttempts(stale!.delivery.id)).toHaveLength(2);
      // The same lease presented twice in one batch moves the delivery once: one is recorded.
      await store.insertEvent(storedEvent('user.created', 'usr_dup', 2000));
      const [dup] = await store.claimDue({ now: 1000 + lease + 20, limit: 1, leaseMs: lease });
      const twice = await Promise.all([
        outcome(dup!.leaseToken, dup!.delivery.id),
        outcome(dup!.leaseToken, dup!.delivery.id),
      ]);
      expect(twice.map((r) => r.recorded).sort()).toEqual([false, true]);
    });

    it('stores, updates, lists and deletes endpoints with their deliveries', async () => {
      const ep = endpointRecord({ versions: { 'user.login': 1 }, ordered: true });
      await store.createEndpoint(ep);
      await expect(store.createEndpoint(ep)).rejects.toMatchObject({ code: 'invalid_endpoint' });
      expect(await store.getEndpoint(ep.id)).toEqual(ep);
      const updated = await store.updateEndpoint(
        ep.id,
        { url: 'https://new.example/hook', enabledEvents: ['user.*'] },
        2000,
      );
      expect(updated).toMatchObject({
        url: 'https://new.example/hook',
        enabledEvents: ['user.*'],
        updatedAt: 2000,
        ordered: true,
      });
      expect(await store.getEndpoint(ep.id)).toEqual(updated);
      // A key set to undefined leaves the field alone (every store alike).
      expect(await store.updateEndpoint(ep.id, { description: undefined } as never, 2100)).toEqual({
        ...updated,
        updatedAt: 2100,
      });
      expect(
        await store.updateEndpoint('ep_missing', { url: 'https://x.example' }, 1),
      ).toBeUndefined();
      expect((await store.listEndpoints()).map((e) => e.id)).toContain(ep.id);

      await store.insertEvent(storedEvent('user.created', 'usr_1', 3000));
      const [delivery] = await store.listDeliveries({ endpointId: ep.id });
      expect(delivery).toBeDefined();
      expect(await store.deleteEndpoint(ep.id)).toBe(true);
      expect(await store.deleteEndpoint(ep.id)).toBe(false);
      expect(await store.getEndpoint(ep.id)).toBeUndefined();
      expect(await store.getDelivery(delivery!.id)).toBeUndefined();
    });

    it('applies a patch computed from the current endpoint atomically: concurrent read-modify-writes all land', async () => {
      const ep = endpointRecord();
      await store.createEndpoint(ep);
      const others = [store, fixture.peer ?? store];
      // Each adds one secret to whatever list it finds (as a secret rotation does).
      const added = Array.from({ length: 6 }, (_, i) => `whsec_added${i}`);
      await Promise.all(
        added.map((secret, i) =>
          others[i % 2]!.updateEndpoint(
            ep.id,
            (current) => ({
              secrets: [...current.secrets, { secret, createdAt: 2000 + i, expiresAt: null }],
            }),
            2000 + i,
          ),
        ),
      );
      const stored = await store.getEndpoint(ep.id);
      expect(stored?.secrets.map((s) => s.secret).sort()).toEqual(
        [...ep.secrets.map((s) => s.secret), ...added].sort(),
      );
      expect(
        await store.updateEndpoint('ep_missing', () => ({ url: 'https://x.example' }), 1),
      ).toBe(undefined);
    });

    it('leases a due delivery to one claimer until the lease expires', async () => {
      const ep = endpointRecord();
      await store.createEndpoint(ep);
      await store.insertEvent(storedEvent('user.created', 'usr_1', 1000));
      expect(await store.claimDue({ now: 999, limit: 10, leaseMs: lease })).toEqual([]);
      const [claim] = await store.claimDue({ now: 1000, limit: 10, leaseMs: lease });
      expect(claim?.endpoint.id).toBe(ep.id);
      expect(claim?.event.resourceId).toBe('usr_1');
      expect(await store.claimDue({ now: 1000 + lease - 1, limit: 10, leaseMs: lease })).toEqual(
        [],
      );
      const [again] = await store.claimDue({ now: 1000 + lease, limit: 10, leaseMs: lease });
      expect(again?.delivery.id).toBe(claim?.delivery.id);
      expect(again?.leaseToken).not.toBe(claim?.leaseToken);

      // The first lease is stale now: its result is logged but does not move the delivery.
      const stale = await store.recordAttempt({
        leaseToken: claim!.leaseToken,
        attempt: attempt(claim!.delivery.id, 1001, 'succeeded'),
        next: { status: 'succeeded' },
        now: 1002,
      });
      expect(stale.recorded).toBe(false);
      expect((await store.getDelivery(claim!.delivery.id))?.status).toBe('pending');
      expect(await store.listAttempts(claim!.delivery.id)).toHaveLength(1);

      // A stale failure moves nothing either, but the endpoint did fail: its run starts.
      const staleFailure = await store.recordAttempt({
        leaseToken: claim!.leaseToken,
        attempt: attempt(claim!.delivery.id, 1003, 'failed'),
        next: { status: 'pending', nextAttemptAt: 5000 },
        now: 1004,
      });
      expect(staleFailure).toEqual({ recorded: false, failingSince: 1003 });
      expect((await store.getEndpoint(ep.id))?.failingSince).toBe(1003);
      expect((await store.getDelivery(claim!.delivery.id))?.attempts).toBe(0);
    });

    it('claims at most `limit`, oldest due first, and skips disabled endpoints', async () => {
      const ep = endpointRecord();
      const off = endpointRecord();
      await store.createEndpoint(ep);
      await store.createEndpoint(off);
      for (let i = 0; i < 5; i++)
        await store.insertEvent(storedEvent('user.created', `usr_${i}`, 1000 + i));
      await store.disableEndpoint(off.id, 'manual', 1100);
      // No room, no claim (SQLite would read a negative LIMIT as none).
      expect(await store.claimDue({ now: 2000, limit: 0, leaseMs: lease })).toEqual([]);
      expect(await store.claimDue({ now: 2000, limit: -1, leaseMs: lease })).toEqual([]);
      const first = await store.claimDue({ now: 2000, limit: 3, leaseMs: lease });
      expect(first.map((c) => c.event.resourceId)).toEqual(['usr_0', 'usr_1', 'usr_2']);
      const rest = await store.claimDue({ now: 2000, limit: 10, leaseMs: lease });
      expect(rest.map((c) => c.event.resourceId)).toEqual(['usr_3', 'usr_4']);
      expect([...first, ...rest].every((c) => c.endpoint.id === ep.id)).toBe(true);
    });

    it('moves a delivery on after an attempt and tracks the endpoint failure run', async () => {
      const ep = endpointRecord();
      await store.createEndpoint(ep);
      await store.insertEvent(storedEvent('user.created', 'usr_1', 1000));
      const [claim] = await store.claimDue({ now: 1000, limit: 1, leaseMs: lease });
      const failed = await store.recordAttempt({
        leaseToken: claim!.leaseToken,
        attempt: attempt(claim!.delivery.id, 1000, 'failed'),
        next: { status: 'pending', nextAttemptAt: 6000 },
        now: 1010,
      });
      expect(failed).toEqual({ recorded: true, failingSince: 1000, status: 'pending' });
      expect(await store.getDelivery(claim!.delivery.id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        nextAttemptAt: 6000,
        lastStatusCode: 500,
        lastError: 'receiver answered HTTP 500',
      });
      expect((await store.getEndpoint(ep.id))?.failingSince).toBe(1000);
      expect(await store.claimDue({ now: 5999, limit: 1, leaseMs: lease })).toEqual([]);

      const [retry] = await store.claimDue({ now: 6000, limit: 1, leaseMs: lease });
      const second = await store.recordAttempt({
        leaseToken: retry!.leaseToken,
        attempt: { ...attempt(retry!.delivery.id, 6000, 'failed'), attempt: 2 },
        next: { status: 'pending', nextAttemptAt: 7000 },
        now: 6010,
      });
      expect(second.failingSince).toBe(1000);

      const [third] = await store.claimDue({ now: 7000, limit: 1, leaseMs: lease });
      const ok = await store.recordAttempt({
        leaseToken: third!.leaseToken,
        attempt: { ...attempt(third!.delivery.id, 7000, 'succeeded'), attempt: 3 },
        next: { status: 'succeeded' },
        now: 7010,
      });
      expect(ok).toEqual({ recorded: true, failingSince: null, status: 'succeeded' });
      expect(await store.getDelivery(third!.delivery.id)).toMatchObject({
        status: 'succeeded',
        attempts: 3,
        nextAttemptAt: null,
      });
      expect((await store.getEndpoint(ep.id))?.failingSince).toBeNull();
      const log = await store.listAttempts(third!.delivery.id);
      expect(log.map((a) => [a.attempt, a.outcome, a.statusCode])).toEqual([
        [1, 'failed', 500],
        [2, 'failed', 500],
        [3, 'succeeded', 200],
      ]);
      expect(log[0]).toMatchObject({ responseExcerpt: 'boom', durationMs: 12, startedAt: 1000 });
    });

    it('holds later deliveries of the same resource behind an unfinished one on ordered endpoints', async () => {
      const ordered = endpointRecord({ ordered: true });
      await store.createEndpoint(ordered);
      const a1 = storedEvent('user.created', 'usr_A', 1000);
      const a2 = storedEvent('user.login', 'usr_A', 1001);
      const b1 = storedEvent('user.created', 'usr_B', 1002);
      for (const e of [a1, a2, b1]) await store.insertEvent(e);

      const first = await store.claimDue({ now: 2000, limit: 10, leaseMs: lease });
      expect(first.map((c) => c.event.id)).toEqual([a1.id, b1.id]);
      const claimA1 = first[0]!;
      // a1 fails and is retried later: a2 still waits behind it.
      await store.recordAttempt({
        leaseToken: claimA1.leaseToken,
        attempt: attempt(claimA1.delivery.id, 2000, 'failed'),
        next: { status: 'pending', nextAttemptAt: 3000 },
        now: 2001,
      });
      expect(await store.claimDue({ now: 2500, limit: 10, leaseMs: lease })).toEqual([]);
      const [retry] = await store.claimDue({ now: 3000, limit: 10, leaseMs: lease });
      expect(retry?.event.id).toBe(a1.id);
      // Dead-lettering the earlier one releases the later one.
      await store.recordAttempt({
        leaseToken: retry!.leaseToken,
        attempt: attempt(retry!.delivery.id, 3000, 'failed'),
        next: { status: 'failed' },
        now: 3001,
      });
      const [next] = await store.claimDue({ now: 3002, limit: 10, leaseMs: lease });
      expect(next?.event.id).toBe(a2.id);
    });

    it('never has two deliveries of one resource in flight on an ordered endpoint, whatever their order (a replayed older one waits)', async () => {
      const ordered = endpointRecord({ ordered: true });
      await store.createEndpoint(ordered);
      const a1 = storedEvent('user.created', 'usr_A', 1000);
      const a2 = storedEvent('user.login', 'usr_A', 1001);
      await store.insertEvent(a1);
      const [first] = await store.claimDue({ now: 2000, limit: 10, leaseMs: lease });
      await store.recordAttempt({
        leaseToken: first!.leaseToken,
        attempt: attempt(first!.delivery.id, 2000, 'succeeded'),
        next: { status: 'succeeded' },
        now: 2001,
      });
      await store.insertEvent(a2);
      const [second] = await store.claimDue({ now: 3000, limit: 10, leaseMs: lease });
      expect(second?.event.id).toBe(a2.id);
      // a1 is replayed while a2 is in flight: it must wait for a2's outcome.
      expect(await store.requeue({ deliveryId: first!.delivery.id }, 3001)).toBe(1);
      expect(await store.claimDue({ now: 3002, limit: 10, leaseMs: lease })).toEqual([]);
      await store.recordAttempt({
        leaseToken: second!.leaseToken,
        attempt: attempt(second!.delivery.id, 3000, 'succeeded'),
        next: { status: 'succeeded' },
        now: 3003,
      });
      const [replayed] = await store.claimDue({ now: 3004, limit: 10, leaseMs: lease });
      expect(replayed?.event.id).toBe(a1.id);
    });

    it('does not hold back deliveries of unordered endpoints', async () => {
      const ep = endpointRecord({ ordered: false });
      await store.createEndpoint(ep);
      await store.insertEvent(storedEvent('user.created', 'usr_A', 1000));
      await store.insertEvent(storedEvent('user.login', 'usr_A', 1001));
      expect(await store.claimDue({ now: 2000, limit: 10, leaseMs: lease })).toHaveLength(2);
    });

    it('disables an endpoint once and dead-letters its pending deliveries', async () => {
      const ep = endpointRecord();
      await store.createEndpoint(ep);
      await store.insertEvent(storedEvent('user.created', 'usr_1', 1000));
      await store.insertEvent(storedEvent('user.created', 'usr_2', 1000));
      expect(await store.disableEndpoint(ep.id, 'gone', 5000)).toEqual({
        changed: true,
        deadLettered: 2,
      });
      expect(await store.disableEndpoint(ep.id, 'gone', 5001)).toEqual({
        changed: false,
        deadLettered: 0,
      });
      expect(await store.getEndpoint(ep.id)).toMatchObject({
        enabled: false,
        disabledReason: 'gone',
        disabledAt: 5000,
      });
      const dead = await store.listDeliveries({ endpointId: ep.id, status: 'failed' });
      expect(dead).toHaveLength(2);
      expect(dead[0]?.lastError).toContain('endpoint disabled');
      // A disabled endpoint gets no new deliveries.
      expect(await store.insertEvent(storedEvent('user.created', 'usr_3', 6000))).toEqual({
        deliveries: 0,
      });
    });

    it('leaves deliveries in flight to their outcome when the endpoint is disabled: a success stays one, a failure is not retried', async () => {
      const ep = endpointRecord();
      await store.createEndpoint(ep);
      for (const resource of ['usr_1', 'usr_2', 'usr_3']) {
        await store.insertEvent(storedEvent('user.created', resource, 1000));
      }
      // Two in flight (leased until 1000 + lease), one expired lease (its worker died).
      const [ok, bad] = await store.claimDue({ now: 1200, limit: 2, leaseMs: lease });
      const [stale] = await store.claimDue({ now: 1200, limit: 1, leaseMs: 50 });
      expect(await store.disableEndpoint(ep.id, 'manual', 1300)).toEqual({
        changed: true,
        deadLettered: 1,
      });
      expect(await store.getDelivery(stale!.delivery.id)).toMatchObject({ status: 'failed' });
      expect(
        await store.recordAttempt({
          leaseToken: ok!.leaseToken,
          attempt: attempt(ok!.delivery.id, 1250, 'succeeded'),
          next: { status: 'succeeded' },
          now: 1400,
        }),
      ).toMatchObject({ recorded: true, status: 'succeeded' });
      expect(
        await store.recordAttempt({
          leaseToken: bad!.leaseToken,
          attempt: attempt(bad!.delivery.id, 1250, 'failed'),
          next: { status: 'pending', nextAttemptAt: 9000 },
          now: 1400,
        }),
      ).toMatchObject({ recorded: true, status: 'failed' });
      expect(await store.getDelivery(ok!.delivery.id)).toMatchObject({
        status: 'succeeded',
        attempts: 1,
      });
      // The endpoint takes no retries any more: a dead letter, with the attempt's own error.
      expect(await store.getDelivery(bad!.delivery.id)).toMatchObject({
        status: 'failed',
        attempts: 1,
        nextAttemptAt: null,
        lastError: 'receiver answered HTTP 500',
      });
    });

    it('lists deliveries newest first with filters and a cursor', async () => {
      const ep = endpointRecord();
      const other = endpointRecord();
      await store.createEndpoint(ep);
      await store.createEndpoint(other);
      for (let i = 0; i < 5; i++)
        await store.insertEvent(storedEvent('user.created', `usr_${i}`, 1000 * (i + 1)));
      const page1 = await store.listDeliveries({ endpointId: ep.id, limit: 2 });
      expect(page1.map((d) => d.resourceId)).toEqual(['usr_4', 'usr_3']);
      const page2 = await store.listDeliveries({
        endpointId: ep.id,
        limit: 2,
        before: page1[1]!.id,
      });
      expect(page2.map((d) => d.resourceId)).toEqual(['usr_2', 'usr_1']);
      const since = await store.listDeliveries({ endpointId: ep.id, since: 4000 });
      expect(since.map((d) => d.resourceId)).toEqual(['usr_4', 'usr_3']);
      expect(await store.listDeliveries({ status: 'succeeded' })).toEqual([]);
      expect(await store.listDeliveries({})).toHaveLength(10);
    });

    it('reads oldest first, forward from a delivery id (after), with the same filters', async () => {
      const ep = endpointRecord();
      const other = endpointRecord();
      await store.createEndpoint(ep);
      await store.createEndpoint(other);
      const events = [];
      for (let i = 0; i < 5; i++) {
        events.push(storedEvent('user.created', `usr_${i}`, 1000 * (i + 1)));
        await store.insertEvent(events[i]!);
      }
      const [first] = await store.listDeliveries({ endpointId: ep.id, eventId: events[0]!.id });
      const page1 = await store.listDeliveries({ endpointId: ep.id, limit: 2, after: first!.id });
      expect(page1.map((d) => d.resourceId)).toEqual(['usr_1', 'usr_2']);
      const page2 = await store.listDeliveries({ endpointId: ep.id, after: page1[1]!.id });
      expect(page2.map((d) => d.resourceId)).toEqual(['usr_3', 'usr_4']);
      expect(await store.listDeliveries({ endpointId: ep.id, after: page2[1]!.id })).toEqual([]);
      // The cursor may be a delivery the filters leave out (another endpoint's): its place counts.
      const [otherSecond] = await store.listDeliveries({
        endpointId: other.id,
        eventId: events[1]!.id,
      });
      const fromOther = await store.listDeliveries({ endpointId: ep.id, after: otherSecond!.id });
      expect(fromOther.map((d) => d.resourceId)).toEqual(['usr_2', 'usr_3', 'usr_4']);
      const filtered = await store.listDeliveries({
        endpointId: ep.id,
        eventId: events[3]!.id,
        status: 'pending',
        since: 2000,
        after: first!.id,
      });
      expect(filtered.map((d) => d.resourceId)).toEqual(['usr_3']);
      expect(
        await store.listDeliveries({ endpointId: ep.id, status: 'failed', after: first!.id }),
      ).toEqual([]);
      // Both cursors: the deliveries between them, oldest first.
      const between = await store.listDeliveries({
        endpointId: ep.id,
        after: first!.id,
        before: page2[1]!.id,
      });
      expect(between.map((d) => d.resourceId)).toEqual(['usr_1', 'usr_2', 'usr_3']);
      // From the start, and either cursor in either order.
      const oldest = await store.listDeliveries({ endpointId: ep.id, order: 'oldest', limit: 2 });
      expect(oldest.map((d) => d.resourceId)).toEqual(['usr_0', 'usr_1']);
      const newerNewestFirst = await store.listDeliveries({
        endpointId: ep.id,
        after: page1[1]!.id,
        order: 'newest',
      });
      expect(newerNewestFirst.map((d) => d.resourceId)).toEqual(['usr_4', 'usr_3']);
      const olderOldestFirst = await store.listDeliveries({
        endpointId: ep.id,
        before: page1[1]!.id,
        order: 'oldest',
      });
      expect(olderOldestFirst.map((d) => d.resourceId)).toEqual(['usr_0', 'usr_1']);
      // Like `before`, an unknown cursor selects nothing rather than everything.
      expect(await store.listDeliveries({ after: 'dlv_unknown' })).toEqual([]);
      expect(await store.listDeliveries({ before: 'dlv_unknown' })).toEqual([]);
    });

    it('lists the attempts of many deliveries in one read, oldest first per delivery', async () => {
      const ep = endpointRecord();
      await store.createEndpoint(ep);
      // The third is not due until 5000, so it is never attempted here.
      for (const at of [1000, 1000, 5000])
        await store.insertEvent(storedEvent('user.created', `usr_${at}`, at));
      const claims = await store.claimDue({ now: 1000, limit: 2, leaseMs: lease });
      expect(claims).toHaveLength(2);
      for (const claim of claims) {
        await store.recordAttempt({
          leaseToken: claim.leaseToken,
          attempt: attempt(claim.delivery.id, 1000, 'failed'),
          next: { status: 'pending', nextAttemptAt: 2000 },
          now: 1001,
        });
      }
      const [busy] = await store.claimDue({ now: 2000, limit: 1, leaseMs: lease });
      await store.recordAttempt({
        leaseToken: busy!.leaseToken,
        attempt: { ...attempt(busy!.delivery.id, 2000, 'succeeded'), attempt: 2 },
        next: { status: 'succeeded' },
        now: 2001,
      });
      const all = await store.listDeliveries({ endpointId: ep.id });
      const idle = all.find((d) => d.attempts === 0)!;
      const ids = [...all.map((d) => d.id), 'dlv_unknown'];
      const byDelivery = await store.listAttemptsFor(ids);
      expect([...byDelivery.keys()].sort()).toEqual([...ids].sort());
      for (const d of all) expect(byDelivery.get(d.id)).toEqual(await store.listAttempts(d.id));
      expect(byDelivery.get(busy!.delivery.id)?.map((a) => [a.attempt, a.outcome])).toEqual([
        [1, 'failed'],
        [2, 'succeeded'],
      ]);
      expect(byDelivery.get(idle.id)).toEqual([]);
      expect(byDelivery.get('dlv_unknown')).toEqual([]);
      expect(await store.listAttemptsFor([])).toEqual(new Map());
    });

    it('counts deliveries by endpoint and status, optionally since a time', async () => {
      const ep = endpointRecord();
      const other = endpointRecord({ enabledEvents: ['user.deleted'] });
      await store.createEndpoint(ep);
      await store.createEndpoint(other);
      await store.insertEvent(storedEvent('user.created', 'usr_1', 1000));
      await store.insertEvent(storedEvent('user.deleted', 'usr_1', 2000));
      await store.insertEvent(storedEvent('user.created', 'usr_2', 3000));
      const [claim] = await store.claimDue({ now: 1000, limit: 1, leaseMs: lease });
      expect(claim?.delivery.endpointId).toBe(ep.id);
      await store.recordAttempt({
        leaseToken: claim!.leaseToken,
        attempt: attempt(claim!.delivery.id, 1000, 'succeeded'),
        next: { status: 'succeeded' },
        now: 1001,
      });
      await store.disableEndpoint(other.id, 'manual', 4000);
      const sorted = (counts: DeliveryCount[]) =>
        counts
          .map((c) => [c.endpointId, c.status, c.count] as const)
          .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
      expect(sorted(await store.countDeliveries({}))).toEqual([
        [ep.id, 'pending', 2],
        [ep.id, 'succeeded', 1],
        [other.id, 'failed', 1],
      ]);
      expect(sorted(await store.countDeliveries({ since: 2000 }))).toEqual([
        [ep.id, 'pending', 2],
        [other.id, 'failed', 1],
      ]);
      expect(await store.countDeliveries({ since: 5000 })).toEqual([]);
    });

    it('requeues finished deliveries by delivery, by event, and by endpoint dead letters since a time', async () => {
      const ep = endpointRecord();
      const other = endpointRecord();
      await store.createEndpoint(ep);
      await store.createEndpoint(other);
      const events = [1000, 2000, 3000].map((t, i) => storedEvent('user.created', `usr_${i}`, t));
      for (const e of events) await store.insertEvent(e);
      // Finish everything, each event 500 ms after it was published: ep's deliveries fail for
      // good (at 1501, 2501, 3501), other's succeed.
      for (const e of events) {
        const now = e.createdAt + 500;
        const claims = await store.claimDue({ now, limit: 100, leaseMs: lease });
        expect(claims.map((c) => c.event.id)).toEqual([e.id, e.id]);
        for (const claim of claims) {
          const ok = claim.endpoint.id === other.id;
          await store.recordAttempt({
            leaseToken: claim.leaseToken,
            attempt: attempt(claim.delivery.id, now, ok ? 'succeeded' : 'failed'),
            next: ok ? { status: 'succeeded' } : { status: 'failed' },
            now: now + 1,
          });
        }
      }
      expect(await store.claimDue({ now: 5000, limit: 100, leaseMs: lease })).toEqual([]);

      const [one] = await store.listDeliveries({ endpointId: other.id, eventId: events[0]!.id });
      expect(await store.requeue({ deliveryId: one!.id }, 5000)).toBe(1);
      // A replay by event touches finished deliveries only; this one is pending again.
      expect(await store.requeue({ eventId: events[0]!.id, endpointId: other.id }, 5000)).toBe(0);
      expect(await store.getDelivery(one!.id)).toMatchObject({
        status: 'pending',
        attempts: 0,
        nextAttemptAt: 5000,
      });

      expect(await store.requeue({ eventId: events[1]!.id }, 5000)).toBe(2);
      expect(await store.requeue({ eventId: events[2]!.id, endpointId: other.id }, 5000)).toBe(1);
      // ep: event 0 and 2 are still dead letters; only the one that failed at or after 3200 is
      // replayed (event 2's: published at 3000, failed at 3501).
      expect(await store.requeue({ endpointId: ep.id, failedSince: 3200 }, 5000)).toBe(1);
      const claims = await store.claimDue({ now: 5000, limit: 100, leaseMs: lease });
      expect(claims).toHaveLength(5);
    });

    it('makes a pending delivery due now on a retry by id, but leaves one alone while its lease is live', async () => {
      const ep = endpointRecord();
      await store.createEndpoint(ep);
      const event = storedEvent('user.created', 'usr_retry', 1000);
      await store.insertEvent(event);
      const [first] = await store.claimDue({ now: 1000, limit: 10, leaseMs: lease });
      await store.recordAttempt({
        leaseToken: first!.leaseToken,
        attempt: attempt(first!.delivery.id, 1000, 'failed'),
        next: { status: 'pending', nextAttemptAt: 1000 + 300_000 },
        now: 1001,
      });
      const id = first!.delivery.id;
      expect(await store.claimDue({ now: 2000, limit: 10, leaseMs: lease })).toEqual([]);

      // Waiting for its scheduled retry: due now, attempts kept (the schedule continues).
      expect(await store.requeue({ deliveryId: id }, 2000)).toBe(1);
      expect(await store.getDelivery(id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        nextAttemptAt: 2000,
      });
      const [second] = await store.claimDue({ now: 2000, limit: 10, leaseMs: lease });
      expect(second?.delivery.id).toBe(id);

      // In flight (live lease): refused, and nobody else can claim it.
      expect(await store.requeue({ deliveryId: id }, 2500)).toBe(0);
      expect(
        await (fixture.peer ?? store).claimDue({ now: 2500, limit: 10, leaseMs: lease }),
      ).toEqual([]);
      // The refused retry did not disturb the lease: the attempt in flight still records.
      const recorded = await store.recordAttempt({
        leaseToken: second!.leaseToken,
        attempt: { ...attempt(id, 2000, 'failed'), attempt: 2 },
        next: { status: 'pending', nextAttemptAt: 2000 + 300_000 },
        now: 2600,
      });
      expect(recorded.recorded).toBe(true);

      // A lease left by a crashed worker has expired: the retry takes it over.
      const [third] = await store.claimDue({ now: 302_000, limit: 10, leaseMs: lease });
      expect(third?.delivery.id).toBe(id);
      expect(await store.requeue({ deliveryId: id }, 302_000 + lease)).toBe(1);
      const stale = await store.recordAttempt({
        leaseToken: third!.leaseToken,
        attempt: { ...attempt(id, 302_000, 'succeeded'), attempt: 3 },
        next: { status: 'succeeded' },
        now: 302_000 + lease + 1,
      });
      expect(stale.recorded).toBe(false);
      expect(await store.getDelivery(id)).toMatchObject({
        status: 'pending',
        attempts: 2,
        nextAttemptAt: 302_000 + lease,
      });
    });

    it('never hands one delivery to two concurrent claimers', async () => {
      const ep = endpointRecord();
      await store.createEndpoint(ep);
      for (let i = 0; i < 40; i++)
        await store.insertEvent(storedEvent('user.created', `usr_${i}`, 1000));
      const claimers = [store, fixture.peer ?? store];
      const batches = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          claimers[i % 2]!.claimDue({ now: 2000, limit: 7, leaseMs: lease }),
        ),
      );
      const ids = batches.flat().map((c) => c.delivery.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(40);
    });
  });
}
