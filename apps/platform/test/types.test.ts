import { describe, expectTypeOf, it } from 'vitest';
import type {
  OperationHandlers,
  OperationInput,
  OperationOutput,
} from '../src/http/operation-types.js';
import { type Platform, type PlatformOptions, startPlatform } from '../src/index.js';

describe('types', () => {
  it('startPlatform resolves to { url, apiKey, stop() }', () => {
    expectTypeOf(startPlatform).returns.resolves.toEqualTypeOf<Platform>();
    expectTypeOf<Platform['url']>().toEqualTypeOf<string>();
    expectTypeOf<Platform['apiKey']>().toEqualTypeOf<string>();
    expectTypeOf<Platform['stop']>().toEqualTypeOf<() => Promise<void>>();
  });

  it('options are checked: rate-limit strategies and the database are typed', () => {
    const ok: PlatformOptions = {
      port: 0,
      database: 'postgres://localhost/app',
      rateLimit: { strategy: 'fixed-window', limit: 10, windowMs: 1000 },
    };
    // @ts-expect-error 'leaky-bucket' is not a strategy
    const wrong: PlatformOptions = { rateLimit: { strategy: 'leaky-bucket' } };
    // @ts-expect-error the port is a number
    const port: PlatformOptions = { port: '4010' };
    void [ok, wrong, port];
  });

  it('handlers get typed path parameters and bodies, and must return the response schema', () => {
    expectTypeOf<OperationInput<'getUser'>['params']>().toEqualTypeOf<{ user_id: string }>();
    expectTypeOf<OperationInput<'listUsers'>['query']['limit']>().toEqualTypeOf<number>();
    expectTypeOf<OperationInput<'createUser'>['body']['email']>().toEqualTypeOf<string>();
    expectTypeOf<OperationInput<'getUser'>['body']>().toEqualTypeOf<undefined>();
    expectTypeOf<OperationOutput<'deleteUser'>>().toEqualTypeOf<{ id: string; deleted: true }>();
    // @ts-expect-error an account has no `balance`, and its fields are required
    const getAccount: OperationHandlers['getAccount'] = async () => ({ balance: 0 });
    void getAccount;
  });

  it('a handler table missing an operation does not compile', () => {
    // @ts-expect-error every operation of the document needs a handler
    const handlers: OperationHandlers = {};
    void handlers;
  });
});
