import { type ApiOperation, apiOperations } from './index.js';

interface CompiledRoute {
  operation: ApiOperation;
  pattern: RegExp;
  names: string[];
}

const routes: readonly CompiledRoute[] = apiOperations.map((operation) => {
  const names: string[] = [];
  const source = operation.path
    .split('/')
    .map((segment) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (name === undefined) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('/');
  return { operation, pattern: new RegExp(`^${source}$`), names };
});

/** What {@link matchOperation} found: the operation and the raw (still encoded) path parameters. */
export interface OperationMatch {
  operation: ApiOperation;
  params: Record<string, string>;
}

/**
 * Finds the operation for a method and a concrete path (`/v1/payments/pay_123`), with its path
 * parameters decoded; `undefined` when nothing matches (then {@link allowedMethods} tells a
 * 404 `not_found` from a 405 `method_not_allowed`).
 *
 * @example
 * const match = matchOperation('GET', '/v1/payments/pay_123');
 * match?.operation.operationId; // 'getPayment'
 * match?.params; // { payment_id: 'pay_123' }
 */
export function matchOperation(method: string, pathname: string): OperationMatch | undefined {
  const lower = method.toLowerCase();
  for (const route of routes) {
    if (route.operation.method !== lower) continue;
    const found = route.pattern.exec(pathname);
    if (!found) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, index) => {
      params[name] = decodeURIComponent(found[index + 1] ?? '');
    });
    return { operation: route.operation, params };
  }
  return undefined;
}

/** The methods (upper case) that `pathname` has; empty when no operation has that path. */
export function allowedMethods(pathname: string): string[] {
  return routes
    .filter((route) => route.pattern.test(pathname))
    .map((route) => route.operation.method.toUpperCase());
}
