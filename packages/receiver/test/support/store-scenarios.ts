import { stripe } from '@hookline/signature';
import { eventually } from '@hookline/test-support';
import { expect } from 'vitest';
import { createReceiver, type Receiver, type ReceiverStore } from '../../src/index.js';
import { exampleEvent } from './events.js';
import { SECRET, signedRequest } from './sign.js';

const STRIPE_SECRET = 'whsec_test_5f3b1c9e2a7d4f6b8c0e1a3d5f7b9c2e';

/**
 * Gives `receiver` a payment.succeeded handler that throws until `fix()` is called, delivers one
 * event and drains it (retry.attempts 1) into the dead letters. `runs` lists each run's attempt.
 */
export async function deadLetterOne(receiver: Receiver) {
  let broken = true;
  const runs: number[] = [];
  receiver.on('payment.succeeded', (_event, context) => {
    runs.push(context.attempt);
    if (broken) throw new Error('bug');
  });
  const event = exampleEvent('payment.succeeded', 2);
  expect((await receiver.fetch(await signedRequest(event))).status).toBe(200);
  await receiver.drain();
  expect(await receiver.inspect(event.id)).toMatchObject({ status: 'dead' });
  return {
    event,
    runs,
    fix: () => {
      broken = false;
    },
  };
}

/**
 * A provider id past the documented limit (1024 bytes of UTF-8) is a 400 with
 * `missing_provider_id` on every store, not a store failure; one at the limit is accepted.
 */
export async function checkLongProviderId(store: ReceiverStore): Promise<void> {
  const receiver = createReceiver({
    secret: STRIPE_SECRET,
    scheme: 'stripe',
    parse: 'provider',
    store,
  });
  const post = async (id: string) => {
    const body = JSON.stringify({ id, object: 'event', type: 'payment_intent.succeeded' });
    const headers = {
      'content-type': 'application/json',
      ...(await stripe.sign({ payload: body, secret: STRIPE_SECRET })),
    };
    return receiver.fetch(new Request('http://x/stripe', { method: 'POST', headers, body }));
  };
  const atLimit = `evt_${'a'.repeat(1020)}`;
  expect((await post(atLimit)).status).toBe(200);
  expect(await receiver.inspect(atLimit)).toMatchObject({ status: 'pending' });
  // 4 kB (a btree index row on Postgres holds ~2.7 kB), and 1025 bytes in 513 characters.
  for (const id of [`evt_${'b'.repeat(4000)}`, `evt_${'é'.repeat(510)}x`]) {
    const refused = await post(id);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('missing_provider_id');
    expect(body.error.message).toMatch(/longer than 1024 bytes/);
  }
}

/**
 * A store opened on an inbox table from before receivers were named: the old row (inserted by
 * the caller as `evt_old`, no receiver) is still claimed, beside a named one.
 */
export async function checkUnnamedRowsClaimable(store: ReceiverStore): Promise<void> {
  await store.insert({
    id: 'evt_new',
    event: 'user.login',
    version: 1,
    payload: '{}',
    source: 'push',
    receivedAt: 6,
    receiver: 'shop',
  });
  const claimed = await store.claim({
    now: 10,
    leaseMs: 100,
    limit: 10,
    token: 't',
    receiver: 'shop',
  });
  expect(claimed.map((c) => c.id)).toEqual(['evt_old', 'evt_new']);
  expect(claimed.map((c) => c.unfinishedRuns)).toEqual([0, 0]);
}

/**
 * Ack-first: two redeliveries of one dead letter that both read it as dead (or one racing an
 * operator's replay and the worker) queue it once. The second finds it no longer dead (done)
 * and is a plain duplicate, so the handler does not run twice.
 */
export async function checkDeadLetterRedeliveryRace(store: ReceiverStore): Promise<void> {
  const waiting: (() => void)[] = [];
  let holding = false;
  // Each insert answers only when the test lets it: both redeliveries see the entry dead first.
  const racing: ReceiverStore = {
    ...store,
    async insert(entry) {
      const result = await store.insert(entry);
      if (holding) await new Promise<void>((resolve) => waiting.push(resolve));
      return result;
    },
  };
  const receiver = createReceiver({ secret: SECRET, store: racing, retry: { attempts: 1 } });
  const { event, runs, fix } = await deadLetterOne(receiver);
  fix();
  holding = true;
  const first = receiver.fetch(await signedRequest(event));
  const second = receiver.fetch(await signedRequest(event));
  await eventually(
    () => (waiting.length === 2 ? true : undefined),
    'both redeliveries to read the dead letter',
    5_000,
  );
  // Whichever insert answered first is let go first (their order is the database's).
  waiting[0]?.();
  const [released, held] = await Promise.race([
    first.then(() => [first, second] as const),
    second.then(() => [second, first] as const),
  ]);
  expect(await (await released).json()).toEqual({ received: true });
  expect(await receiver.drain()).toBe(1);
  expect(await receiver.inspect(event.id)).toMatchObject({ status: 'done' });
  waiting[1]?.();
  expect(await (await held).json()).toEqual({ received: true, duplicate: true });
  expect(await receiver.drain()).toBe(0);
  expect(runs).toEqual([1, 1]);
}
