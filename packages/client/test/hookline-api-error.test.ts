import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { HooklineApiError, isHooklineApiError } from '../src/index.js';

/** An error built in another realm (an iframe, a vm context), as another copy of the client would build it. */
function foreignError(branded: boolean) {
  return runInNewContext(
    `
    class HooklineApiError extends Error {
      name = 'HooklineApiError';
      constructor(code, message) {
        super(message);
        this.code = code;
        if (branded) Object.defineProperty(this, Symbol.for('@hookline/client.HooklineApiError'), { value: true });
      }
    }
    new HooklineApiError('timeout', 'GET /v1/account got no complete response');
  `,
    { branded },
  ) as unknown;
}

describe('isHooklineApiError', () => {
  it('recognises an error from another realm by its registry-wide brand', () => {
    const error = foreignError(true);
    expect(error instanceof Error).toBe(false);
    expect(isHooklineApiError(error)).toBe(true);
  });

  it('refuses a look-alike from another realm without the brand, and non-errors', () => {
    expect(isHooklineApiError(foreignError(false))).toBe(false);
    expect(isHooklineApiError({ name: 'HooklineApiError', code: 'timeout' })).toBe(false);
    expect(isHooklineApiError(null)).toBe(false);
    expect(isHooklineApiError('HooklineApiError')).toBe(false);
  });

  it('still recognises same-realm errors: the class, and one named HooklineApiError with a code', () => {
    expect(isHooklineApiError(new HooklineApiError('timeout', 'x'))).toBe(true);
    const older = Object.assign(new Error('x'), { name: 'HooklineApiError', code: 'timeout' });
    expect(isHooklineApiError(older)).toBe(true);
    expect(isHooklineApiError(new Error('x'))).toBe(false);
  });
});
