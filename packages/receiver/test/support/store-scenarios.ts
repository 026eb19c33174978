import { stripe } from '@hookline/signature';
import { expect } from 'vitest';
import { createReceiver, type ErrorInfo, type ReceiverStore } from '../../src/index.js';
import { exampleEvent } from './events.js';
import { SECRET, signedRequest } from './sign.js';

/**
 * An event whose handler takes the process down (out of memory, `process.exit`, a native
 * crash) never settles: each worker claims it, dies, and its lease runs out. Once the claims
 * exceed `retry.attempts`, the next claim dead-letters it instead of running it again.
 */
export async function checkCrashLoop(store: ReceiverStore): Promise<void> {
  let now = Date.now();
  const receiver = createReceiver({
    secret: SECRET,
    store,
    now: () => now,
    retry: { attempts: 3, jitter: false },
    worker: { leaseMs: 1_000 },
  });
  const errors: ErrorInfo[] = [];
  receiver.onError((_error, info) => errors.push(info));
  const runs: number[] = [];
  receiver.onAny((_event, context) => {
    runs.push(context.attempt);
  });
  const event = exampleEvent('payment.succeeded', 2);
  const signed = await signedRequest(event, { timestamp: Math.floor(now / 1000) });
  expect((await receiver.fetch(signed)).status).toBe(200);
  // Three "processes" each claim the event and die inside the handler.
  for (let i = 1; i <= 3; i++) {
    const [claimed] = await store.claim({ now, leaseMs: 1_000, limit: 1, token: `crashed-${i}` });
    expect(claimed).toMatchObject({ id: event.id, attempts: i });
    now += 1_000;
  }
  expect(await receiver.drain()).toBe(1);
  expect(runs).toEqual([]);
  const [dead, ...rest] = await receiver.deadLetters();
  expect(rest).toEqual([]);
  expect(dead).toMatchObject({ id: event.id, attempts: 4 });
  expect(dead?.error.message).toMatch(/claimed 3 times.*lease of its last run expired/s);
  expect(errors).toEqual([
    expect.objectContaining({ stage: 'handler', id: event.id, willRetry: false }),
  ]);
  // Once the crash is fixed, a replay runs it as usual.
  await receiver.replay(event.id);
  expect(await receiver.drain()).toBe(1);
  expect(runs).toEqual([1]);
}

const STRIPE_SECRET = 'whsec_test_5f3b1c9e2a7d4f6b8c0e1a3d5f7b9c2e';

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
}
