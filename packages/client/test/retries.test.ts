import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTypedClient, isRetryableStatus, type RetryOptions } from '../src/index.js';
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

  it('maxRetries per request overrides the client setting', async () => {
    server.faults.push({ kind: 'answer', status: 500 }, { kind: 'answer', status: 500 });
    expect((await client().GET('/v1/payments', { maxRetries: 0 })).status).toBe(500);
    expect(server.requests).toHaveLength(1);
  });
});
