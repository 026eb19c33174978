import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTypedClient, isRetryableStatus, type RetryOptions } from '../src/index.js';
import { MAX_TIMER_MS, retryDelay, sleep } from '../src/retry-delay.js';
import { type LoopbackServer, startLoopbackServer } from './support/loopback-server.js';
import { paymentsRoute } from './support/payments-route.js';
import type { paths } from './support/test-paths.js';

let server: LoopbackServer;
let waits: number[];
beforeEach(async () => {
  server = await startLoopbackServer(paymentsRoute());
  waits = [];
});
afterEach(() => server.close());

/** A client whose waits are recorded instead of slept, with jitter pinned to the midpoint. */
const client = (retry: RetryOptions = {}) =>
  createTypedClient<paths>({
    baseUrl: server.url,
    apiKey: 'sk_test_abc',
    retry: {
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
      },
      ...retry,
    },
  });

const create = { amount: 1234, currency: 'eur', description: 'naïve café ☕' };

describe('retries', () => {
  it('retries a POST through 503, a connection reset and 429, re-sending identical body bytes and key', async () => {
    server.faults.push(
      { kind: 'answer', status: 503 },
      { kind: 'reset' },
      { kind: 'answer', status: 429 },
    );
    const result = await client({ maxRetries: 3 }).POST('/v1/payments', { body: create });
    expect(result.status).toBe(201);
    expect(server.requests).toHaveLength(4);
    const bodies = new Set(server.requests.map((r) => r.body));
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0] ?? '')).toEqual(create);
    const keys = new Set(server.requests.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBeTypeOf('string');
  });

  it('gives up after maxRetries (default 2) and resolves the last error response', async () => {
    server.faults.push(
      { kind: 'answer', status: 500 },
      { kind: 'answer', status: 502 },
      { kind: 'answer', status: 503 },
      { kind: 'answer', status: 504 },
    );
    const result = await client().GET('/v1/payments');
    expect(server.requests).toHaveLength(3);
    expect(result).toMatchObject({ ok: false, status: 503 });
  });

  it('waits with exponential backoff and full jitter: random * min(cap, base * 2^n)', async () => {
    for (let i = 0; i < 5; i++) server.faults.push({ kind: 'answer', status: 500 });
    await client({ maxRetries: 5, baseDelayMs: 1000, maxDelayMs: 5000 }).GET('/v1/payments');
    // random() = 0.5: 0.5 * [1000, 2000, 4000, 5000 (capped), 5000]
    expect(waits).toEqual([500, 1000, 2000, 2500, 2500]);
  });

  it('retries 408 and a 409 with Retry-After but not other 4xx', async () => {
    server.faults.push(
      { kind: 'answer', status: 408 },
      { kind: 'answer', status: 409, headers: { 'retry-after': '0' } },
    );
    expect((await client().GET('/v1/payments')).status).toBe(200);
    expect(server.requests).toHaveLength(3);
    server.faults.push({ kind: 'answer', status: 400, body: { status: 400, title: 'Bad' } });
    expect((await client().GET('/v1/payments')).status).toBe(400);
    expect(server.requests).toHaveLength(4);
  });

  it('does not retry a 409 without Retry-After: a business-rule conflict is replayed, not resolved', async () => {
    const conflict = {
      type: 'https://hookline.dev/problems/conflict',
      title: 'Conflict',
      status: 409,
      code: 'conflict',
      detail: 'The session is not open',
    };
    server.faults.push({ kind: 'answer', status: 409, body: conflict });
    const result = await client().POST('/v1/payments', { body: create, idempotencyKey: 'k-409' });
    expect(result).toMatchObject({ ok: false, status: 409, error: { code: 'conflict' } });
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    // The same holds for a method that is always retried.
    server.faults.push({ kind: 'answer', status: 409, body: conflict });
    expect((await client().GET('/v1/payments')).status).toBe(409);
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([]);
  });

  it('retries a 409 with Retry-After (idempotency_key_in_use), waiting as asked and reusing the key', async () => {
    server.faults.push({
      kind: 'answer',
      status: 409,
      headers: { 'retry-after': '2' },
      body: { title: 'Conflict', status: 409, code: 'idempotency_key_in_use' },
    });
    const result = await client().POST('/v1/payments', { body: create, idempotencyKey: 'k-busy' });
    expect(result.status).toBe(201);
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([2000]);
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['k-busy', 'k-busy']);
  });

  it('isRetryableStatus: 409 only with Retry-After; 408, 429 and 5xx always; other 4xx never', () => {
    expect(isRetryableStatus(409)).toBe(false);
    expect(isRetryableStatus(409, new Headers())).toBe(false);
    expect(isRetryableStatus(409, new Headers({ 'Retry-After': '1' }))).toBe(true);
    for (const status of [408, 429, 500, 502, 503, 504])
      expect(isRetryableStatus(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 422]) {
      expect(isRetryableStatus(status, new Headers({ 'retry-after': '1' }))).toBe(false);
    }
  });

  it('does not retry a POST whose idempotency key was overridden to null', async () => {
    server.faults.push({ kind: 'answer', status: 503 });
    const result = await client().POST('/v1/payments', { body: create, idempotencyKey: null });
    expect(result.status).toBe(503);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it('does not retry a POST without key after a connection reset; throws network_error', async () => {
    server.faults.push({ kind: 'reset' });
    const error = await client()
      .POST('/v1/payments', { body: create, idempotencyKey: null })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'HooklineApiError', code: 'network_error' });
    expect((error as Error).message).toContain(
      'POST /v1/payments failed before a response arrived',
    );
    expect((error as Error).message).toContain('check baseUrl and that the API is reachable');
    expect(server.requests).toHaveLength(1);
  });

  it('retries PATCH only when it carries an idempotency key; DELETE always', async () => {
    const c = client();
    const patch = { params: { path: { payment_id: 'pay_1' } }, body: { description: 'd' } };
    server.faults.push({ kind: 'answer', status: 503 });
    expect((await c.PATCH('/v1/payments/{payment_id}', patch)).status).toBe(503);
    server.faults.push({ kind: 'answer', status: 503 });
    const keyed = await c.PATCH('/v1/payments/{payment_id}', { ...patch, idempotencyKey: 'k1' });
    expect(keyed.status).toBe(200);
    server.faults.push({ kind: 'answer', status: 503 });
    const deleted = await c.DELETE('/v1/payments/{payment_id}', {
      params: { path: { payment_id: 'pay_1' } },
    });
    expect(deleted.status).toBe(204);
    expect(server.requests.map((r) => r.method)).toEqual([
      'PATCH',
      'PATCH',
      'PATCH',
      'DELETE',
      'DELETE',
    ]);
    expect(server.requests[2]?.headers['idempotency-key']).toBe('k1');
  });

  it('honours Retry-After in seconds', async () => {
    server.faults.push({ kind: 'answer', status: 429, headers: { 'retry-after': '3' } });
    expect((await client().GET('/v1/payments')).status).toBe(200);
    expect(waits).toEqual([3000]);
  });

  it('a Retry-After of 0 does not cut the backoff short: clients do not retry in lockstep', async () => {
    server.faults.push({ kind: 'answer', status: 503, headers: { 'retry-after': '0' } });
    expect((await client({ baseDelayMs: 1000 }).GET('/v1/payments')).status).toBe(200);
    expect(waits).toEqual([500]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 20_000).toUTCString();
    server.faults.push({ kind: 'answer', status: 503, headers: { 'retry-after': at } });
    expect((await client().GET('/v1/payments')).status).toBe(200);
    expect(waits).toHaveLength(1);
    // An HTTP date has second precision; the wait is what remains until then.
    expect(waits[0]).toBeGreaterThan(18_000);
    expect(waits[0]).toBeLessThanOrEqual(20_000);
  });

  it('honours RateLimit-Reset and the structured RateLimit header', async () => {
    server.faults.push(
      { kind: 'answer', status: 429, headers: { 'ratelimit-reset': '7' } },
      { kind: 'answer', status: 429, headers: { ratelimit: 'limit=100, remaining=0, reset=4' } },
    );
    expect((await client().GET('/v1/payments')).status).toBe(200);
    expect(waits).toEqual([7000, 4000]);
  });

  it('RateLimit headers on a 5xx with quota left do not replace the backoff', async () => {
    server.faults.push({
      kind: 'answer',
      status: 503,
      headers: { 'ratelimit-reset': '50', 'ratelimit-remaining': '99' },
    });
    expect((await client({ baseDelayMs: 1000 }).GET('/v1/payments')).status).toBe(200);
    expect(waits).toEqual([500]);
  });

  it.each([429, 409])(
    'stops retrying a %i when the server asks for a longer wait than maxRetryAfterMs',
    async (status) => {
      server.faults.push({ kind: 'answer', status, headers: { 'retry-after': '120' } });
      const result = await client({ maxRetryAfterMs: 60_000 }).GET('/v1/payments');
      expect(result.status).toBe(status);
      expect(server.requests).toHaveLength(1);
      expect(waits).toEqual([]);
    },
  );

  it.each(['0x10', '1e3', '-1', '1.5', '5, 10', ' 5 s', 'Infinity'])(
    'a Retry-After of %j is not a wait: the backoff applies',
    async (value) => {
      server.faults.push({ kind: 'answer', status: 503, headers: { 'retry-after': value } });
      const result = await client({ baseDelayMs: 1000 }).GET('/v1/payments');
      expect(result.status).toBe(200);
      expect(server.requests).toHaveLength(2);
      // random() = 0.5 of base 1000; not 16 s, 1000 s (which ended retrying), 0 or a 2001 date.
      expect(waits).toEqual([500]);
    },
  );

  it('no backoff delay goes above what a timer holds, even with maxDelayMs: Infinity', async () => {
    server.faults.push({ kind: 'answer', status: 503 });
    await client({ baseDelayMs: 2 ** 32, maxDelayMs: Number.POSITIVE_INFINITY }).GET(
      '/v1/payments',
    );
    expect(waits).toEqual([Math.floor(0.5 * MAX_TIMER_MS)]);
  });

  it('maxRetries per request overrides the client setting', async () => {
    server.faults.push({ kind: 'answer', status: 500 }, { kind: 'answer', status: 500 });
    expect((await client().GET('/v1/payments', { maxRetries: 0 })).status).toBe(500);
    expect(server.requests).toHaveLength(1);
  });
});

