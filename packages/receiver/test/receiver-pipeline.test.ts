import { readFileSync } from 'node:fs';
import type { AnyEvent } from '@hookline/events';
import { eventually } from '@hookline/test-support';
import { describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  createReceiver,
  isReceiverError,
  type Receiver,
  type ReceiverOptions,
  type ReceiverStore,
  unfinishedRunError,
} from '../src/index.js';
import { exampleEvent, freshId, inboxEntry } from './support/events.js';
import { OLD_SECRET, SECRET, signedHeaders, signedRequest } from './support/sign.js';
import { deadLetterOne } from './support/store-scenarios.js';

const receiverFor = (options: Partial<ReceiverOptions> = {}) =>
  createReceiver({ secret: SECRET, ...options });

/** Stores `event` as a push received at `receivedAt` and claimed by `claim` (a run in progress). */
async function insertClaimed(
  store: ReceiverStore,
  event: AnyEvent,
  receivedAt: number,
  claim: { token: string; leaseUntil: number },
): Promise<void> {
  await store.insert(inboxEntry(event, receivedAt, claim));
}

/** Records the id of every run's event; the run of `held` waits until `release()`. */
function recordRuns(receiver: Receiver, held: AnyEvent) {
  const started: string[] = [];
  let open = () => {};
  receiver.onAny(async (event) => {
    started.push(event.id);
    if (event.id === held.id) {
      await new Promise<void>((resolve) => {
        open = resolve;
      });
    }
  });
  return { started, release: () => open() };
}

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(typeof body.error.message).toBe('string');
  return body.error.code;
}

