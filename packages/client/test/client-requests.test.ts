import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTypedClient, HooklineApiError, isHooklineApiError, unwrap } from '../src/index.js';
import { type LoopbackServer, startLoopbackServer } from './support/loopback-server.js';
import { paymentsRoute } from './support/payments-route.js';
import type { paths } from './support/test-paths.js';

let server: LoopbackServer;
beforeEach(async () => {
  server = await startLoopbackServer(paymentsRoute());
});
afterEach(() => server.close());

const client = () => createTypedClient<paths>({ baseUrl: `${server.url}/`, apiKey: 'sk_test_abc' });

describe('requests against a real loopback server', () => {
  it('GET fills the path template, sends the API key and resolves typed data', async () => {
    const result = await client().GET('/v1/payments/{payment_id}', {
      params: { path: { payment_id: 'pay_2' } },
    });
    expect(result.ok).toBe(true);
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ id: 'pay_2', amount: 200, currency: 'eur', status: 'succeeded' });
    const [req] = server.requests;
    expect(req?.url).toBe('/v1/payments/pay_2');
    expect(req?.headers.authorization).toBe('Bearer sk_test_abc');
    expect(req?.headers.accept).toBe('application/json');
  });

  it('percent-encodes path parameters and serializes query parameters', async () => {
    await client().GET('/v1/payments/{payment_id}', {
      params: { path: { payment_id: 'a/b c' } },
    });
    await client().GET('/v1/payments', {
      params: { query: { limit: 2, status: 'pending' } },
    });
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/payments/a%2Fb%20c',
      '/v1/payments?limit=2&status=pending',
    ]);
  });

  it('POST sends the JSON body and a UUID Idempotency-Key', async () => {
    const result = await client().POST('/v1/payments', {
      body: { amount: 990, currency: 'eur' },
    });
    expect(result.status).toBe(201);
    if (!result.ok) throw new Error('expected success');
    expect(result.data.status).toBe('pending');
    const [req] = server.requests;
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({ amount: 990, currency: 'eur' });
    expect(req?.headers['idempotency-key']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('every POST gets its own Idempotency-Key unless one is given', async () => {
    const c = client();
    await c.POST('/v1/payments', { body: { amount: 1, currency: 'eur' } });
    await c.POST('/v1/payments', { body: { amount: 2, currency: 'eur' } });
    await c.POST('/v1/payments', {
      body: { amount: 3, currency: 'eur' },
      idempotencyKey: 'order-42',
    });
    await c.POST('/v1/payments', { body: { amount: 4, currency: 'eur' }, idempotencyKey: null });
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toBeTypeOf('string');
    expect(keys[1]).toBeTypeOf('string');
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('order-42');
    expect(keys[3]).toBeUndefined();
  });

  it("headers: { 'Idempotency-Key': null } on a POST sends no key and is never retried, like idempotencyKey: null", async () => {
    server.faults.push({ kind: 'answer', status: 503 }, { kind: 'answer', status: 503 });
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: { sleep: async () => {} } });
    const viaHeaders = await c.POST('/v1/payments', {
      body: { amount: 1, currency: 'eur' },
      headers: { 'Idempotency-Key': null },
    });
    const viaParams = await c.POST('/v1/payments', {
      body: { amount: 2, currency: 'eur' },
      params: { header: { 'idempotency-key': null } } as never,
    });
    expect([viaHeaders.status, viaParams.status]).toEqual([503, 503]);
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('header parameters are sent, and an Idempotency-Key given there is the one reused on retries', async () => {
    server.faults.push({ kind: 'answer', status: 503 });
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: { sleep: async () => {} } });
    const result = await c.POST('/v1/payments', {
      params: { header: { 'Idempotency-Key': 'from-params' } },
      body: { amount: 1, currency: 'eur' },
    });
    expect(result.status).toBe(201);
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual([
      'from-params',
      'from-params',
    ]);
  });

  it("a client-wide Idempotency-Key header is kept on a POST; the request's headers or idempotencyKey replace or remove it", async () => {
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      headers: { 'Idempotency-Key': 'client-wide' },
    });
    const body = { amount: 1, currency: 'eur' };
    await c.POST('/v1/payments', { body });
    await c.POST('/v1/payments', { body, headers: { 'idempotency-key': 'per-request' } });
    await c.POST('/v1/payments', { body, headers: { 'Idempotency-Key': null } });
    await c.POST('/v1/payments', { body, idempotencyKey: 'option' });
    await c.POST('/v1/payments', { body, idempotencyKey: null });
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual([
      'client-wide',
      'per-request',
      undefined,
      'option',
      undefined,
    ]);
  });

  it('GET and PATCH send no Idempotency-Key by default', async () => {
    const c = client();
    await c.GET('/v1/payments');
    await c.PATCH('/v1/payments/{payment_id}', {
      params: { path: { payment_id: 'pay_1' } },
      body: { description: 'x' },
    });
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('DELETE with a 204 resolves ok with undefined data', async () => {
    const result = await client().DELETE('/v1/payments/{payment_id}', {
      params: { path: { payment_id: 'pay_1' } },
    });
    expect(result).toMatchObject({ ok: true, status: 204, data: undefined });
  });

  it('an error status resolves { ok: false, error } with the problem body, narrowed by status', async () => {
    const result = await client().GET('/v1/payments/{payment_id}', {
      params: { path: { payment_id: 'pay_404' } },
    });
    expect(result.ok).toBe(false);
    if (result.status === 404) {
      expect(result.error.code).toBe('not_found');
      expect(result.error.resource_id).toBe('pay_404');
      expect(result.error.status).toBe(404);
    } else {
      throw new Error(`expected 404, got ${result.status}`);
    }
  });

  it('a non-JSON error body becomes a problem with the status and the text as detail', async () => {
    server.faults.push({
      kind: 'answer',
      status: 418,
      body: 'short and stout',
      headers: { 'content-type': 'text/plain' },
    });
    const result = await client().GET('/v1/payments');
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ status: 418, detail: 'short and stout' });
  });

  it('unwrap returns data, and throws HooklineApiError with code, status, problem and requestId', async () => {
    const c = client();
    const payment = await unwrap(
      c.GET('/v1/payments/{payment_id}', { params: { path: { payment_id: 'pay_3' } } }),
    );
    expect(payment.amount).toBe(300);
    const error = await unwrap(
      c.GET('/v1/payments/{payment_id}', { params: { path: { payment_id: 'pay_9' } } }),
    ).catch((e: unknown) => e);
    expect(isHooklineApiError(error)).toBe(true);
    expect(error).toBeInstanceOf(HooklineApiError);
    expect(error).toMatchObject({
      code: 'not_found',
      status: 404,
      requestId: 'req_404',
      problem: { detail: 'No payment pay_9' },
    });
    expect((error as Error).message).toContain('404 not_found: No payment pay_9');
  });

  it("the error's requestId comes from the problem's request_id (as the Hookline API sends it)", async () => {
    server.faults.push({
      kind: 'answer',
      status: 404,
      body: { status: 404, title: 'Not found', code: 'not_found', request_id: 'req_body_7' },
    });
    const error = await unwrap(
      client().GET('/v1/payments/{payment_id}', { params: { path: { payment_id: 'x' } } }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not_found', requestId: 'req_body_7' });
  });

  it('a missing path parameter fails before sending, with code invalid_request', async () => {
    const error = await client()
      // biome-ignore lint/suspicious/noExplicitAny: deliberately bypassing the types to test the runtime check
      .GET('/v1/payments/{payment_id}', { params: { path: {} } } as any)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect(server.requests).toHaveLength(0);
  });

  it('a Date in the query is sent as its ISO 8601 string', async () => {
    const since = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    await client().GET('/v1/payments', {
      // biome-ignore lint/suspicious/noExplicitAny: the test paths declare no date parameter
      params: { query: { since, between: [since, new Date(0)], limit: 2 } } as any,
    });
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/payments?since=2026-01-02T03%3A04%3A05.000Z&between=2026-01-02T03%3A04%3A05.000Z&between=1970-01-01T00%3A00%3A00.000Z&limit=2',
    ]);
  });

  it('an object in the query fails before sending, with invalid_request, not as [object Object]', async () => {
    const error = await client()
      // biome-ignore lint/suspicious/noExplicitAny: deliberately bypassing the types to test the runtime check
      .GET('/v1/payments', { params: { query: { created: { gte: 1 } } } } as any)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'HooklineApiError', code: 'invalid_request' });
    expect((error as Error).message).toBe(
      'Query parameter "created" of /v1/payments is an object, which has no URL form; pass a string, number, boolean or Date (or an array of them), e.g. JSON.stringify it or spread its fields into separate parameters',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('headers: client defaults, per-request overrides, and null removes a header', async () => {
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      apiKey: 'sk_test_abc',
      headers: { 'X-Trace': 'client' },
    });
    await c.GET('/v1/payments', { headers: { 'x-trace': 'request', Accept: null } });
    const [req] = server.requests;
    expect(req?.headers['x-trace']).toBe('request');
    expect(req?.headers.accept).toBe('*/*');
  });

  it('onRequest can change headers, onResponse sees every response', async () => {
    const statuses: number[] = [];
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      onRequest: (req) => {
        req.headers['x-attempt'] = String(req.attempt);
      },
      onResponse: (res) => {
        statuses.push(res.status);
        return undefined;
      },
      retry: { sleep: async () => {} },
    });
    server.faults.push({ kind: 'answer', status: 503 });
    await c.GET('/v1/payments');
    expect(server.requests.map((r) => r.headers['x-attempt'])).toEqual(['1', '2']);
    expect(statuses).toEqual([503, 200]);
  });

  it('an error thrown by onResponse propagates as is and is not retried', async () => {
    const boom = new Error('hook failed');
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      onResponse: () => {
        throw boom;
      },
    });
    await expect(c.GET('/v1/payments')).rejects.toBe(boom);
    expect(server.requests).toHaveLength(1);
  });

  it('an injected fetch is used instead of the global one', async () => {
    const seen: string[] = [];
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      fetch: (url, init) => {
        seen.push(`${init.method} ${url}`);
        return fetch(url, init);
      },
    });
    await c.GET('/v1/payments');
    expect(seen).toEqual([`GET ${server.url}/v1/payments`]);
  });

  it('validateResponses rejects a body that fails the validator with invalid_response', async () => {
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      validateResponses: ({ body }) => {
        if (typeof body === 'object' && body && 'amount' in body && body.amount === 200)
          throw new Error('amount must not be 200');
        return body;
      },
    });
    const ok = await c.GET('/v1/payments/{payment_id}', {
      params: { path: { payment_id: 'pay_1' } },
    });
    expect(ok.ok).toBe(true);
    const error = await c
      .GET('/v1/payments/{payment_id}', { params: { path: { payment_id: 'pay_2' } } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_response', status: 200 });
    expect((error as Error).cause).toMatchObject({ message: 'amount must not be 200' });
  });
});