describe('retryDelay', () => {
  const now = Date.UTC(2026, 2, 13, 17, 0, 0);
  const answer = (headers: Record<string, string>, status = 503) => ({
    status,
    headers: new Headers(headers),
  });
  const options: RetryOptions = { random: () => 0.5, baseDelayMs: 1000, maxDelayMs: 8000 };

  it('is the backoff for that retry when the server names no wait', () => {
    expect([0, 1, 2, 3, 4].map((n) => retryDelay(answer({}), n, options, now))).toEqual([
      500, 1000, 2000, 4000, 4000,
    ]);
  });

  it('a Retry-After of 0 or a past date does not cut the backoff (no retries in lockstep)', () => {
    expect(retryDelay(answer({ 'retry-after': '0' }), 2, options, now)).toBe(2000);
    const past = new Date(now - 60_000).toUTCString();
    expect(retryDelay(answer({ 'retry-after': past }), 1, options, now)).toBe(1000);
    expect(retryDelay(answer({ 'ratelimit-reset': '0' }, 429), 0, options, now)).toBe(500);
  });

  it('a longer server wait replaces the backoff', () => {
    expect(retryDelay(answer({ 'retry-after': '3' }), 0, options, now)).toBe(3000);
    const later = new Date(now + 20_000).toUTCString();
    expect(retryDelay(answer({ 'retry-after': later }), 0, options, now)).toBe(20_000);
  });

  it('is undefined (stop retrying) when the server asks for more than maxRetryAfterMs', () => {
    const twoMinutes = answer({ 'retry-after': '120' });
    expect(retryDelay(twoMinutes, 0, { ...options, maxRetryAfterMs: 60_000 }, now)).toBeUndefined();
    expect(retryDelay(twoMinutes, 0, options, now)).toBeUndefined(); // default 60 s
    expect(retryDelay(twoMinutes, 0, { ...options, maxRetryAfterMs: 120_000 }, now)).toBe(120_000);
  });

  it('a non-finite maxRetryAfterMs never lets a wait past a timer through (it would fire in 1 ms)', () => {
    const thirtyDays = answer({ 'retry-after': String(30 * 24 * 3600) });
    const anyWait = { ...options, maxRetryAfterMs: Number.POSITIVE_INFINITY };
    expect(retryDelay(thirtyDays, 0, anyWait, now)).toBeUndefined();
    const huge = answer({ 'retry-after': '9'.repeat(400) }); // Number() reads it as Infinity
    expect(retryDelay(huge, 0, anyWait, now)).toBeUndefined();
    const nan = { ...options, maxRetryAfterMs: Number.NaN };
    expect(retryDelay(answer({ 'retry-after': '1' }), 0, nan, now)).toBeUndefined();
    const day = answer({ 'retry-after': String(24 * 3600) });
    expect(retryDelay(day, 0, anyWait, now)).toBe(24 * 3600 * 1000);
  });
});

describe('sleep', () => {
  // Fake timers model the overflow: a delay above 2^31 - 1 ms fires after 1 ms, as in Node.
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a wait longer than a timer holds is not cut to 1 ms', async () => {
    let done = false;
    void sleep(MAX_TIMER_MS + 5000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(4000);
    expect(done).toBe(true);
  });

  it('Infinity waits until the signal aborts', async () => {
    const controller = new AbortController();
    let settled = false;
    const pending = sleep(Number.POSITIVE_INFINITY, controller.signal).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(3 * MAX_TIMER_MS);
    expect(settled).toBe(false);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
