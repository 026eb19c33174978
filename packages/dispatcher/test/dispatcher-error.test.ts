import { describe, expect, expectTypeOf, it } from 'vitest';
import { DispatcherError, type DispatcherErrorCode, isDispatcherError } from '../src/index.js';

describe('DispatcherError', () => {
  it('carries code, status and cause, and the guard recognises it', () => {
    const cause = new Error('disk full');
    const error = new DispatcherError('store_failed', 'SQLite store: publish failed', { cause });
    expect(error).toMatchObject({
      name: 'DispatcherError',
      code: 'store_failed',
      status: undefined,
      cause,
    });
    expect(new DispatcherError('payload_too_large', 'x').status).toBe(413);
    expect(isDispatcherError(error)).toBe(true);
    expect(isDispatcherError(new Error('x'))).toBe(false);
    expect(
      isDispatcherError(Object.assign(new Error('x'), { name: 'DispatcherError', code: 'nope' })),
    ).toBe(false);
    expect(
      isDispatcherError(
        Object.assign(new Error('x'), { name: 'DispatcherError', code: 'insecure_url' }),
      ),
    ).toBe(true);
  });

  it('has a closed union of codes', () => {
    expectTypeOf<DispatcherError['code']>().toEqualTypeOf<DispatcherErrorCode>();
    // @ts-expect-error: not a dispatcher error code
    new DispatcherError('teapot', 'x');
  });
});