describe('accepting deliveries (ack-first)', () => {
  it('answers 200 only once the event is in the inbox, and runs the typed handler from the worker', async () => {
    const receiver = receiverFor();
    const seen: AnyEvent[] = [];
    receiver.on('payment.succeeded', (event) => {
      seen.push(event);
    });
    const event = exampleEvent('payment.succeeded', 2);
    const response = await receiver.fetch(await signedRequest(event));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(await receiver.inspect(event.id)).toMatchObject({
      status: 'pending',
      source: 'push',
      event: 'payment.succeeded',
      version: 2,
    });
    expect(seen).toEqual([]);
    expect(await receiver.drain()).toBe(1);
    expect(seen).toEqual([event]);
    expect(await receiver.inspect(event.id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('acknowledges a duplicate id with 2xx and does not handle it again', async () => {
    const receiver = receiverFor();
    let calls = 0;
    receiver.on('user.created', () => {
      calls += 1;
    });
    const event = exampleEvent('user.created', 1);
    expect((await receiver.fetch(await signedRequest(event))).status).toBe(200);
    await receiver.drain();
    const again = await receiver.fetch(await signedRequest(event));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    await receiver.drain();
    expect(calls).toBe(1);
  });

  it('accepts a Svix-style sender whose webhook-id is its own message id, and dedupes on the event id', async () => {
    const receiver = receiverFor();
    const seen: string[] = [];
    receiver.on('user.created', (event) => {
      seen.push(event.id);
    });
    const event = exampleEvent('user.created', 1);
    const first = await receiver.fetch(
      await signedRequest(event, { id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W' }),
    );
    expect(first.status).toBe(200);
    // The same event sent again as a new message (a manual resend gets a new msg id).
    const resent = await receiver.fetch(
      await signedRequest(event, { id: 'msg_2KWPC0z1Y7Yq3rM5x8QmJjN9aBc' }),
    );
    expect(await resent.json()).toEqual({ received: true, duplicate: true });
    await receiver.drain();
    expect(seen).toEqual([event.id]);
  });

  it('runs handlers in the background once started, and stop() waits for them', async () => {
    const receiver = receiverFor({ worker: { pollIntervalMs: 5_000 } });
    const handled: string[] = [];
    receiver.on('user.deleted', async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      handled.push(event.id);
    });
    receiver.start();
    const event = exampleEvent('user.deleted', 1);
    await receiver.fetch(await signedRequest(event));
    // The push wakes the worker: no need to wait for the 5 s poll interval.
    await eventually(
      () => (handled.length === 1 ? true : undefined),
      'the worker to handle the pushed event',
      2_000,
    );
    await receiver.stop();
    expect(handled).toEqual([event.id]);
  });

  it("accepts the article's example payload (no id, no version): id from webhook-id, version 1, upcast for latest handlers", async () => {
    const receiver = receiverFor();
    const v1: unknown[] = [];
    const latest: unknown[] = [];
    receiver.on('user.login', { version: 1 }, (event) => {
      v1.push(event);
    });
    receiver.on('user.login', (event) => {
      latest.push([event.version, event.metadata.client.ip_address]);
    });
    const id = freshId();
    const body = readFileSync(new URL('./fixtures/seed-user-login.json', import.meta.url), 'utf8');
    const response = await receiver.fetch(await signedRequest(body, { id }));
    expect(response.status).toBe(200);
    await receiver.drain();
    expect(v1).toEqual([{ ...JSON.parse(body), id, version: 1 }]);
    expect(latest).toEqual([[2, '203.0.113.42']]);
  });

  it('handles a body without an id under a Svix-style message id (msg_…), not only an evt_ one', async () => {
    const receiver = receiverFor();
    const handled: string[] = [];
    receiver.onAny((event) => {
      handled.push(event.id);
    });
    const { id: _id, ...withoutId } = exampleEvent('user.created', 1);
    const body = JSON.stringify(withoutId);
    const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
    const response = await receiver.fetch(await signedRequest(body, { id }));
    expect(response.status).toBe(200);
    await receiver.drain();
    expect(handled).toEqual([id]);
    expect(await receiver.store.listDeadLetters()).toEqual([]);
  });

  it('takes the version from X-Webhook-Version when the body has none', async () => {
    const receiver = receiverFor();
    const versions: number[] = [];
    receiver.onAny((event) => {
      versions.push(event.version);
    });
    const { version: _v, ...withoutVersion } = exampleEvent('payment.succeeded', 2);
    const body = JSON.stringify(withoutVersion);
    const response = await receiver.fetch(
      await signedRequest(body, { headers: { 'x-webhook-version': '2' } }),
    );
    expect(response.status).toBe(200);
    await receiver.drain();
    expect(versions).toEqual([2]);
  });
});

describe('typed, versioned handlers', () => {
  it('upcasts an older delivery for a handler on the latest version, and downcasts for one pinned to v1', async () => {
    const receiver = receiverFor();
    const latest: unknown[] = [];
    const pinned: unknown[] = [];
    const any: unknown[] = [];
    receiver.on('payment.succeeded', (event) => {
      latest.push(event.metadata.amount.value);
    });
    receiver.on('payment.succeeded', { version: 1 }, (event) => {
      pinned.push(event.metadata.amount);
    });
    receiver.onAny((event) => {
      any.push(event.version);
    });
    await receiver.fetch(await signedRequest(exampleEvent('payment.succeeded', 1)));
    await receiver.fetch(await signedRequest(exampleEvent('payment.succeeded', 2)));
    await receiver.drain();
    expect(latest).toEqual([4298, 4298]);
    expect(pinned).toEqual([4298, 4298]);
    expect(any.sort()).toEqual([1, 2]);
  });

  it('an unsubscribed handler no longer runs', async () => {
    const receiver = receiverFor();
    let calls = 0;
    const off = receiver.on('session.revoked', () => {
      calls += 1;
    });
    off();
    await receiver.fetch(await signedRequest(exampleEvent('session.revoked', 1)));
    await receiver.drain();
    expect(calls).toBe(0);
  });
});

describe('rejections', () => {
  it('answers 405 to anything but POST, with Allow: POST', async () => {
    const response = await receiverFor().fetch(new Request('http://x/webhooks'));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await errorCode(response)).toBe('method_not_allowed');
  });

  it('answers 415 to a non-JSON content type and accepts JSON with a charset', async () => {
    const receiver = receiverFor();
    const event = exampleEvent('user.created', 1);
    const text = JSON.stringify(event);
    const plain = await receiver.fetch(
      new Request('http://x', {
        method: 'POST',
        headers: { ...(await signedHeaders(text)), 'content-type': 'text/plain' },
        body: text,
      }),
    );
    expect(plain.status).toBe(415);
    expect(await errorCode(plain)).toBe('unsupported_media_type');
    const charset = await receiver.fetch(
      new Request('http://x', {
        method: 'POST',
        headers: {
          ...(await signedHeaders(text)),
          'content-type': 'Application/JSON; charset=utf-8',
        },
        body: text,
      }),
    );
    expect(charset.status).toBe(200);
  });

  it('answers 401 with the signature error code for a wrong secret, a stale timestamp or missing headers', async () => {
    const receiver = receiverFor();
    const event = exampleEvent('user.created', 1);
    const wrong = await receiver.fetch(await signedRequest(event, { secret: OLD_SECRET }));
    expect(wrong.status).toBe(401);
    expect(await errorCode(wrong)).toBe('no_matching_signature');

    const stale = await receiver.fetch(
      await signedRequest(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
    );
    expect(stale.status).toBe(401);
    expect(await errorCode(stale)).toBe('timestamp_too_old');

    const unsigned = await receiver.fetch(
      new Request('http://x', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
      }),
    );
    expect(unsigned.status).toBe(401);
    expect(await errorCode(unsigned)).toBe('missing_header');

    const tampered = await signedHeaders(JSON.stringify(event));
    const forged = await receiver.fetch(
      new Request('http://x', {
        method: 'POST',
        headers: tampered,
        body: JSON.stringify({ ...event, resource_id: 'usr_evil' }),
      }),
    );
    expect(forged.status).toBe(401);
    expect(await receiver.inspect(event.id)).toBeUndefined();
  });

  it('accepts either secret during rotation', async () => {
    const receiver = receiverFor({ secret: [SECRET, OLD_SECRET] });
    expect(
      (
        await receiver.fetch(
          await signedRequest(exampleEvent('user.created', 1), { secret: OLD_SECRET }),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await receiver.fetch(
          await signedRequest(exampleEvent('user.created', 1), { secret: SECRET }),
        )
      ).status,
    ).toBe(200);
  });

  it('applies the tolerance option to the signed timestamp', async () => {
    const oneMinuteAgo = Math.floor(Date.now() / 1000) - 60;
    const strict = receiverFor({ tolerance: 10 });
    const lenient = receiverFor();
    const event = exampleEvent('user.created', 1);
    expect(
      (await strict.fetch(await signedRequest(event, { timestamp: oneMinuteAgo }))).status,
    ).toBe(401);
    expect(
      (await lenient.fetch(await signedRequest(event, { timestamp: oneMinuteAgo }))).status,
    ).toBe(200);
  });

  it('answers 400 with the parse error code for malformed JSON, unknown events and bad metadata', async () => {
    const receiver = receiverFor();
    const cases: Array<[string, string]> = [
      ['{"id": "evt_1", ', 'invalid_json'],
      [
        JSON.stringify({ ...exampleEvent('user.created', 1), timestamp: 'yesterday' }),
        'invalid_envelope',
      ],
      [
        JSON.stringify({ ...exampleEvent('user.created', 1), event: 'user.teleported' }),
        'unknown_event',
      ],
      [
        JSON.stringify({ ...exampleEvent('payment.succeeded', 2), metadata: { amount: 'lots' } }),
        'invalid_metadata',
      ],
    ];
    for (const [body, code] of cases) {
      const response = await receiver.fetch(
        new Request('http://x', {
          method: 'POST',
          headers: await signedHeaders(
            body,
            code === 'unknown_event' || code === 'invalid_metadata' ? {} : { id: freshId() },
          ),
          body,
        }),
      );
      expect(response.status, code).toBe(400);
      expect(await errorCode(response)).toBe(code);
    }
  });

  it('answers 503 when the inbox write fails, so the sender retries, and never runs the handler', async () => {
    const store = createMemoryStore();
    let failWrites = true;
    const flaky = {
      ...store,
      insert: (entry: Parameters<typeof store.insert>[0]) =>
        failWrites ? Promise.reject(new Error('disk full')) : store.insert(entry),
    };
    const receiver = receiverFor({ store: flaky });
    let calls = 0;
    receiver.on('user.created', () => {
      calls += 1;
    });
    const event = exampleEvent('user.created', 1);
    const refused = await receiver.fetch(await signedRequest(event));
    expect(refused.status).toBe(503);
    expect(await errorCode(refused)).toBe('store_unavailable');
    failWrites = false;
    const retried = await receiver.fetch(await signedRequest(event));
    expect(retried.status).toBe(200);
    await receiver.drain();
    expect(calls).toBe(1);
  });

  it('answers 415 to a compressed body (content-encoding other than identity) instead of verifying compressed bytes', async () => {
    const receiver = receiverFor();
    const event = exampleEvent('user.created', 1);
    for (const encoding of ['gzip', 'br', 'GZIP', 'identity, gzip']) {
      const request = await signedRequest(event, { headers: { 'content-encoding': encoding } });
      const refused = await receiver.fetch(request);
      expect(refused.status).toBe(415);
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unsupported_media_type');
      expect(body.error.message).toContain('content-encoding');
    }
    const plain = await signedRequest(event, { headers: { 'content-encoding': 'identity' } });
    expect((await receiver.fetch(plain)).status).toBe(200);
  });

  it('refuses worker and retry numbers that would stall or break the worker (NaN from an unset variable, fractions)', () => {
    const bad: [Partial<ReceiverOptions>, RegExp][] = [
      [{ worker: { concurrency: Number(undefined) } }, /worker\.concurrency.*whole number/],
      [{ worker: { concurrency: 1.5 } }, /worker\.concurrency/],
      [{ worker: { concurrency: 0 } }, /worker\.concurrency/],
      [{ worker: { pollIntervalMs: Number.NaN } }, /worker\.pollIntervalMs/],
      [{ worker: { pollIntervalMs: -5 } }, /worker\.pollIntervalMs/],
      [{ retry: { attempts: Number.NaN } }, /retry\.attempts.*whole number/],
      [{ retry: { attempts: 0 } }, /retry\.attempts/],
      [{ retry: { attempts: 2.5 } }, /retry\.attempts/],
      [{ retry: { initialDelayMs: Number(undefined) } }, /retry\.initialDelayMs/],
      [{ retry: { attempts: Number.NEGATIVE_INFINITY } }, /retry\.attempts/],
      [{ retry: { maxDelayMs: Number.NaN } }, /retry\.maxDelayMs/],
      [{ retry: { maxDelayMs: -1 } }, /retry\.maxDelayMs/],
      [{ retry: { initialDelayMs: Number.POSITIVE_INFINITY } }, /retry\.initialDelayMs/],
      [{ retry: { factor: Number.NaN } }, /retry\.factor/],
      [{ retry: { factor: 0.5 } }, /retry\.factor/],
    ];
    for (const [options, message] of bad) {
      expect(() => receiverFor(options), JSON.stringify(options)).toThrow(
        expect.objectContaining({
          code: 'invalid_options',
          message: expect.stringMatching(message),
        }),
      );
    }
    expect(() =>
      receiverFor({
        worker: { concurrency: 8, pollIntervalMs: 250 },
        retry: { attempts: 1, initialDelayMs: 0, maxDelayMs: 10, factor: 1, jitter: false },
      }),
    ).not.toThrow();
  });

  it('accepts Infinity for retry.attempts (never dead-letter) and retry.maxDelayMs (no cap)', async () => {
    let current = Date.now();
    const receiver = receiverFor({
      now: () => current,
      retry: {
        attempts: Number.POSITIVE_INFINITY,
        maxDelayMs: Number.POSITIVE_INFINITY,
        factor: 10,
        jitter: false,
      },
    });
    let calls = 0;
    receiver.on('user.created', () => {
      calls += 1;
      throw new Error('still down');
    });
    const event = exampleEvent('user.created', 1);
    await receiver.fetch(await signedRequest(event, { timestamp: Math.floor(current / 1000) }));
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const before = current;
      expect(await receiver.drain()).toBe(1);
      const entry = await receiver.inspect(event.id);
      expect(entry).toMatchObject({ status: 'pending', attempts: i + 1 });
      delays.push((entry?.nextAttemptAt ?? 0) - before);
      current = entry?.nextAttemptAt ?? current;
    }
    // Past the default cap of an hour, and still retried.
    expect(delays).toEqual(
      [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000].map((n) => n * 1_000),
    );
    expect(calls).toBe(8);
    expect(await receiver.deadLetters()).toEqual([]);
  });

  it('refuses invalid options loudly', () => {
    expect(() => receiverFor({ secret: '' })).toThrow(/non-empty `secret`/);
    expect(() => receiverFor({ allowIps: ['10.0.0.300/8'] })).toThrow(/not an IP address or CIDR/);
    try {
      receiverFor({ maxBodyBytes: -1 });
      expect.unreachable();
    } catch (error) {
      expect(isReceiverError(error) && error.code).toBe('invalid_options');
    }
  });
});

describe('IP allowlist', () => {
  const post = async (
    receiver: ReturnType<typeof receiverFor>,
    remoteAddress: string | undefined,
    forwardedFor?: string,
  ) => {
    const request = await signedRequest(exampleEvent('user.created', 1), {
      ...(forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {}),
    });
    return receiver.fetch(request, remoteAddress === undefined ? {} : { remoteAddress });
  };

  it('admits listed IPv4, IPv6 and IPv4-mapped IPv6 peers and answers 403 to others', async () => {
    const receiver = receiverFor({ allowIps: ['203.0.113.0/24', '2001:db8::/32'] });
    expect((await post(receiver, '203.0.113.9')).status).toBe(200);
    expect((await post(receiver, '::ffff:203.0.113.10')).status).toBe(200);
    expect((await post(receiver, '2001:db8:1::7')).status).toBe(200);
    const denied = await post(receiver, '198.51.100.1');
    expect(denied.status).toBe(403);
    expect(await errorCode(denied)).toBe('ip_not_allowed');
    expect((await post(receiver, '2001:db9::1')).status).toBe(403);
    expect((await post(receiver, undefined)).status).toBe(403);
  });

  it('believes X-Forwarded-For only from trusted proxies and takes the right-most untrusted hop', async () => {
    const receiver = receiverFor({ allowIps: ['203.0.113.0/24'], trustedProxies: ['10.0.0.0/8'] });
    // Via two trusted proxies; the client forged an allowed address at the left.
    expect((await post(receiver, '10.0.0.1', '203.0.113.5, 198.51.100.7, 10.0.0.2')).status).toBe(
      403,
    );
    expect((await post(receiver, '10.0.0.1', '198.51.100.7, 203.0.113.5, 10.0.0.2')).status).toBe(
      200,
    );
    // A peer that is not a trusted proxy cannot pick its address with the header.
    expect((await post(receiver, '198.51.100.7', '203.0.113.5')).status).toBe(403);
    // No header from a trusted proxy: the proxy itself is the client.
    expect((await post(receiver, '10.0.0.1')).status).toBe(403);
  });
});

describe('retries, dead letters and replay', () => {
  const clock = () => {
    let current = Date.now();
    return { now: () => current, advance: (ms: number) => (current += ms) };
  };

  it('retries a failing handler with exponential backoff, then succeeds', async () => {
    const time = clock();
    const receiver = receiverFor({
      now: time.now,
      retry: { attempts: 5, initialDelayMs: 1_000, factor: 2, jitter: false },
    });
    let calls = 0;
    receiver.on('checkout.completed', () => {
      calls += 1;
      if (calls < 3) throw new Error(`flaky ${calls}`);
    });
    const event = exampleEvent('checkout.completed', 1);
    await receiver.fetch(await signedRequest(event, { timestamp: Math.floor(time.now() / 1000) }));
    const start = time.now();
    await receiver.drain();
    expect(await receiver.inspect(event.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: start + 1_000,
      lastError: { message: 'flaky 1' },
    });
    time.advance(999);
    expect(await receiver.drain()).toBe(0);
    time.advance(1);
    await receiver.drain();
    expect(await receiver.inspect(event.id)).toMatchObject({
      status: 'pending',
      attempts: 2,
      nextAttemptAt: start + 1_000 + 2_000,
    });
    time.advance(2_000);
    await receiver.drain();
    expect(calls).toBe(3);
    expect(await receiver.inspect(event.id)).toMatchObject({ status: 'done', attempts: 3 });
  });

  it('dead-letters an event whose last runs did not finish, without running it again, and says so', async () => {
    const time = clock();
    const store = createMemoryStore();
    const receiver = receiverFor({ store, now: time.now, retry: { attempts: 2 } });
    const reports: unknown[] = [];
    receiver.onError((error, info) => reports.push({ ...info, error: (error as Error).message }));
    let calls = 0;
    receiver.on('payment.failed', () => {
      calls += 1;
    });
    const event = exampleEvent('payment.failed', 1);
    // Run 1 of 2 started in a process that then died; so did run 2, its take-over (alone).
    await insertClaimed(store, event, time.now(), { token: 'run-1', leaseUntil: time.now() });
    const [second] = await store.claim({ now: time.now(), leaseMs: 1_000, limit: 1, token: 'r2' });
    expect(second).toMatchObject({ attempts: 2, unfinishedRuns: 1 });
    time.advance(1_000);
    await receiver.drain();
    expect(calls).toBe(0);
    const message =
      'run 2 did not finish: its lease expired (the process stopped, or the handler ran past the lease); 2 runs in a row did not, the last one a take-over started alone, and 2 of 2 runs (retry.attempts) are used, so it is dead-lettered without another';
    expect(await receiver.deadLetters()).toMatchObject([
      { id: event.id, error: { name: unfinishedRunError, message } },
    ]);
    expect(reports).toEqual([
      {
        stage: 'handler',
        id: event.id,
        attempt: 2,
        willRetry: false,
        event: expect.objectContaining({ id: event.id, event: 'payment.failed' }),
        error: message,
      },
    ]);
    // A replay runs it afresh.
    await receiver.replay(event.id);
    await receiver.drain();
    expect(calls).toBe(1);
    expect(await receiver.inspect(event.id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('gives an event whose runs are used up one more run, alone, when only its last run did not finish', async () => {
    const time = clock();
    const store = createMemoryStore();
    // One run allowed, and it died with the process it shared (a deploy, another event's crash).
    const receiver = receiverFor({ store, now: time.now, retry: { attempts: 1 } });
    const ran: number[] = [];
    receiver.on('payment.failed', (_event, context) => {
      ran.push(context.attempt);
    });
    const event = exampleEvent('payment.failed', 1);
    await insertClaimed(store, event, time.now(), { token: 'died', leaseUntil: time.now() });
    await receiver.drain();
    expect(ran).toEqual([2]);
    expect(await receiver.inspect(event.id)).toMatchObject({
      status: 'done',
      attempts: 2,
      unfinishedRuns: 0,
    });
    expect(await receiver.deadLetters()).toEqual([]);
  });

  it('takes over an event whose last run did not finish only with nothing in flight, and claims nothing new until it settles', async () => {
    const store = createMemoryStore();
    // A lease longer than the waits below: a taken-over run keeps the worker for up to one.
    const receiver = receiverFor({ store, worker: { concurrency: 4, leaseMs: 400 } });
    const running = new Set<string>();
    const together: string[][] = [];
    const gates = new Map<string, () => void>();
    const first = exampleEvent('payment.succeeded', 2);
    const crashed = exampleEvent('payment.failed', 1);
    receiver.onAny(async (event) => {
      running.add(event.id);
      together.push([...running]);
      await (event.id === first.id || event.id === crashed.id
        ? new Promise<void>((resolve) => gates.set(event.id, resolve))
        : new Promise((resolve) => setTimeout(resolve, 20)));
      running.delete(event.id);
    });
    const push = async (event = exampleEvent('payment.succeeded', 2)) =>
      receiver.fetch(await signedRequest(event));
    receiver.start();
    await push(first);
    await eventually(() => (running.has(first.id) ? true : undefined), 'the first event to run');
    // What a process that died mid-handler left behind, now claimable; then a push wakes the
    // worker, which must not start the crashed event beside the first (nor, after a lease,
    // anything new: it waits for the first to settle, then takes the crashed one over).
    await insertClaimed(store, crashed, Date.now() - 10, { token: 'died', leaseUntil: 0 });
    await push();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect([...running]).toEqual([first.id]);
    expect(await receiver.inspect(crashed.id)).toMatchObject({ attempts: 1 });
    gates.get(first.id)?.();
    await eventually(
      () => (running.has(crashed.id) ? true : undefined),
      'the crashed event to run',
    );
    expect([...running]).toEqual([crashed.id]);
    // Nothing new while it runs (up to a lease).
    await push();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect([...running]).toEqual([crashed.id]);
    gates.get(crashed.id)?.();
    await eventually(
      () => (together.length === 4 && running.size === 0 ? true : undefined),
      'every event to run',
    );
    await receiver.stop();
    expect(await receiver.inspect(crashed.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(together.filter((ids) => ids.includes(crashed.id))).toEqual([[crashed.id]]);
  });

  it('keeps a taken-over run to itself for at most a lease: a handler that hangs does not stall the worker', async () => {
    const store = createMemoryStore();
    const receiver = receiverFor({ store, worker: { leaseMs: 100, pollIntervalMs: 10_000 } });
    const crashed = exampleEvent('payment.failed', 1);
    const { started, release } = recordRuns(receiver, crashed);
    await insertClaimed(store, crashed, Date.now() - 10, { token: 'died', leaseUntil: 0 });
    receiver.start();
    await eventually(() => (started.includes(crashed.id) ? true : undefined), 'the take-over');
    const next = exampleEvent('payment.succeeded', 2);
    await receiver.fetch(await signedRequest(next));
    await eventually(() => (started.includes(next.id) ? true : undefined), 'the next run', 2_000);
    release();
    await receiver.stop();
  });

  /** A memory store that counts claims, and fails them while `down`. */
  const countingStore = () => {
    const memory = createMemoryStore();
    const state = { claims: 0, down: false };
    const store: ReceiverStore = {
      ...memory,
      claim: (options) => {
        state.claims += 1;
        return state.down ? Promise.reject(new Error('store unreachable')) : memory.claim(options);
      },
    };
    return { memory, store, state };
  };
  /** How many claims the worker makes in the next 400 ms. */
  const claimsIn400ms = async (state: { claims: number }) => {
    const before = state.claims;
    await new Promise((resolve) => setTimeout(resolve, 400));
    return state.claims - before;
  };

  it('sleeps its poll interval, not a millisecond, once a taken-over run outlasts its time alone', async () => {
    const { memory, store, state } = countingStore();
    const receiver = receiverFor({ store, worker: { leaseMs: 100, pollIntervalMs: 1_000 } });
    // A taken-over run that outlasts its lease-long time alone (its heartbeat keeps it going).
    const crashed = exampleEvent('payment.failed', 1);
    const { started, release } = recordRuns(receiver, crashed);
    await insertClaimed(memory, crashed, Date.now() - 10, { token: 'died', leaseUntil: 0 });
    receiver.start();
    await eventually(() => (started.includes(crashed.id) ? true : undefined), 'the take-over');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await claimsIn400ms(state)).toBeLessThan(10);
    release();
    await receiver.stop();
  });

  it('sleeps its poll interval, not a millisecond, when the claim after a pause fails', async () => {
    const { memory, store, state } = countingStore();
    const receiver = receiverFor({ store, worker: { leaseMs: 100, pollIntervalMs: 1_000 } });
    receiver.onError(() => {});
    const long = exampleEvent('payment.failed', 1);
    const { started, release } = recordRuns(receiver, long);
    receiver.start();
    await receiver.fetch(await signedRequest(long));
    await eventually(() => (started.includes(long.id) ? true : undefined), 'the long run');
    // A run that did not finish waits: past a lease, a push makes the busy worker look, and pause.
    await insertClaimed(memory, exampleEvent('payment.failed', 1), Date.now() - 10, {
      token: 'died',
      leaseUntil: 0,
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await receiver.fetch(await signedRequest(exampleEvent('payment.succeeded', 2)));
    // The store goes down, and the long run ends: the claim that would take over fails.
    state.down = true;
    release();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await claimsIn400ms(state)).toBeLessThan(10);
    state.down = false;
    await receiver.stop();
  });

  it('takes a run over alone even when drain() claims beside the running worker', async () => {
    const memory = createMemoryStore();
    // Claims that take a moment, as over a network: the loop's and drain()'s overlap.
    const store: ReceiverStore = {
      ...memory,
      claim: async (options) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return memory.claim(options);
      },
    };
    const receiver = receiverFor({ store, worker: { concurrency: 4 } });
    const running = new Set<string>();
    const together: string[][] = [];
    receiver.onAny(async (event) => {
      running.add(event.id);
      together.push([...running]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running.delete(event.id);
    });
    const crashed = exampleEvent('payment.failed', 1);
    await insertClaimed(memory, crashed, Date.now() - 10, { token: 'died', leaseUntil: 0 });
    const others = Array.from({ length: 3 }, () => exampleEvent('payment.succeeded', 2));
    for (const event of others) await memory.insert(inboxEntry(event, Date.now()));
    receiver.start();
    await receiver.drain();
    await eventually(
      () => (together.length === 4 && running.size === 0 ? true : undefined),
      'every event to run',
    );
    await receiver.stop();
    expect(together.filter((ids) => ids.includes(crashed.id))).toEqual([[crashed.id]]);
  });

  it('keeps claiming while busy when no run waits to be taken over', async () => {
    const receiver = receiverFor({ worker: { leaseMs: 500, pollIntervalMs: 10_000 } });
    const long = exampleEvent('payment.failed', 1);
    const { started, release } = recordRuns(receiver, long);
    receiver.start();
    await receiver.fetch(await signedRequest(long));
    await eventually(() => (started.includes(long.id) ? true : undefined), 'the long run');
    // A lease and a half into the long run, when a worker that paused once a lease would be
    // pausing: nothing waits to be taken over, so it claims at once.
    await new Promise((resolve) => setTimeout(resolve, 750));
    const next = exampleEvent('payment.succeeded', 2);
    await receiver.fetch(await signedRequest(next));
    await eventually(() => (started.includes(next.id) ? true : undefined), 'the next run', 2_000);
    release();
    await receiver.stop();
  });

  it('pauses for at most a lease to take a run over alone, waking on time, then goes back to work', async () => {
    const store = createMemoryStore();
    // A test clock that jumps a lease ahead and then stands still: the pause is measured in real
    // time all the same.
    let clock = Date.now();
    const receiver = receiverFor({
      store,
      now: () => clock,
      worker: { leaseMs: 100, pollIntervalMs: 10_000 },
    });
    const hung = exampleEvent('payment.failed', 1);
    const crashed = exampleEvent('payment.failed', 1);
    const { started, release } = recordRuns(receiver, hung);
    receiver.start();
    await receiver.fetch(await signedRequest(hung));
    await eventually(() => (started.includes(hung.id) ? true : undefined), 'the hung run');
    clock += 100;
    await insertClaimed(store, crashed, clock - 1_000, { token: 'died', leaseUntil: 0 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const next = exampleEvent('payment.succeeded', 2);
    await receiver.fetch(await signedRequest(next));
    await eventually(() => (started.includes(next.id) ? true : undefined), 'the next run', 2_000);
    // Not taken over beside the hung run; once that settles, taken over alone.
    expect(started).toEqual([hung.id, next.id]);
    release();
    await eventually(() => (started.includes(crashed.id) ? true : undefined), 'the take-over');
    await receiver.stop();
    expect(await receiver.inspect(crashed.id)).toMatchObject({ status: 'done', unfinishedRuns: 0 });
  });

  it('does not hold the worker up when only its own run’s lease lapsed (the store was briefly unreachable)', async () => {
    const memory = createMemoryStore();
    let outage = false;
    const store: ReceiverStore = {
      ...memory,
      extendLease: (...args) =>
        outage ? Promise.reject(new Error('store unreachable')) : memory.extendLease(...args),
    };
    const receiver = receiverFor({ store, worker: { concurrency: 4, leaseMs: 60 } });
    receiver.onError(() => {});
    const slow = exampleEvent('payment.failed', 1);
    let release = () => {};
    const handled: string[] = [];
    receiver.onAny(async (event) => {
      if (event.id === slow.id && !handled.includes('slow-started')) {
        handled.push('slow-started');
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      }
      handled.push(event.id);
    });
    const push = async (event: AnyEvent) => receiver.fetch(await signedRequest(event));
    receiver.start();
    outage = true;
    await push(slow);
    // The lease lapses while the slow handler runs; the worker claims its own entry back.
    await new Promise((resolve) => setTimeout(resolve, 200));
    outage = false;
    const next = exampleEvent('payment.succeeded', 2);
    await push(next);
    await eventually(() => (handled.includes(next.id) ? true : undefined), 'the next event to run');
    expect(handled).toEqual(['slow-started', next.id]);
    release();
    await eventually(
      () => (handled.includes(slow.id) ? true : undefined),
      'the slow event to settle',
    );
    await receiver.stop();
  });

  it('dead-letters after the last attempt with message and stack (secrets masked), and replays it', async () => {
    const time = clock();
    const receiver = receiverFor({
      now: time.now,
      retry: { attempts: 2, initialDelayMs: 10, jitter: false },
    });
    let healthy = false;
    const errors: unknown[] = [];
    const received: unknown[] = [];
    receiver.onError((error, info) => {
      received.push(error);
      errors.push([info.stage, info.willRetry, (error as Error).message]);
    });
    receiver.on('subscription.cancelled', () => {
      if (healthy) return;
      const cause = Object.assign(new Error(`401 for token ${SECRET}`), {
        config: { headers: { authorization: `Bearer ${SECRET}` } },
      });
      throw new Error(`cannot reach billing with key ${SECRET}`, { cause });
    });
    const event = exampleEvent('subscription.cancelled', 1);
    await receiver.fetch(await signedRequest(event, { timestamp: Math.floor(time.now() / 1000) }));
    await receiver.drain();
    time.advance(10);
    await receiver.drain();
    const [dead, ...rest] = await receiver.deadLetters();
    expect(rest).toEqual([]);
    expect(dead).toMatchObject({ id: event.id, event: 'subscription.cancelled', attempts: 2 });
    expect(dead?.error.message).toBe('cannot reach billing with key [redacted]');
    expect(dead?.error.stack).toContain('receiver-pipeline.test.ts');
    expect(JSON.stringify(dead)).not.toContain(SECRET.slice(6));
    expect(errors).toHaveLength(2);
    expect(errors.map((e) => (e as unknown[])[1])).toEqual([true, false]);
    // Everything onError got is secret-free: message, stack, the cause chain and its fields.
    for (const error of received) {
      expect(error).toBeInstanceOf(Error);
      const outer = error as Error;
      const cause = outer.cause as Error & { config: unknown };
      expect(outer.message).toBe('cannot reach billing with key [redacted]');
      expect(cause.message).toBe('401 for token [redacted]');
      const seen = [
        JSON.stringify(error),
        JSON.stringify(cause),
        outer.message,
        outer.stack,
        cause.message,
        cause.stack,
        String(error),
      ].join('\n');
      expect(seen).toContain('Bearer [redacted]');
      expect(seen).not.toContain(SECRET.slice(6));
    }

    healthy = true;
    await receiver.replay(event.id);
    await receiver.drain();
    expect(await receiver.deadLetters()).toEqual([]);
    expect(await receiver.inspect(event.id)).toMatchObject({ status: 'done' });
    await expect(receiver.replay('evt_nope')).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    });
  });
  it('queues a dead-lettered event again when the sender redelivers it (a dashboard resend), like replay()', async () => {
    const warnings: string[] = [];
    const receiver = receiverFor({
      retry: { attempts: 1 },
      logger: { warn: (message) => warnings.push(message) },
    });
    const { event, runs, fix } = await deadLetterOne(receiver);
    fix();
    const resent = await receiver.fetch(await signedRequest(event));
    expect(resent.status).toBe(200);
    expect(await resent.json()).toEqual({ received: true });
    expect(warnings.some((w) => /dead-lettered event redelivered/.test(w))).toBe(true);
    await receiver.drain();
    expect(runs).toEqual([1, 1]);
    expect(await receiver.inspect(event.id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await receiver.deadLetters()).toEqual([]);
    // Done now: a further redelivery is a plain duplicate.
    const again = await receiver.fetch(await signedRequest(event));
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    await receiver.drain();
    expect(runs).toEqual([1, 1]);
  });

  it('a handler slower than the lease keeps its claim (heartbeat) and is not run twice by a second worker', async () => {
    const store = createMemoryStore();
    let runs = 0;
    // The handler outlives the lease five times over; the heartbeat (every leaseMs / 3) must keep
    // it. The lease is long enough that a busy machine stalling the event loop for a while (CI
    // runs every package's tests at once) does not look like a crashed worker.
    const make = () => {
      const receiver = receiverFor({ store, worker: { leaseMs: 400, pollIntervalMs: 5 } });
      receiver.on('user.created', async () => {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      });
      return receiver;
    };
    const first = make();
    const second = make();
    const event = exampleEvent('user.created', 1);
    await first.fetch(await signedRequest(event));
    first.start();
    await eventually(
      () => (runs === 1 ? true : undefined),
      'the first worker to start the handler',
      5_000,
    );
    second.start();
    await eventually(
      async () => ((await store.get(event.id))?.status === 'done' ? true : undefined),
      'the event to be done',
      10_000,
    );
    await Promise.all([first.stop(), second.stop()]);
    expect(runs).toBe(1);
    expect(await store.get(event.id)).toMatchObject({ attempts: 1 });
  });

  it('a store outage while settling leaves the event claimed; it runs again after the lease (at-least-once)', async () => {
    const time = clock();
    const store = createMemoryStore();
    let completeFails = true;
    const flaky = {
      ...store,
      complete: (...args: Parameters<typeof store.complete>) =>
        completeFails ? Promise.reject(new Error('connection reset')) : store.complete(...args),
    };
    const receiver = receiverFor({ store: flaky, now: time.now, worker: { leaseMs: 5_000 } });
    let calls = 0;
    receiver.on('user.created', () => {
      calls += 1;
    });
    const event = exampleEvent('user.created', 1);
    await receiver.fetch(await signedRequest(event, { timestamp: Math.floor(time.now() / 1000) }));
    await expect(receiver.drain()).rejects.toThrow('connection reset');
    expect(await receiver.inspect(event.id)).toMatchObject({ status: 'processing', attempts: 1 });
    completeFails = false;
    expect(await receiver.drain()).toBe(0);
    time.advance(5_000);
    expect(await receiver.drain()).toBe(1);
    expect(calls).toBe(2);
    expect(await receiver.inspect(event.id)).toMatchObject({ status: 'done', attempts: 2 });
  });
});

describe('sync mode', () => {
  it('returns what the handler returns (a blocking hook) and returns it again to a duplicate', async () => {
    const receiver = receiverFor({ mode: 'sync' });
    let calls = 0;
    receiver.on('user.created', (event) => {
      calls += 1;
      return { is_allowed: false, reason: `blocked ${event.resource_id}` };
    });
    const event = exampleEvent('user.created', 1);
    const first = await receiver.fetch(await signedRequest(event));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      is_allowed: false,
      reason: `blocked ${event.resource_id}`,
    });
    const again = await receiver.fetch(await signedRequest(event));
    expect(again.status).toBe(200);
    expect(again.headers.get('x-hookline-duplicate')).toBe('true');
    expect(await again.json()).toEqual({
      is_allowed: false,
      reason: `blocked ${event.resource_id}`,
    });
    expect(calls).toBe(1);
    expect(await receiver.inspect(event.id)).toMatchObject({ status: 'done' });
  });

  it('passes a Response through, and answers 200 {received:true} when the handler returns nothing', async () => {
    const receiver = receiverFor({ mode: 'sync' });
    receiver.on(
      'user.created',
      () => new Response('nope', { status: 202, headers: { 'content-type': 'text/plain' } }),
    );
    const response = await receiver.fetch(await signedRequest(exampleEvent('user.created', 1)));
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('nope');
    const quiet = receiverFor({ mode: 'sync' });
    const ok = await quiet.fetch(await signedRequest(exampleEvent('user.deleted', 1)));
    expect(await ok.json()).toEqual({ received: true });
  });

  it('answers 500 when the handler throws and runs it again on redelivery', async () => {
    const receiver = receiverFor({ mode: 'sync' });
    let calls = 0;
    receiver.on('mfa.verified', () => {
      calls += 1;
      if (calls === 1) throw new Error('db down');
    });
    const event = exampleEvent('mfa.verified', 1);
    const failed = await receiver.fetch(await signedRequest(event));
    expect(failed.status).toBe(500);
    expect(await errorCode(failed)).toBe('handler_failed');
    const retried = await receiver.fetch(await signedRequest(event));
    expect(retried.status).toBe(200);
    expect(calls).toBe(2);
  });

  it('passes a non-2xx answer of the handler on without recording it: a redelivery runs the handler again', async () => {
    const receiver = receiverFor({ mode: 'sync' });
    let calls = 0;
    receiver.on('mfa.verified', () => {
      calls += 1;
      return calls === 1
        ? new Response('busy', { status: 503, headers: { 'retry-after': '1' } })
        : { ok: true };
    });
    const event = exampleEvent('mfa.verified', 1);
    const busy = await receiver.fetch(await signedRequest(event));
    expect(busy.status).toBe(503);
    expect(await busy.text()).toBe('busy');
    expect(await receiver.inspect(event.id)).toBeUndefined();
    const retried = await receiver.fetch(await signedRequest(event));
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ ok: true });
    expect(calls).toBe(2);
    expect(await receiver.inspect(event.id)).toMatchObject({ status: 'done' });
  });

  it('answers 500 handler_failed (not 503 store_unavailable) when the handler’s answer cannot be serialised, and runs it again on redelivery', async () => {
    const receiver = receiverFor({ mode: 'sync' });
    let calls = 0;
    receiver.on('mfa.verified', () => {
      calls += 1;
      return calls === 1 ? { amount: 10n } : { ok: true };
    });
    const event = exampleEvent('mfa.verified', 1);
    const failed = await receiver.fetch(await signedRequest(event));
    expect(failed.status).toBe(500);
    expect(await errorCode(failed)).toBe('handler_failed');
    const retried = await receiver.fetch(await signedRequest(event));
    expect(retried.status).toBe(200);
    expect(calls).toBe(2);
  });

  it('answers a duplicate with the stored null-body answer (204, 205) instead of 503 store_unavailable', async () => {
    for (const status of [204, 205]) {
      const receiver = receiverFor({ mode: 'sync' });
      let calls = 0;
      receiver.on('user.created', () => {
        calls += 1;
        return new Response(null, { status });
      });
      const event = exampleEvent('user.created', 1);
      const first = await receiver.fetch(await signedRequest(event));
      expect(first.status).toBe(status);
      for (let i = 0; i < 2; i++) {
        const again = await receiver.fetch(await signedRequest(event));
        expect(again.status).toBe(status);
        expect(again.headers.get('x-hookline-duplicate')).toBe('true');
        expect(await again.text()).toBe('');
      }
      expect(calls).toBe(1);
    }
  });

  it('answers 500 (not 503 store_unavailable) when a stored answer cannot be replayed', async () => {
    const store = createMemoryStore();
    const receiver = receiverFor({ mode: 'sync', store });
    const errors: string[] = [];
    receiver.onError((_error, info) => errors.push(info.stage));
    const event = exampleEvent('user.created', 1);
    await insertClaimed(store, event, Date.now(), {
      token: 'earlier',
      leaseUntil: Date.now() + 60_000,
    });
    await store.complete(event.id, 'earlier', Date.now(), 'not json');
    const answer = await receiver.fetch(await signedRequest(event));
    expect(answer.status).toBe(500);
    expect(await errorCode(answer)).toBe('handler_failed');
    expect(errors).not.toContain('store');
  });

  it('answers 409 in_progress with Retry-After (never 2xx) to a duplicate while the first run is still handling it, so a failure of that run is retried', async () => {
    const receiver = receiverFor({ mode: 'sync' });
    let calls = 0;
    let fail!: (error: Error) => void;
    const blocked = new Promise<never>((_, reject) => {
      fail = reject;
    });
    receiver.on('user.created', async () => {
      calls += 1;
      if (calls === 1) await blocked;
      return { is_allowed: true };
    });
    const event = exampleEvent('user.created', 1);
    const first = receiver.fetch(await signedRequest(event));
    await eventually(() => (calls === 1 ? true : undefined), 'the first run to start', 2_000);
    const during = await receiver.fetch(await signedRequest(event));
    expect(during.status).toBe(409);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(await errorCode(during)).toBe('in_progress');
    fail(new Error('db down'));
    expect((await first).status).toBe(500);
    // The sender was never told the event was received, so it retries, and the handler runs.
    const retried = await receiver.fetch(await signedRequest(event));
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ is_allowed: true });
    expect(calls).toBe(2);
  });

  it('takes over an event whose handling request died (lease expired) and runs the handler inline; while the lease holds, answers 409', async () => {
    let current = Date.now();
    const store = createMemoryStore();
    const receiver = receiverFor({
      mode: 'sync',
      store,
      now: () => current,
      worker: { leaseMs: 1_000 },
    });
    let calls = 0;
    receiver.on('user.created', (_event, context) => {
      calls += 1;
      return { is_allowed: true, attempt: context.attempt };
    });
    const event = exampleEvent('user.created', 1);
    // What a process that crashed mid-handler leaves behind: claimed, no answer, no heartbeat.
    await insertClaimed(store, event, current, {
      token: 'dead-process',
      leaseUntil: current + 1_000,
    });
    const signed = () => signedRequest(event, { timestamp: Math.floor(current / 1000) });
    current += 999;
    const early = await receiver.fetch(await signed());
    expect(early.status).toBe(409);
    expect(await errorCode(early)).toBe('in_progress');
    expect(calls).toBe(0);
    current += 1;
    const takenOver = await receiver.fetch(await signed());
    expect(takenOver.status).toBe(200);
    expect(await takenOver.json()).toEqual({ is_allowed: true, attempt: 2 });
    expect(calls).toBe(1);
    expect(await receiver.inspect(event.id)).toMatchObject({ status: 'done', attempts: 2 });
    const again = await receiver.fetch(await signed());
    expect(again.headers.get('x-hookline-duplicate')).toBe('true');
    expect(await again.json()).toEqual({ is_allowed: true, attempt: 2 });
    expect(calls).toBe(1);
  });
});

describe('catch-up', () => {
  it('feeds pulled envelopes through the same dedupe and handlers: push and pull never double-handle', async () => {
    const receiver = receiverFor();
    const handled: string[] = [];
    receiver.onAny((event) => {
      handled.push(event.id);
    });
    const pushed = exampleEvent('payment.failed', 1);
    const missed = exampleEvent('payment.succeeded', 2);
    await receiver.fetch(await signedRequest(pushed));
    async function* pages() {
      yield pushed;
      yield { id: 'evt_bad', event: 'payment.succeeded' };
      yield missed;
    }
    expect(await receiver.catchUp(pages())).toEqual({
      new: 1,
      duplicate: 1,
      invalid: 1,
      failed: 0,
      lastHandled: missed.id,
    });
    await receiver.drain();
    expect(handled.sort()).toEqual([pushed.id, missed.id].sort());
    expect(await receiver.inspect(missed.id)).toMatchObject({ source: 'pull', status: 'done' });
    // A late push of the event catch-up already handled is a duplicate.
    const late = await receiver.fetch(await signedRequest(missed));
    expect(await late.json()).toEqual({ received: true, duplicate: true });
    expect(await receiver.catchUp([pushed, missed])).toEqual({
      new: 0,
      duplicate: 2,
      invalid: 0,
      failed: 0,
      lastHandled: missed.id,
    });
    await receiver.drain();
    expect(handled).toHaveLength(2);
  });

  it('in sync mode stops at an event a push is still handling: never advances lastHandled past it', async () => {
    const receiver = receiverFor({ mode: 'sync' });
    const event = exampleEvent('payment.succeeded', 2);
    const after = exampleEvent('payment.succeeded', 2);
    let fail!: (error: Error) => void;
    const blocked = new Promise<never>((_, reject) => {
      fail = reject;
    });
    const handled: string[] = [];
    receiver.onAny(async (e) => {
      if (e.id === event.id && handled.length === 0) {
        handled.push('started');
        await blocked;
      }
      handled.push(e.id);
    });
    const push = receiver.fetch(await signedRequest(event));
    await eventually(() => (handled.length === 1 ? true : undefined), 'the push to start', 2_000);
    const earlier = exampleEvent('payment.succeeded', 2);
    expect(await receiver.catchUp([earlier, event, after])).toEqual({
      new: 1,
      duplicate: 1,
      invalid: 0,
      failed: 0,
      stoppedAt: event.id,
      lastHandled: earlier.id,
    });
    expect(await receiver.inspect(after.id)).toBeUndefined();
    fail(new Error('downstream failed'));
    expect((await push).status).toBe(500);
    // The push failed and released the event: the next catch-up from lastHandled runs it.
    expect(await receiver.catchUp([event, after])).toMatchObject({
      new: 2,
      lastHandled: after.id,
    });
    expect(handled).toEqual(['started', earlier.id, event.id, after.id]);
  });

  it('runs handlers inline in sync mode and stops at the first failure without consuming the source past it', async () => {
    const receiver = receiverFor({ mode: 'sync' });
    const handled: string[] = [];
    let broken = true;
    receiver.on('user.created', (event) => {
      if (broken && event.resource_id === 'usr_fail') throw new Error('nope');
      handled.push(event.id);
    });
    const good = exampleEvent('user.created', 1);
    const bad = { ...exampleEvent('user.created', 1), resource_id: 'usr_fail' };
    const after = exampleEvent('user.created', 1);
    // A cursor source: what it has yielded, it will not yield again.
    const feed = [good, bad, after];
    let position = 0;
    async function* cursor() {
      while (position < feed.length) {
        const item = feed[position];
        position += 1;
        yield item;
      }
    }
    expect(await receiver.catchUp(cursor())).toEqual({
      new: 1,
      duplicate: 0,
      invalid: 0,
      failed: 1,
      stoppedAt: bad.id,
      lastHandled: good.id,
    });
    expect(handled).toEqual([good.id]);
    // The event after the failure was not consumed, so a later run still gets it.
    expect(position).toBe(2);
    expect(await receiver.inspect(after.id)).toBeUndefined();
    broken = false;
    position = feed.indexOf(bad);
    expect(await receiver.catchUp(cursor())).toEqual({
      new: 2,
      duplicate: 0,
      invalid: 0,
      failed: 0,
      lastHandled: after.id,
    });
    expect(handled).toEqual([good.id, bad.id, after.id]);
  });
});
