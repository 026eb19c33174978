import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTypedClient } from '../src/index.js';
import { type LoopbackServer, startLoopbackServer } from './support/loopback-server.js';
import { paymentsRoute } from './support/payments-route.js';
import type { paths } from './support/test-paths.js';

let server: LoopbackServer;
let validToken: string;
beforeEach(async () => {
  validToken = 'at_2';
  const payments = paymentsRoute();
  server = await startLoopbackServer((req) =>
    req.headers.authorization === `Bearer ${validToken}`
      ? payments(req)
      : { status: 401, body: { status: 401, title: 'Unauthorized', code: 'unauthorized' } },
  );
});
afterEach(() => server.close());

/** A token provider that hands out at_1 until asked to refresh, then at_2, at_3... */
function rotatingTokens() {
  const calls: boolean[] = [];
  let n = 1;
  const provider = async ({ forceRefresh }: { forceRefresh: boolean }) => {
    calls.push(forceRefresh);
    if (forceRefresh) n++;
    return `at_${n}`;
  };
  return { calls, provider };
}

describe('token provider', () => {
  it('is called per attempt; on 401 it is called with forceRefresh and the request retried once', async () => {
    const { calls, provider } = rotatingTokens();
    const c = createTypedClient<paths>({ baseUrl: server.url, token: provider });
    const result = await c.POST('/v1/payments', {
      body: { amount: 5, currency: 'eur' },
      idempotencyKey: null,
    });
    expect(result.status).toBe(201);
    expect(calls).toEqual([false, true]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer at_1',
      'Bearer at_2',
    ]);
  });

  it('a second 401 after the refresh is returned, not retried again', async () => {
    validToken = 'never';
    const { calls, provider } = rotatingTokens();
    const c = createTypedClient<paths>({ baseUrl: server.url, token: provider });
    const result = await c.GET('/v1/payments');
    expect(result).toMatchObject({ ok: false, status: 401, error: { code: 'unauthorized' } });
    expect(calls).toEqual([false, true]);
    expect(server.requests).toHaveLength(2);
  });

  it('a synchronous token string works and is sent as a Bearer token', async () => {
    const c = createTypedClient<paths>({ baseUrl: server.url, token: () => 'at_2' });
    expect((await c.GET('/v1/payments')).status).toBe(200);
  });
});
