import type { components } from '@hookline/openapi';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, isHooklineApiError, unwrap } from '../src/index.js';
import { validateWithContracts } from '../src/validate/index.js';
import {
  documentedExample,
  type ExampleRouteOptions,
  exampleRoute,
} from './support/example-route.js';
import { type LoopbackServer, startLoopbackServer } from './support/loopback-server.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(route: ExampleRouteOptions = {}, validate = false) {
  server = await startLoopbackServer(exampleRoute(route));
  const client = createClient({
    baseUrl: server.url,
    apiKey: 'sk_test_example',
    retry: { sleep: async () => {} },
    ...(validate ? { validateResponses: validateWithContracts() } : {}),
  });
  return { server, client };
}

const example = (operationId: string, status: number) =>
  documentedExample(operationId, status).example;

describe('createClient against a server answering from the OpenAPI document', () => {
  it('GET a payment resolves the documented example', async () => {
    const { client, server } = await setup();
    const result = await client.GET('/v1/payments/{payment_id}', {
      params: { path: { payment_id: 'pay_3MtwBwLkdIwHu7ix' } },
    });
    expect(result.ok).toBe(true);
    expect(result.data).toEqual(example('getPayment', 200));
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk_test_example');
  });

  it('a documented 404 narrows to the not_found problem; unwrap throws it typed', async () => {
    const { client } = await setup({ force: { getPayment: 404 } });
    const init = { params: { path: { payment_id: 'pay_missing' } } };
    const result = await client.GET('/v1/payments/{payment_id}', init);
    if (result.status !== 404) throw new Error(`expected 404, got ${result.status}`);
    expect(result.error).toEqual(example('getPayment', 404));
    expect(result.error.code).toBe('not_found');
    const error = await unwrap(client.GET('/v1/payments/{payment_id}', init)).catch((e) => e);
    expect(isHooklineApiError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'not_found', status: 404, requestId: 'req_example' });
  });

  it('a missing API key gets the documented 401', async () => {
    server = await startLoopbackServer(exampleRoute());
    const client = createClient({ baseUrl: server.url });
    const result = await client.GET('/v1/account');
    expect(result).toMatchObject({ ok: false, status: 401, error: { code: 'unauthorized' } });
  });

  it('a 429 from the API is retried, then the documented answer arrives', async () => {
    const { client, server } = await setup();
    server.faults.push({
      kind: 'answer',
      status: 429,
      headers: { 'retry-after': '1' },
      body: example('listEvents', 429),
    });
    const result = await client.GET('/v1/events');
    expect(result.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });
});

describe('webhooks helpers', () => {
  it('createEndpoint POSTs the body with an Idempotency-Key and resolves the endpoint with its secret', async () => {
    const { client, server } = await setup();
    const body: components['schemas']['CreateWebhookEndpointRequest'] = {
      url: 'https://shop.example/webhooks',
      enabled_events: ['payment.*'],
    };
    const result = await client.webhooks.createEndpoint(body);
    expect(result.status).toBe(201);
    expect(result.data).toEqual(example('createWebhookEndpoint', 201));
    if (result.ok) expect(result.data.secret).toMatch(/^whsec_/);
    const [req] = server.requests;
    expect(`${req?.method} ${req?.url}`).toBe('POST /v1/webhook_endpoints');
    expect(JSON.parse(req?.body ?? '')).toEqual(body);
    expect(req?.headers['idempotency-key']).toBeTypeOf('string');
  });

  it('listEndpoints walks every page', async () => {
    const { client, server } = await setup({ listSize: 5 });
    const ids: string[] = [];
    for await (const endpoint of client.webhooks.listEndpoints({ limit: 2 })) ids.push(endpoint.id);
    const first = (example('listWebhookEndpoints', 200) as { data: { id: string }[] }).data[0]?.id;
    expect(ids).toEqual([1, 2, 3, 4, 5].map((n) => `${first}_${n}`));
    expect(server.requests).toHaveLength(3);
  });

  it('rotateSecret, sendTestEvent and retryDelivery hit their operations', async () => {
    const { client, server } = await setup();
    const rotated = await client.webhooks.rotateSecret('we_1', { grace_period_seconds: 3600 });
    expect(rotated.data).toEqual(example('rotateWebhookEndpointSecret', 200));
    const test = await client.webhooks.sendTestEvent('we_1', { event: 'payment.succeeded' });
    expect(test.status).toBe(202);
    const retried = await client.webhooks.retryDelivery('dlv_9', { idempotencyKey: 'retry-dlv_9' });
    expect(retried.data).toEqual(example('retryDelivery', 202));
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      'POST /v1/webhook_endpoints/we_1/rotate_secret {"grace_period_seconds":3600}',
      'POST /v1/webhook_endpoints/we_1/test {"event":"payment.succeeded"}',
      'POST /v1/deliveries/dlv_9/retry ',
    ]);
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('retry-dlv_9');
  });

  it('listDeliveries filters by status and stops at the item limit', async () => {
    const { client, server } = await setup({ listSize: 9 });
    const deliveries = [];
    for await (const d of client.webhooks.listDeliveries(
      'we_1',
      { status: 'failed', limit: 4 },
      { limit: 6 },
    ))
      deliveries.push(d);
    expect(deliveries).toHaveLength(6);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/webhook_endpoints/we_1/deliveries?status=failed&limit=4',
      `/v1/webhook_endpoints/we_1/deliveries?status=failed&limit=4&starting_after=${deliveries[3]?.id}`,
    ]);
  });
});

