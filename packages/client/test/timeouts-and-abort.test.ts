import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTypedClient, HooklineApiError } from '../src/index.js';
import { type LoopbackServer, startLoopbackServer } from './support/loopback-server.js';
import { paymentsRoute } from './support/payments-route.js';
import type { paths } from './support/test-paths.js';

let server: LoopbackServer;
beforeEach(async () => {
  server = await startLoopbackServer(paymentsRoute());
});
afterEach(() => server.close());

const noWait = { sleep: async () => {} };

/**
 * Aborts once the server holds the request. A fixed delay raced the connection: on a loaded
 * machine the abort could land before the request arrived, and the test saw no request.
 */
async function abortWhenArrived(controller: AbortController) {
  while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
  controller.abort();
}

describe('timeouts and abort', () => {
  it('a slow response times out with code timeout when retries are exhausted', async () => {
    server.faults.push({ kind: 'delay', ms: 2000 });
    const c = createTypedClient<paths>({ baseUrl: server.url, timeoutMs: 50, retry: noWait });
    const error = await c.GET('/v1/payments', { maxRetries: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HooklineApiError);
    expect(error).toMatchObject({ code: 'timeout' });
    expect((error as Error).message).toContain('within 50 ms');
  });

  it('a timeout is retried like a network error, and the retry succeeds', async () => {
    server.faults.push({ kind: 'delay', ms: 10_000 });
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: noWait });
    // Generous enough that the healthy retry never times out on a loaded machine (500 ms was
    // not, with every package's suite and an embedded Postgres sharing two cores).
    const result = await c.GET('/v1/payments', { timeoutMs: 2000 });
    expect(result.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('the timeout covers a body that stalls after the headers', async () => {
    server.faults.push({ kind: 'slow-body', ms: 2000 });
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: noWait });
    const error = await c.GET('/v1/payments', { timeoutMs: 50, maxRetries: 0 }).catch((e) => e);
    expect(error).toMatchObject({ code: 'timeout' });
  });

  it("the caller's abort ends the request with code aborted and is not retried", async () => {
    server.faults.push({ kind: 'delay', ms: 2000 });
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: noWait });
    const controller = new AbortController();
    const pending = c.GET('/v1/payments', { signal: controller.signal, timeoutMs: 5000 });
    void abortWhenArrived(controller);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'aborted' });
    expect(server.requests).toHaveLength(1);
  });

  it('with timeoutMs 0 the caller signal alone still aborts the request', async () => {
    server.faults.push({ kind: 'delay', ms: 2000 });
    const c = createTypedClient<paths>({ baseUrl: server.url, timeoutMs: 0, retry: noWait });
    const controller = new AbortController();
    const pending = c.GET('/v1/payments', { signal: controller.signal });
    void abortWhenArrived(controller);
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    expect(server.requests).toHaveLength(1);
  });

  it('an already-aborted signal fails without sending', async () => {
    const c = createTypedClient<paths>({ baseUrl: server.url });
    const error = await c
      .GET('/v1/payments', { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'aborted' });
    expect(server.requests).toHaveLength(0);
  });

  it('an abort during the wait between retries ends the request with code aborted', async () => {
    server.faults.push({ kind: 'answer', status: 503 });
    const controller = new AbortController();
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      retry: {
        sleep: async () => {
          controller.abort();
        },
      },
    });
    const error = await c.GET('/v1/payments', { signal: controller.signal }).catch((e) => e);
    expect(error).toMatchObject({ code: 'aborted' });
    expect(server.requests).toHaveLength(1);
  });

  it('the default sleep rejects as soon as the signal aborts', async () => {
    server.faults.push({ kind: 'answer', status: 503, headers: { 'retry-after': '30' } });
    const controller = new AbortController();
    const c = createTypedClient<paths>({ baseUrl: server.url });
    const pending = c.GET('/v1/payments', { signal: controller.signal });
    void abortWhenArrived(controller);
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
  });

  it('onError sees each failed attempt', async () => {
    server.faults.push({ kind: 'reset' }, { kind: 'reset' });
    const codes: string[] = [];
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      retry: noWait,
      onError: (error) => codes.push(error.code),
    });
    expect((await c.GET('/v1/payments')).status).toBe(200);
    expect(codes).toEqual(['network_error', 'network_error']);
  });

  it('the timeout on a body that stalls keeps the status of the response that did arrive', async () => {
    // The headers come at once, the body 10 s later: a deadline of 1 s falls between them even
    // on a loaded machine (with 50 ms the headers did not always arrive first).
    server.faults.push({ kind: 'slow-body', ms: 10_000 });
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: noWait });
    const error = await c.GET('/v1/payments', { timeoutMs: 1000, maxRetries: 0 }).catch((e) => e);
    expect(error).toMatchObject({ code: 'timeout', status: 200 });
    expect((error as Error).message).toMatch(/answered 200 but its body did not complete/);
  });
});

describe('a body cut off after the headers arrived', () => {
  it('is a network_error that keeps the status and request id and says the body was cut off', async () => {
    server.faults.push({ kind: 'cut-body', status: 200 });
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: noWait });
    const error = await c.GET('/v1/payments', { maxRetries: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HooklineApiError);
    expect(error).toMatchObject({ code: 'network_error', status: 200, requestId: 'req_cut' });
    expect((error as Error).message).toContain('answered 200 but the body was cut off');
    expect((error as Error).message).not.toContain('before a response arrived');
  });

  it('is retried for a GET and for a POST with an Idempotency-Key, as a network error is', async () => {
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: noWait });
    server.faults.push({ kind: 'cut-body' });
    expect((await c.GET('/v1/payments')).status).toBe(200);
    server.faults.push({ kind: 'cut-body', status: 201 });
    expect((await c.POST('/v1/payments', { body: { amount: 1, currency: 'eur' } })).status).toBe(
      201,
    );
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST', 'POST']);
  });

  it('is not retried for a POST without an Idempotency-Key (it may have been applied)', async () => {
    server.faults.push({ kind: 'cut-body', status: 201 });
    const c = createTypedClient<paths>({ baseUrl: server.url, retry: noWait });
    const error = await c
      .POST('/v1/payments', { body: { amount: 1, currency: 'eur' }, idempotencyKey: null })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'network_error', status: 201, requestId: 'req_cut' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('timeoutMs covers the token provider and onRequest', () => {
  it('a token provider that never settles ends in code timeout, and nothing is sent', async () => {
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      retry: noWait,
      timeoutMs: 50,
      token: () => new Promise<string>(() => {}),
    });
    const error = await c.GET('/v1/payments').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HooklineApiError);
    expect(error).toMatchObject({ code: 'timeout' });
    expect((error as Error).message).toContain('token provider');
    expect(server.requests).toHaveLength(0);
  });

  it('an onRequest hook that never settles ends in code timeout, and nothing is sent', async () => {
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      retry: noWait,
      onRequest: () => new Promise<void>(() => {}),
    });
    const error = await c.GET('/v1/payments', { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'timeout' });
    expect((error as Error).message).toContain('onRequest');
    expect(server.requests).toHaveLength(0);
  });

  it("the caller's abort still wins over the deadline while the token provider works", async () => {
    const controller = new AbortController();
    const c = createTypedClient<paths>({
      baseUrl: server.url,
      retry: noWait,
      timeoutMs: 60_000,
      token: () => new Promise<string>(() => {}),
    });
    const pending = c.GET('/v1/payments', { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(await pending).toMatchObject({ code: 'aborted' });
  });
});
