import { stripe } from '@hookline/signature';
import { eventually } from '@hookline/test-support';
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
  broken = false;
  holding = true;
  const first = receiver.fetch(await signedRequest(event));
  const second = receiver.fetch(await signedRequest(event));
  await eventually(
    () => (waiting.length === 2 ? true : undefined),
    'both redeliveries to read the dead letter',
    5_000,
  );
  waiting[0]?.();
  expect(await (await first).json()).toEqual({ received: true });
  expect(await receiver.drain()).toBe(1);
  expect(await receiver.inspect(event.id)).toMatchObject({ status: 'done' });
  waiting[1]?.();
  expect(await (await second).json()).toEqual({ received: true, duplicate: true });
  expect(await receiver.drain()).toBe(0);
  expect(runs).toEqual([1, 1]);
}

/**
 * Sync mode: a handler that takes the process down mid-request is not run again by the sender's
 * retries (the sender never had an answer, so it keeps retrying) once its claims pass
 * `retry.attempts`. The delivery that would take the claim over dead-letters it instead, and
 * later deliveries leave the dead letter alone; `receiver.replay(id)` lets the next one run it.
 */
export async function checkSyncCrashLoop(store: ReceiverStore): Promise<void> {
  let now = Date.now();
  const receiver = createReceiver({
    secret: SECRET,
    store,
    mode: 'sync',
    now: () => now,
    retry: { attempts: 2 },
    worker: { leaseMs: 1_000 },
  });
  const runs: number[] = [];
  receiver.onAny((_event, context) => {
    runs.push(context.attempt);
    return { ok: true };
  });
  const event = exampleEvent('payment.succeeded', 2);
  const deliver = async () =>
    receiver.fetch(await signedRequest(event, { timestamp: Math.floor(now / 1000) }));
  // The first delivery's process died in the handler: claimed, no answer, no heartbeat.
  await store.insert({
    id: event.id,
    event: event.event,
    version: event.version,
    payload: JSON.stringify(event),
    source: 'push',
    receivedAt: now,
    claim: { token: 'died-1', leaseUntil: now + 1_000 },
    receiver: 'standard-webhooks:hookline',
  });
  // The sender's retry took it over, and that process died too.
  now += 1_000;
  const retaken = await store.claimEntry(event.id, { now, leaseMs: 1_000, token: 'died-2' });
  expect(retaken).toMatchObject({ attempts: 2 });
  now += 1_000;
  const third = await deliver();
  expect(runs).toEqual([]);
  expect(await receiver.inspect(event.id)).toMatchObject({ status: 'dead', attempts: 3 });
  expect(await third.json()).toEqual({ received: true, duplicate: true });
  const [dead, ...rest] = await receiver.deadLetters();
  expect(rest).toEqual([]);
  expect(dead?.error.message).toMatch(/claimed 2 times.*lease of its last run expired/s);
  // The sender retries again (it is not a resend from its dashboard): the dead letter stays.
  now += 1_000;
  expect(await (await deliver()).json()).toEqual({ received: true, duplicate: true });
  expect(runs).toEqual([]);
  expect(await receiver.inspect(event.id)).toMatchObject({ status: 'dead' });
  // Once the cause is fixed, an operator's replay lets the next delivery run it.
  await receiver.replay(event.id);
  expect(await (await deliver()).json()).toEqual({ ok: true });
  expect(runs).toEqual([1]);
}