describe('eventsSince (the catch-up source)', () => {
  it('yields the events after the cursor, across pages, as an async iterable', async () => {
    const { client, server } = await setup({ listSize: 7 });
    const first = (example('listEvents', 200) as { data: { id: string }[] }).data[0]?.id;
    const seen: string[] = [];
    for await (const event of client.eventsSince(`${first}_2`, { pageSize: 2 }))
      seen.push(event.id);
    expect(seen).toEqual([3, 4, 5, 6, 7].map((n) => `${first}_${n}`));
    expect(server.requests[0]?.url).toBe(`/v1/events?starting_after=${first}_2&limit=2`);
    expect(server.requests).toHaveLength(3);
  });

  it('starts from the first event without a cursor, and can filter by type', async () => {
    const { client, server } = await setup({ listSize: 3 });
    const events = [];
    for await (const event of client.eventsSince(null, { type: 'payment.*' })) events.push(event);
    expect(events).toHaveLength(3);
    expect(server.requests[0]?.url).toBe('/v1/events?type=payment.*');
  });
});

describe('@hookline/client/validate', () => {
  it('accepts every documented example it is answered', async () => {
    const { client } = await setup({}, true);
    expect((await client.GET('/v1/account')).ok).toBe(true);
    expect((await client.GET('/v1/events')).ok).toBe(true);
    const notFound = await setup({ force: { getEvent: 404 } }, true);
    const r = await notFound.client.GET('/v1/events/{event_id}', {
      params: { path: { event_id: 'evt_x' } },
    });
    expect(r.status).toBe(404);
  });

  it('rejects a body that breaks the contract with invalid_response and the ZodError as cause', async () => {
    const { client, server } = await setup({}, true);
    const payment = example('getPayment', 200) as Record<string, unknown>;
    server.faults.push({ kind: 'answer', status: 200, body: { ...payment, amount: 'lots' } });
    const error = await client
      .GET('/v1/payments/{payment_id}', { params: { path: { payment_id: 'pay_1' } } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_response', status: 200 });
    expect((error as Error).cause).toMatchObject({ name: 'ZodError' });
  });

  describe('an error body the strict Problem schema refuses keeps what the API sent', () => {
    const bodies = {
      // RFC 9457 makes every member optional; this one has no detail.
      'without detail': {
        type: 'https://hookline.dev/problems/not_found',
        title: 'Not Found',
        status: 404,
        code: 'not_found',
        request_id: 'req_body',
      },
      // A code added to the API after this client was built.
      'with a code this client does not know': {
        type: 'https://hookline.dev/problems/payment_archived',
        title: 'Gone',
        status: 404,
        detail: 'pay_1 was archived',
        code: 'payment_archived',
        request_id: 'req_body',
        archived_at: '2026-01-01T00:00:00Z',
      },
    };

    it.each(Object.entries(bodies))(
      '%s: code, request_id and the other fields survive, as without validation',
      async (_case, body) => {
        const outcomes = [];
        for (const validate of [true, false]) {
          const { client, server } = await setup({}, validate);
          server.faults.push(
            { kind: 'answer', status: 404, headers: { 'request-id': 'req_hdr' }, body },
            { kind: 'answer', status: 404, headers: { 'request-id': 'req_hdr' }, body },
          );
          const init = { params: { path: { payment_id: 'pay_1' } } };
          const result = await client.GET('/v1/payments/{payment_id}', init);
          expect(result.error, `validate: ${validate}`).toEqual(body);
          const error = await unwrap(client.GET('/v1/payments/{payment_id}', init)).catch((e) => e);
          outcomes.push({ code: error.code, status: error.status, requestId: error.requestId });
          if (validate) await server.close(); // afterEach closes the last one
        }
        expect(outcomes[0]).toEqual({ code: body.code, status: 404, requestId: 'req_body' });
        expect(outcomes[0]).toEqual(outcomes[1]);
      },
    );

    it('a problem that matches the schema keeps its extension members (RFC 9457 allows them)', async () => {
      const { client, server } = await setup({}, true);
      const body = { ...(example('getPayment', 404) as object), balance: 30, request_id: 'req_x' };
      server.faults.push({ kind: 'answer', status: 404, body });
      const result = await client.GET('/v1/payments/{payment_id}', {
        params: { path: { payment_id: 'pay_1' } },
      });
      expect(result.error).toEqual(body);
    });

    it('a JSON error body that is not an object becomes { title, detail: text }, with or without validation', async () => {
      for (const validate of [true, false]) {
        const { client, server } = await setup({}, validate);
        server.faults.push({
          kind: 'answer',
          status: 404,
          headers: { 'content-type': 'application/json' },
          body: '["not", "a", "problem"]',
        });
        const result = await client.GET('/v1/payments/{payment_id}', {
          params: { path: { payment_id: 'pay_1' } },
        });
        expect(result.error, `validate: ${validate}`).toEqual({
          title: 'Not Found',
          detail: '["not", "a", "problem"]',
          status: 404,
        });
        if (validate) await server.close(); // afterEach closes the last one
      }
    });
  });

  it('without the option the same body passes through unchecked', async () => {
    const { client, server } = await setup();
    server.faults.push({ kind: 'answer', status: 200, body: { amount: 'lots' } });
    const result = await client.GET('/v1/payments/{payment_id}', {
      params: { path: { payment_id: 'pay_1' } },
    });
    expect(result.data).toEqual({ amount: 'lots' });
  });
});
