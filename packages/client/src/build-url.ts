import { HooklineApiError } from './hookline-api-error.js';

/** Request parameters as openapi-typescript types them. */
export interface RequestParams {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

/**
 * `baseUrl + path` with `{name}` placeholders filled from `params.path` (percent-encoded; `.` and
 * `..` are refused) and `params.query` appended (arrays repeat the key; `undefined` and `null`,
 * also inside an array, are skipped). A `Date` is sent as its ISO 8601 string; any other
 * non-primitive (an object, an array inside an array, a function, a symbol) is refused with
 * `invalid_request` rather than sent as `[object Object]`.
 */
export function buildUrl(baseUrl: string, path: string, params?: RequestParams): string {
  let url =
    baseUrl +
    (path.includes('{')
      ? path.replace(/\{([^}]+)\}/g, (_, name: string) => {
          const value = params?.path?.[name];
          if (value == null)
            throw new HooklineApiError(
              'invalid_request',
              `Path parameter "${name}" of ${path} is missing; pass it in params.path`,
            );
          const segment = encodeURIComponent(paramText(value, `Path parameter "${name}"`, path));
          // URL parsing (and so fetch) resolves "." and ".." (even as %2E) as dot segments,
          // which would send the request to another path.
          if (/^(\.|%2e){1,2}$/i.test(segment))
            throw new HooklineApiError(
              'invalid_request',
              `Path parameter "${name}" of ${path} cannot be "${segment}"; pass a real id`,
            );
          return segment;
        })
      : path);
  const query = params?.query;
  if (query) {
    let sep = url.includes('?') ? '&' : '?';
    for (const key in query) {
      const value = query[key];
      if (value == null) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item == null) continue;
        const what =
          item === value ? `Query parameter "${key}"` : `An item of query parameter "${key}"`;
        const text = paramText(item, what, path, ' (or an array of them)');
        url += `${sep}${encodeURIComponent(key)}=${encodeURIComponent(text)}`;
        sep = '&';
      }
    }
  }
  return url;
}

/** The text of one parameter value: a primitive as `String()` gives it, a `Date` in ISO 8601. */
function paramText(value: unknown, what: string, path: string, orArray = ''): string {
  if (value instanceof Date) {
    if (!Number.isNaN(value.getTime())) return value.toISOString();
    throw new HooklineApiError(
      'invalid_request',
      `${what} of ${path} is an invalid Date; pass a valid Date or an ISO 8601 string`,
    );
  }
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint')
    return String(value);
  const kind = Array.isArray(value) ? 'an array' : type === 'object' ? 'an object' : `a ${type}`;
  throw new HooklineApiError(
    'invalid_request',
    `${what} of ${path} is ${kind}, which has no URL form; pass a string, number, boolean or Date${orArray}, e.g. JSON.stringify it or spread its fields into separate parameters`,
  );
}
