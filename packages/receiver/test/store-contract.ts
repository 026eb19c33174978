import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type NewInboxEntry,
  type ReceiverStore,
  type StoredError,
  unfinishedRunError,
} from '../src/index.js';

/** Creates a fresh, empty store for one test; `dispose` cleans it up. */
export type StoreFactory = () => Promise<{ store: ReceiverStore; dispose: () => Promise<void> }>;

let seq = 0;
function entry(overrides: Partial<NewInboxEntry> = {}): NewInboxEntry {
  seq += 1;
  return {
    id: `evt_contract_${seq}_${Math.random().toString(36).slice(2, 8)}`,
    event: 'payment.succeeded',
    version: 2,
    payload: '{"id":"x"}',
    source: 'push',
    receivedAt: 1_000,
    ...overrides,
  };
}

const boom: StoredError = {
  name: 'Error',
  message: 'handler exploded',
  stack: 'Error: handler exploded\n    at test',
};

/**
 * The behaviour every {@link ReceiverStore} must have. Memory, SQLite and Postgres all run it.
 */
export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract`, () => {
    let store: ReceiverStore;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ store, dispose } = await factory());
    });
    afterEach(async () => {
      await dispose();
    });

    it('inserts a new id once and reports the second insert as a duplicate with the stored entry', async () => {
      const first = entry();
      expect(await store.insert(first)).toEqual({ inserted: true });
      const again = await store.insert({ ...first, payload: '{"other":true}', source: 'pull' });
      expect(again.inserted).toBe(false);
      if (again.inserted) return;
      expect(again.existing).toMatchObject({
        id: first.id,
        payload: first.payload,
        source: 'push',
        status: 'pending',
        attempts: 0,
        receivedAt: 1_000,
        nextAttemptAt: 1_000,
      });
    });

    it('claims only due pending entries, oldest first, up to the limit, and increments attempts', async () => {
      const a = entry({ receivedAt: 100 });
      const b = entry({ receivedAt: 200 });
      const later = entry({ receivedAt: 5_000 });
      for (const e of [later, b, a]) await store.insert(e);
      const claimed = await store.claim({ now: 1_000, leaseMs: 500, limit: 10, token: 't1' });
      expect(claimed.map((c) => c.id)).toEqual([a.id, b.id]);
      expect(claimed[0]).toMatchObject({
        status: 'processing',
        attempts: 1,
        token: 't1',
        leaseUntil: 1_500,
      });
      expect(await store.claim({ now: 1_000, leaseMs: 500, limit: 10, token: 't2' })).toEqual([]);
      for (const c of claimed) await store.complete(c.id, 't1', 1_100);
      const limited = await store.claim({ now: 6_000, leaseMs: 500, limit: 1, token: 't3' });
      expect(limited.map((c) => c.id)).toEqual([later.id]);
    });

    it('completes a claimed entry only with the claim token, and keeps a sync response', async () => {
      const e = entry();
      await store.insert(e);
      const [claimed] = await store.claim({ now: 1_000, leaseMs: 500, limit: 1, token: 'tok' });
      expect(claimed?.id).toBe(e.id);
      expect(await store.complete(e.id, 'wrong', 1_100)).toBe(false);
      expect(await store.complete(e.id, 'tok', 1_100, '{"is_allowed":false}')).toBe(true);
      expect(await store.complete(e.id, 'tok', 1_200)).toBe(false);
      expect(await store.get(e.id)).toMatchObject({
        status: 'done',
        completedAt: 1_100,
        response: '{"is_allowed":false}',
      });
      expect(await store.claim({ now: 99_999, leaseMs: 500, limit: 10, token: 'x' })).toEqual([]);
    });

    it('inserts an entry already claimed (sync mode) so no worker takes it while the lease holds', async () => {
      const e = entry({ claim: { token: 'inline', leaseUntil: 2_000 } });
      await store.insert(e);
      expect(await store.get(e.id)).toMatchObject({ status: 'processing', attempts: 1 });
      expect(await store.claim({ now: 1_500, leaseMs: 500, limit: 10, token: 'w' })).toEqual([]);
      expect(await store.complete(e.id, 'inline', 1_600)).toBe(true);
    });

    it('reschedules a failed entry at nextAttemptAt with its error', async () => {
      const e = entry();
      await store.insert(e);
      await store.claim({ now: 1_000, leaseMs: 500, limit: 1, token: 'tok' });
      expect(await store.fail(e.id, 'other', boom, 3_000)).toBe(false);
      expect(await store.fail(e.id, 'tok', boom, 3_000)).toBe(true);
      expect(await store.get(e.id)).toMatchObject({
        status: 'pending',
        nextAttemptAt: 3_000,
        attempts: 1,
        lastError: boom,
      });
      expect(await store.claim({ now: 2_999, leaseMs: 500, limit: 1, token: 'a' })).toEqual([]);
      const [again] = await store.claim({ now: 3_000, leaseMs: 500, limit: 1, token: 'b' });
      expect(again).toMatchObject({ id: e.id, attempts: 2, token: 'b' });
    });

    it('reclaims an entry whose lease expired (a crashed worker) and ignores the stale holder', async () => {
      const e = entry();
      await store.insert(e);
      await store.claim({ now: 1_000, leaseMs: 500, limit: 1, token: 'crashed' });
      expect(await store.claim({ now: 1_499, leaseMs: 500, limit: 1, token: 'early' })).toEqual([]);
      const [taken] = await store.claim({ now: 1_500, leaseMs: 500, limit: 1, token: 'rescuer' });
      expect(taken).toMatchObject({ id: e.id, attempts: 2, token: 'rescuer' });
      expect(await store.complete(e.id, 'crashed', 1_600)).toBe(false);
      expect(await store.complete(e.id, 'rescuer', 1_600)).toBe(true);
    });

    it('claims one named entry only once its lease expired (sync take-over), and only for one taker', async () => {
      const e = entry({ claim: { token: 'died', leaseUntil: 1_500 } });
      await store.insert(e);
      const options = { now: 1_499, leaseMs: 500, token: 'early' };
      expect(await store.claimEntry(e.id, options)).toBeUndefined();
      expect(await store.claimEntry('evt_missing', { ...options, now: 9_000 })).toBeUndefined();
      const takers = await Promise.all(
        ['a', 'b', 'c'].map((token) => store.claimEntry(e.id, { now: 1_500, leaseMs: 500, token })),
      );
      const taken = takers.filter((t) => t !== undefined);
      expect(taken).toHaveLength(1);
      expect(taken[0]).toMatchObject({ id: e.id, attempts: 2, leaseUntil: 2_000 });
      const token = taken[0]?.token ?? '';
      expect(await store.complete(e.id, 'died', 1_600)).toBe(false);
      expect(await store.complete(e.id, token, 1_600, '{"ok":true}')).toBe(true);
      // A done entry is never claimable again.
      expect(
        await store.claimEntry(e.id, { now: 9_000, leaseMs: 500, token: 'late' }),
      ).toBeUndefined();
    });

    it('extends a held lease so the entry is not reclaimed, and refuses a stale token', async () => {
      const e = entry();
      await store.insert(e);
      await store.claim({ now: 1_000, leaseMs: 500, limit: 1, token: 'slow' });
      expect(await store.extendLease(e.id, 'other', 9_000)).toBe(false);
      expect(await store.extendLease(e.id, 'slow', 5_000)).toBe(true);
      expect(await store.claim({ now: 4_999, leaseMs: 500, limit: 1, token: 'thief' })).toEqual([]);
      const [taken] = await store.claim({ now: 5_000, leaseMs: 500, limit: 1, token: 'rescuer' });
      expect(taken?.token).toBe('rescuer');
      expect(await store.extendLease(e.id, 'slow', 9_000)).toBe(false);
    });

    it('dead-letters with the error, lists dead letters oldest first, and replays them', async () => {
      const first = entry();
      const second = entry();
      await store.insert(first);
      await store.insert(second);
      const claimed = await store.claim({ now: 1_000, leaseMs: 500, limit: 2, token: 'tok' });
      expect(claimed).toHaveLength(2);
      expect(await store.deadLetter(second.id, 'tok', boom, 1_100)).toBe(true);
      expect(
        await store.deadLetter(first.id, 'tok', { name: 'TypeError', message: 'second' }, 1_200),
      ).toBe(true);
      const dead = await store.listDeadLetters();
      expect(dead.map((d) => d.id)).toEqual([second.id, first.id]);
      expect(dead[0]).toMatchObject({
        event: 'payment.succeeded',
        version: 2,
        attempts: 1,
        error: boom,
        failedAt: 1_100,
        source: 'push',
      });
      expect(await store.listDeadLetters({ limit: 1 })).toHaveLength(1);

      expect(await store.replay(second.id, 2_000)).toBe(true);
      expect(await store.get(second.id)).toMatchObject({
        status: 'pending',
        attempts: 0,
        nextAttemptAt: 2_000,
      });
      expect((await store.listDeadLetters()).map((d) => d.id)).toEqual([first.id]);
      const [replayed] = await store.claim({ now: 2_000, leaseMs: 500, limit: 5, token: 'r' });
      expect(replayed?.id).toBe(second.id);
    });

    it('requeues an entry only while it is still dead (a redelivered dead letter), never a done or in-flight one', async () => {
      const requeueDead = store.requeueDead?.bind(store);
      expect(requeueDead, 'requeueDead is implemented').toBeTypeOf('function');
      if (requeueDead === undefined) return;
      expect(await requeueDead('evt_unknown', 1)).toBe(false);
      const e = entry();
      await store.insert(e);
      expect(await requeueDead(e.id, 1)).toBe(false); // pending
      await store.claim({ now: 1_000, leaseMs: 500, limit: 1, token: 'tok' });
      expect(await requeueDead(e.id, 1)).toBe(false); // processing
      await store.deadLetter(e.id, 'tok', boom, 1_100);
      expect(await requeueDead(e.id, 2_000)).toBe(true);
      const requeued = await store.get(e.id);
      expect(requeued).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: 2_000 });
      expect(requeued?.lastError).toBeUndefined();
      expect(requeued?.completedAt).toBeUndefined();
      // A second redelivery that read the entry as dead before the first requeued it: no-op.
      expect(await requeueDead(e.id, 2_100)).toBe(false);
      const [again] = await store.claim({ now: 2_000, leaseMs: 500, limit: 1, token: 'again' });
      expect(again).toMatchObject({ id: e.id, attempts: 1 });
      expect(await store.complete(e.id, 'again', 2_200, '{"ok":true}')).toBe(true);
      // Done (unlike replay(), which takes done entries too): still a no-op.
      expect(await requeueDead(e.id, 2_300)).toBe(false);
      expect(await store.get(e.id)).toMatchObject({ status: 'done', response: '{"ok":true}' });
    });

    it('refuses to replay unknown or in-flight entries', async () => {
      expect(await store.replay('evt_unknown', 1)).toBe(false);
      const e = entry();
      await store.insert(e);
      expect(await store.replay(e.id, 1)).toBe(false);
      await store.claim({ now: 1_000, leaseMs: 500, limit: 1, token: 'tok' });
      expect(await store.replay(e.id, 1)).toBe(false);
    });

    it('releases a claimed entry so the same id can be inserted again', async () => {
      const e = entry({ claim: { token: 'inline', leaseUntil: 2_000 } });
      await store.insert(e);
      expect(await store.release(e.id, 'nope')).toBe(false);
      expect(await store.release(e.id, 'inline')).toBe(true);
      expect(await store.get(e.id)).toBeUndefined();
      expect(await store.insert(e)).toEqual({ inserted: true });
    });

    it("claims only its own receiver's entries (and unnamed ones) when given a receiver name", async () => {
      const mine = entry({ receiver: 'shop' });
      const theirs = entry({ receiver: 'github:provider' });
      const unnamed = entry();
      for (const e of [mine, theirs, unnamed]) await store.insert(e);
      expect(await store.get(theirs.id)).toMatchObject({ receiver: 'github:provider' });
      expect((await store.get(unnamed.id))?.receiver).toBeUndefined();
      const claimed = await store.claim({
        now: 1_000,
        leaseMs: 500,
        limit: 10,
        token: 'shop-worker',
        receiver: 'shop',
      });
      expect(claimed.map((c) => c.id).sort()).toEqual([mine.id, unnamed.id].sort());
      const options = { now: 1_000, leaseMs: 500, token: 'shop-sync', receiver: 'shop' };
      expect(await store.claimEntry(theirs.id, options)).toBeUndefined();
      const [other, ...rest] = await store.claim({
        now: 1_000,
        leaseMs: 500,
        limit: 10,
        token: 'github-worker',
        receiver: 'github:provider',
      });
      expect(rest).toEqual([]);
      expect(other).toMatchObject({ id: theirs.id, receiver: 'github:provider' });
    });

    it('counts a claim of an entry whose lease expired as an attempt, every time, naming the run that did not finish', async () => {
      const e = entry();
      await store.insert(e);
      let now = 1_000;
      for (let i = 1; i <= 4; i++) {
        const [taken] = await store.claim({ now, leaseMs: 500, limit: 1, token: `crash-${i}` });
        expect(taken).toMatchObject({ id: e.id, attempts: i, unfinishedRuns: i - 1 });
        if (i === 1) expect(taken?.lastError).toBeUndefined();
        else {
          expect(taken?.lastError).toEqual({
            name: unfinishedRunError,
            message: `run ${i - 1} did not finish: its lease expired (the process stopped, or the handler ran past the lease)`,
          });
        }
        now += 500;
      }
      expect(await store.get(e.id)).toMatchObject({
        status: 'processing',
        attempts: 4,
        unfinishedRuns: 3,
      });
    });

    it('takes one named entry over (sync mode) without counting an unfinished run', async () => {
      const e = entry({ claim: { token: 'died', leaseUntil: 1_500 } });
      await store.insert(e);
      const taken = await store.claimEntry(e.id, { now: 1_500, leaseMs: 500, token: 'retry' });
      expect(taken).toMatchObject({
        attempts: 2,
        unfinishedRuns: 0,
        lastError: { name: unfinishedRunError },
      });
      // A worker's take-over after that counts as usual.
      const [rescued] = await store.claim({ now: 2_000, leaseMs: 500, limit: 1, token: 'w' });
      expect(rescued).toMatchObject({ attempts: 3, unfinishedRuns: 1 });
    });

    it('claims nothing with a limit below 1', async () => {
      await store.insert(entry());
      for (const limit of [0, -1]) {
        expect(await store.claim({ now: 1_000, leaseMs: 500, limit, token: 't' })).toEqual([]);
      }
    });

    it('claims an entry whose lease expired alone, oldest first, however many others are due', async () => {
      const crashed = [entry({ receivedAt: 300 }), entry({ receivedAt: 200 })];
      const waiting = [entry({ receivedAt: 100 }), entry({ receivedAt: 400 })];
      for (const e of crashed) await store.insert(e);
      await store.claim({ now: 1_000, leaseMs: 500, limit: 2, token: 'crashed' });
      for (const e of waiting) await store.insert(e);
      const claim = (token: string) => store.claim({ now: 1_500, leaseMs: 500, limit: 10, token });
      const first = await claim('a');
      expect(first.map((c) => c.id)).toEqual([crashed[1]!.id]);
      expect(first[0]?.lastError?.name).toBe(unfinishedRunError);
      expect((await claim('b')).map((c) => c.id)).toEqual([crashed[0]!.id]);
      // None left under an expired lease: the rest of the due work, as many as asked for, unmarked.
      const rest = await claim('c');
      expect(rest.map((c) => c.id)).toEqual([waiting[0]!.id, waiting[1]!.id]);
      expect(rest.map((c) => c.lastError)).toEqual([undefined, undefined]);
    });

    it('leaves entries under an expired lease to another claim with takeOver: false', async () => {
      const crashed = entry({ receivedAt: 100 });
      const waiting = entry({ receivedAt: 200 });
      await store.insert(crashed);
      await store.claim({ now: 1_000, leaseMs: 500, limit: 1, token: 'crashed' });
      await store.insert(waiting);
      const busy = { now: 1_500, leaseMs: 500, limit: 10, takeOver: false };
      const taken = await store.claim({ ...busy, token: 'busy' });
      expect(taken.map((c) => c.id)).toEqual([waiting.id]);
      expect(await store.claim({ ...busy, token: 'busy-again' })).toEqual([]);
      const [rescued] = await store.claim({ now: 1_500, leaseMs: 500, limit: 10, token: 'idle' });
      expect(rescued).toMatchObject({ id: crashed.id, attempts: 2, unfinishedRuns: 1 });
    });

    it('tells whether an entry under an expired lease waits to be taken over, for a receiver', async () => {
      const mine = entry({ receiver: 'shop' });
      await store.insert(mine);
      await store.claim({ now: 1_000, leaseMs: 500, limit: 1, token: 'crashed' });
      const ask = (now: number, receiver?: string) =>
        store.hasUnfinishedRuns?.(receiver === undefined ? { now } : { now, receiver });
      expect(await ask(1_499)).toBe(false);
      expect(await ask(1_500)).toBe(true);
      expect(await ask(1_500, 'shop')).toBe(true);
      expect(await ask(1_500, 'billing')).toBe(false);
      await store.claim({ now: 1_500, leaseMs: 500, limit: 1, token: 'rescuer' });
      expect(await ask(1_500)).toBe(false);
    });

    it('keeps a failed run’s error on its next claim, and replaces it when that run does not finish', async () => {
      const e = entry();
      await store.insert(e);
      await store.claim({ now: 1_000, leaseMs: 500, limit: 1, token: 'first' });
      await store.fail(e.id, 'first', boom, 1_000);
      const [retry] = await store.claim({ now: 1_000, leaseMs: 500, limit: 1, token: 'retry' });
      expect(retry).toMatchObject({ attempts: 2, lastError: boom, unfinishedRuns: 0 });
      const [rescued] = await store.claim({ now: 1_500, leaseMs: 500, limit: 1, token: 'rescue' });
      expect(rescued).toMatchObject({
        attempts: 3,
        lastError: { name: unfinishedRunError },
        unfinishedRuns: 1,
      });
      expect(rescued?.lastError?.message).toMatch(/^run 2 did not finish/);
      // A run that settles ends the count.
      await store.fail(e.id, 'rescue', boom, 1_500);
      expect(await store.get(e.id)).toMatchObject({ unfinishedRuns: 0 });
      const [next] = await store.claim({ now: 1_500, leaseMs: 500, limit: 1, token: 'next' });
      expect(next).toMatchObject({ attempts: 4, lastError: boom, unfinishedRuns: 0 });
      await store.deadLetter(e.id, 'next', boom, 1_600);
      expect(await store.replay(e.id, 1_700)).toBe(true);
      expect(await store.get(e.id)).toMatchObject({ attempts: 0, unfinishedRuns: 0 });
    });

    it('answers concurrent inserts of one id with exactly one "inserted"', async () => {
      const e = entry();
      const results = await Promise.all(Array.from({ length: 8 }, () => store.insert(e)));
      expect(results.filter((r) => r.inserted)).toHaveLength(1);
    });

    it('hands each due entry to exactly one of several concurrent claimers', async () => {
      const ids = [];
      for (let i = 0; i < 30; i++) {
        const e = entry({ receivedAt: i });
        ids.push(e.id);
        await store.insert(e);
      }
      const rounds = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          store.claim({ now: 1_000, leaseMs: 10_000, limit: 7, token: `c${i}` }),
        ),
      );
      const claimed = rounds.flat().map((c) => c.id);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort()).toEqual([...ids].sort());
    });
  });
}
