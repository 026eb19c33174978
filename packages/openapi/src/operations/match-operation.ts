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

/** What {@link matchOperation} found: the operation and its path parameters. */
export interface OperationMatch {
  operation: ApiOperation;
  /** The path parameters by name, percent-decoded (`we%5F1` -> `we_1`). */
  params: Record<string, string>;
}

/** `decodeURIComponent`, or `undefined` for a malformed escape (`%E0%A4%A`) instead of a URIError. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Finds the operation for a method and a concrete path (`/v1/payments/pay_123`), with its path
 * parameters percent-decoded; `undefined` when nothing matches, or when a parameter's
 * percent-encoding is malformed (then {@link allowedMethods} tells a 404 `not_found` from a
 * 405 `method_not_allowed`).
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
    const params = routeParams(route, pathname);
    if (params) return { operation: route.operation, params };
  }
  return undefined;
}

/**
 * The methods (upper case) that `pathname` has; empty when no operation has that path (nor
 * when a parameter's percent-encoding is malformed, as with {@link matchOperation}).
 */
export function allowedMethods(pathname: string): string[] {
  return routes
    .filter((route) => routeParams(route, pathname) !== undefined)
    .map((route) => route.operation.method.toUpperCase());
}

/** The decoded parameters of `pathname` on `route`; `undefined` when it does not match. */
function routeParams(route: CompiledRoute, pathname: string): Record<string, string> | undefined {
  const found = route.pattern.exec(pathname);
  if (!found) return undefined;
  const params: Record<string, string> = {};
  for (const [index, name] of route.names.entries()) {
    const value = decodeSegment(found[index + 1] ?? '');
    // A malformed escape (`%E0%A4%A`): no such path, rather than a URIError.
    if (value === undefined) return undefined;
    params[name] = value;
  }
  return params;
}
