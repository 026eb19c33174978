import type { components } from '@hookline/openapi';
import { describe, expectTypeOf, it } from 'vitest';
import { createClient, type HooklineApiError, unwrap } from '../src/index.js';

type Schemas = components['schemas'];
const client = createClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'sk_test_1' });

describe('createClient is typed by @hookline/openapi', () => {
  it('rejects an unknown path, a missing path parameter and a wrong body', () => {
    // @ts-expect-error unknown path
    void client.GET('/v1/paymentz');
    // @ts-expect-error path parameter payment_id is missing
    void client.GET('/v1/payments/{payment_id}', { params: { path: {} } });
    // @ts-expect-error init with the path parameter is required
    void client.GET('/v1/payments/{payment_id}');
    const wrong = { url: 'https://x', enabled_events: ['nope' as const] };
    // @ts-expect-error enabled_events holds event patterns, not any string
    void client.POST('/v1/webhook_endpoints', { body: wrong });
    // @ts-expect-error url is required
    void client.POST('/v1/webhook_endpoints', { body: { enabled_events: ['*'] } });
    // @ts-expect-error payments cannot be created directly
    void client.POST('/v1/payments', { body: {} });
  });

  it('types data and narrows errors by status', async () => {
    const result = await client.GET('/v1/payments/{payment_id}', {
      params: { path: { payment_id: 'pay_1' } },
    });
    if (result.ok) expectTypeOf(result.data).toEqualTypeOf<Schemas['Payment']>();
    if (result.status === 404) {
      expectTypeOf(result.error.code).toEqualTypeOf<Schemas['ProblemCode']>();
      expectTypeOf(result.error.status).toEqualTypeOf<404>();
    }
    if (!result.ok) {
      expectTypeOf(result.status).toEqualTypeOf<401 | 404 | 429 | 500>();
      if (result.error.status === 429)
        expectTypeOf(result.error).toEqualTypeOf<Schemas['Problem'] & { readonly status: 429 }>();
    }
    // @ts-expect-error 418 is not a documented status of this operation
    if (result.status === 418) void result;
  });

  it('unwrap, paginate, webhooks and eventsSince carry the generated types', async () => {
    expectTypeOf(await unwrap(client.GET('/v1/account'))).toEqualTypeOf<Schemas['Account']>();
    expectTypeOf(client.paginate('/v1/payments')).toEqualTypeOf<
      AsyncGenerator<Schemas['Payment'], void, undefined>
    >();
    expectTypeOf(client.eventsSince('evt_1')).toEqualTypeOf<
      AsyncGenerator<Schemas['Event'], void, undefined>
    >();
    // @ts-expect-error the deliveries list needs its endpoint_id
    void client.paginate('/v1/webhook_endpoints/{endpoint_id}/deliveries');
    void client.paginate('/v1/webhook_endpoints/{endpoint_id}/deliveries', {
      params: { path: { endpoint_id: 'we_1' }, query: { status: 'dead' } },
    });
    expectTypeOf(client.webhooks.listDeliveries('we_1')).toEqualTypeOf<
      AsyncGenerator<Schemas['Delivery'], void, undefined>
    >();
    const created = await client.webhooks.createEndpoint({
      url: 'https://x',
      enabled_events: ['*'],
    });
    if (created.ok)
      expectTypeOf(created.data).toEqualTypeOf<Schemas['WebhookEndpointWithSecret']>();
    // @ts-expect-error grace_period_seconds must be a number
    void client.webhooks.rotateSecret('we_1', { grace_period_seconds: '1h' });
  });

  it("HooklineApiError's code is the closed union of client and API codes", () => {
    expectTypeOf<'not_found'>().toExtend<HooklineApiError['code']>();
    expectTypeOf<'timeout'>().toExtend<HooklineApiError['code']>();
    expectTypeOf<'no_such_code'>().not.toExtend<HooklineApiError['code']>();
  });
});
