import { describe, expect, it } from 'vitest';
import {
  allowedMethods,
  apiOperations,
  createProblem,
  findOperation,
  getOperation,
  isHooklineOpenApiError,
  matchOperation,
  problemCodes,
  problemSchema,
} from '../src/index.js';

describe('matchOperation', () => {
  it('finds the operation of a concrete path and decodes its parameters', () => {
    const match = matchOperation('GET', '/v1/payments/pay_3MtwBwLkdIwHu7ix');
    expect(match?.operation.operationId).toBe('getPayment');
    expect(match?.params).toEqual({ payment_id: 'pay_3MtwBwLkdIwHu7ix' });
    const retry = matchOperation('post', '/v1/deliveries/dlv_1/retry');
    expect(retry?.operation.operationId).toBe('retryDelivery');
    expect(matchOperation('GET', '/v1/webhook_endpoints/we%5F1/deliveries')?.params).toEqual({
      endpoint_id: 'we_1',
    });
  });

  it('matches every operation of the table at its own path', () => {
    for (const operation of apiOperations) {
      const concrete = operation.path.replace(/\{(\w+)\}/g, 'x_$1');
      expect(matchOperation(operation.method, concrete)?.operation.operationId).toBe(
        operation.operationId,
      );
    }
  });

  it('tells an unknown path (404) from a known path with another method (405)', () => {
    expect(matchOperation('PUT', '/v1/payments/pay_1')).toBeUndefined();
    expect(allowedMethods('/v1/payments/pay_1')).toEqual(['GET']);
    expect(allowedMethods('/v1/webhook_endpoints/we_1').sort()).toEqual(['DELETE', 'GET', 'PATCH']);
    expect(matchOperation('GET', '/v1/refunds')).toBeUndefined();
    expect(allowedMethods('/v1/refunds')).toEqual([]);
    expect(matchOperation('GET', '/v1/payments/pay_1/extra')).toBeUndefined();
  });

  it('treats a malformed percent-encoding as no match instead of throwing', () => {
    for (const path of ['/v1/payments/%E0%A4%A', '/v1/payments/%', '/v1/users/%zz']) {
      expect(() => matchOperation('GET', path), path).not.toThrow();
      expect(matchOperation('GET', path), path).toBeUndefined();
      // ...and no 405 either: there is no such path.
      expect(allowedMethods(path), path).toEqual([]);
    }
    // Well-formed encodings are still decoded, and a lone valid escape is not malformed.
    expect(matchOperation('GET', '/v1/users/a%20b')?.params).toEqual({ user_id: 'a b' });
  });
});

describe('findOperation / getOperation', () => {
  it('returns undefined, or throws a HooklineOpenApiError naming the known ids', () => {
    expect(findOperation('getPayment')?.path).toBe('/v1/payments/{payment_id}');
    expect(findOperation('launchRocket')).toBeUndefined();
    try {
      getOperation('launchRocket' as 'getPayment');
      expect.unreachable();
    } catch (error) {
      expect(isHooklineOpenApiError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'unknown_operation' });
      expect((error as Error).message).toContain('getPayment');
    }
    expect(isHooklineOpenApiError(new Error('x'))).toBe(false);
  });
});

describe('createProblem', () => {
  it('derives type, title and status from the code, for every code', () => {
    for (const code of problemCodes) {
      const problem = createProblem({ code, detail: `a ${code} happened` });
      expect(problemSchema.parse(problem)).toEqual(problem);
      expect(problem.type).toBe(`https://hookline.dev/problems/${code}`);
    }
    expect(createProblem({ code: 'rate_limited', detail: 'slow down' })).toMatchObject({
      status: 429,
      title: 'Too many requests',
    });
  });

  it('carries instance and field issues only when given', () => {
    const problem = createProblem({
      code: 'invalid_request',
      detail: '1 invalid field',
      instance: '/v1/users',
      errors: [{ path: 'body.email', message: 'expected an email address' }],
    });
    expect(problem).toMatchObject({
      status: 400,
      instance: '/v1/users',
      errors: [{ path: 'body.email' }],
    });
    expect(Object.keys(createProblem({ code: 'not_found', detail: 'gone' }))).not.toContain(
      'instance',
    );
  });
});
