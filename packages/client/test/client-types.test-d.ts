import { describe, expectTypeOf, it } from 'vitest';
import {
  createTypedClient,
  type FetchResult,
  type HooklineApiError,
  type OperationOf,
  unwrap,
} from '../src/index.js';
import type { components, paths } from './support/test-paths.js';

type Payment = components['schemas']['Payment'];
type Problem = components['schemas']['Problem'];
const client = createTypedClient<paths>({ baseUrl: 'http://127.0.0.1:1' });

describe('compile-time checks over an openapi-typescript paths type', () => {
  it('rejects unknown paths and methods a path does not define', () => {
    // @ts-expect-error unknown path
    void client.GET('/v1/nope');
    // @ts-expect-error /v1/payments has no DELETE
    void client.DELETE('/v1/payments');
    // @ts-expect-error /v1/payments/{payment_id} has no POST
    void client.POST('/v1/payments/{payment_id}', { params: { path: { payment_id: 'x' } } });
  });

  it('requires path parameters', () => {
    // @ts-expect-error init with params.path is required
    void client.GET('/v1/payments/{payment_id}');
    // @ts-expect-error params.path is missing
    void client.GET('/v1/payments/{payment_id}', { params: {} });
    // @ts-expect-error payment_id must be a string
    void client.GET('/v1/payments/{payment_id}', { params: { path: { payment_id: 1 } } });
    // @ts-expect-error misspelled path parameter
    void client.GET('/v1/payments/{payment_id}', { params: { path: { paymentId: 'x' } } });
  });

  it('checks query parameters', () => {
    void client.GET('/v1/payments', { params: { query: { limit: 2, status: 'pending' } } });
    // @ts-expect-error status is an enum
    void client.GET('/v1/payments', { params: { query: { status: 'weird' } } });
    // @ts-expect-error unknown query parameter
    void client.GET('/v1/payments', { params: { query: { page: 2 } } });
  });

  it('checks request bodies', () => {
    void client.POST('/v1/payments', { body: { amount: 1, currency: 'eur' } });
    // @ts-expect-error a required body is missing
    void client.POST('/v1/payments');
    // @ts-expect-error amount must be a number
    void client.POST('/v1/payments', { body: { amount: '1', currency: 'eur' } });
    // @ts-expect-error currency is required
    void client.POST('/v1/payments', { body: { amount: 1 } });
    // @ts-expect-error GET takes no body
    void client.GET('/v1/payments', { body: { amount: 1 } });
    // an optional body may be left out
    void client.PATCH('/v1/payments/{payment_id}', { params: { path: { payment_id: 'x' } } });
  });

  it('types data on success and narrows error by status', async () => {
    const result = await client.GET('/v1/payments/{payment_id}', {
      params: { path: { payment_id: 'x' } },
    });
    if (result.ok) {
      expectTypeOf(result.data).toEqualTypeOf<Payment>();
      expectTypeOf(result.status).toEqualTypeOf<200>();
    } else {
      expectTypeOf(result.status).toEqualTypeOf<404>();
      expectTypeOf(result.error.code).toEqualTypeOf<Problem['code']>();
      expectTypeOf(result.error.resource_id).toEqualTypeOf<string>();
    }
    if (result.status === 404) expectTypeOf(result.error.resource_id).toBeString();
    if (result.error?.status === 404) expectTypeOf(result.error.resource_id).toBeString();
    if (result.status === 200) expectTypeOf(result.data).toEqualTypeOf<Payment>();
  });

  it('narrows between several documented statuses', async () => {
    const created = await client.POST('/v1/payments', { body: { amount: 1, currency: 'eur' } });
    expectTypeOf(created.status).toEqualTypeOf<201 | 422>();
    if (created.status === 422) expectTypeOf(created.error).toMatchTypeOf<Problem>();
    const deleted = await client.DELETE('/v1/payments/{payment_id}', {
      params: { path: { payment_id: 'x' } },
    });
    if (deleted.ok) expectTypeOf(deleted.data).toEqualTypeOf<undefined>();
  });

  it('an operation that documents no error gets a generic problem with a numeric status', async () => {
    type R = FetchResult<OperationOf<paths, '/v1/payments/{payment_id}', 'PATCH'>>;
    expectTypeOf<Extract<R, { ok: false }>['status']>().toEqualTypeOf<number>();
  });

  it('unwrap resolves the success data type', async () => {
    const payment = await unwrap(
      client.GET('/v1/payments/{payment_id}', { params: { path: { payment_id: 'x' } } }),
    );
    expectTypeOf(payment).toEqualTypeOf<Payment>();
    const list = await unwrap(client.GET('/v1/payments'));
    expectTypeOf(list.data).toEqualTypeOf<Payment[]>();
  });

  it('paginate only accepts cursor-list paths and yields their item type', () => {
    expectTypeOf(client.paginate('/v1/payments')).toEqualTypeOf<
      AsyncGenerator<Payment, void, undefined>
    >();
    // @ts-expect-error not a list
    void client.paginate('/v1/payments/{payment_id}', { params: { path: { payment_id: 'x' } } });
    void client.paginate('/v1/payments', undefined, { limit: 5 });
  });

  it('errors expose a typed code', () => {
    expectTypeOf<HooklineApiError['code']>().toExtend<string>();
    expectTypeOf<'timeout'>().toExtend<HooklineApiError['code']>();
  });
});
