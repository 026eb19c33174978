import type { EventJsonSchemaKey, EventOf } from '@hookline/events';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type components,
  defineOperation,
  getOperation,
  type OperationId,
  type operations,
  type Payment,
  type ProblemCode,
  type paths,
  type webhooks,
} from '../src/index.js';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

describe('generated types', () => {
  it('type the GET /v1/payments/{payment_id} response body as the Payment resource', () => {
    type Body = Json<paths['/v1/payments/{payment_id}']['get']['responses'][200]>;
    expectTypeOf<Body>().toEqualTypeOf<components['schemas']['Payment']>();
    expectTypeOf<Body['status']>().toEqualTypeOf<'processing' | 'succeeded' | 'failed'>();
    expectTypeOf<Body['amount']>().toEqualTypeOf<number>();
    expectTypeOf<Body['failure_message']>().toEqualTypeOf<string | null>();
    expectTypeOf<paths['/v1/payments/{payment_id}']['get']['parameters']['path']>().toEqualTypeOf<{
      payment_id: string;
    }>();
    // The zod contract and the generated type agree.
    expectTypeOf<Payment>().toEqualTypeOf<Body>();
  });

  it('type lists as { data, has_more, next_cursor } with limit/starting_after', () => {
    type Page = Json<paths['/v1/payments']['get']['responses'][200]>;
    expectTypeOf<Page['data']>().toEqualTypeOf<components['schemas']['Payment'][]>();
    expectTypeOf<Page['has_more']>().toEqualTypeOf<boolean>();
    expectTypeOf<Page['next_cursor']>().toEqualTypeOf<string | null>();
    type Query = NonNullable<paths['/v1/payments']['get']['parameters']['query']>;
    expectTypeOf<Query['limit']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Query['starting_after']>().toEqualTypeOf<string | undefined>();
  });

  it('type errors as problem+json with the closed code union', () => {
    type NotFound =
      operations['getPayment']['responses'][404]['content']['application/problem+json'];
    expectTypeOf<NotFound['code']>().toEqualTypeOf<ProblemCode>();
  });

  it('map every webhook key to its typed body', () => {
    type Body = webhooks['payment.succeeded.v2']['post'] extends infer O
      ? O extends { requestBody: { content: { 'application/json': infer B } } }
        ? B
        : never
      : never;
    expectTypeOf<Body['version']>().toEqualTypeOf<2>();
    expectTypeOf<Body['metadata']['amount']>().toEqualTypeOf<{ value: number; currency: string }>();
    expectTypeOf<Body['metadata']['amount']>().toEqualTypeOf<
      EventOf<'payment.succeeded', 2>['metadata']['amount']
    >();
    expectTypeOf<keyof webhooks>().toExtend<EventJsonSchemaKey>();
    expectTypeOf<webhooks>().toHaveProperty('user.login.v1');
    expectTypeOf<webhooks>().toHaveProperty('user.login.v2');
  });

  it('reject what does not exist', () => {
    // @ts-expect-error: no such path
    type NoPath = paths['/v1/refunds'];
    // @ts-expect-error: payments have no `price` field
    type NoField = components['schemas']['Payment']['price'];
    // @ts-expect-error: no payment.refunded webhook
    type NoWebhook = webhooks['payment.refunded.v1'];
    // @ts-expect-error: no such operation
    const id: OperationId = 'launchRocket';
    expectTypeOf<NoPath | NoField | NoWebhook>().toBeAny();
    expectTypeOf(id).toEqualTypeOf<OperationId>();
  });
});

describe('the operation table types', () => {
  it('keeps each operation exact: its id, method, body schema and paginated query', () => {
    const createUser = getOperation('createUser');
    expectTypeOf(createUser.operationId).toEqualTypeOf<'createUser'>();
    expectTypeOf(createUser.method).toEqualTypeOf<'post'>();
    expectTypeOf<z.output<typeof createUser.body.schema>>().toHaveProperty('email');
    const getPayment = getOperation('getPayment');
    expectTypeOf(getPayment).not.toHaveProperty('body');
    // @ts-expect-error: getPayment has no body (never called: a compile-time check)
    const noBody = () => getPayment.body.schema;
    expectTypeOf(noBody).toBeFunction();
    type ListQuery = z.output<ReturnType<typeof getOperation<'listPayments'>>['query']>;
    expectTypeOf<ListQuery['limit']>().toEqualTypeOf<number>();
    expectTypeOf<ListQuery['status']>().toEqualTypeOf<
      'processing' | 'succeeded' | 'failed' | undefined
    >();
  });

  it('checks examples against their schemas at compile time', () => {
    const definition = {
      operationId: 'ping',
      method: 'get',
      path: '/v1/ping',
      tag: 'Account',
      summary: 'Ping',
      description: 'Ping.',
    } as const;
    const schema = z.object({ pong: z.boolean() });
    defineOperation({
      ...definition,
      response: { status: 200, description: 'ok', schema, example: { pong: true } },
    });
    defineOperation({
      ...definition,
      // @ts-expect-error: `pong` must be a boolean
      response: { status: 200, description: 'ok', schema, example: { pong: 'yes' } },
    });
  });
});
