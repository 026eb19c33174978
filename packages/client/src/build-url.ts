import { invalidRequest } from './hookline-api-error.js';

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
    path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = params?.path?.[name];
      const what = `Path parameter "${name}"`;
      if (value == null) throw refused(what, path, 'is missing from params.path');
      const segment = encodeURIComponent(paramText(value, what, path));
      // URL parsing (and so fetch) resolves "." and ".." (even as %2E) as dot segments,
      // which would send the request to another path.
      if (/^(\.|%2e){1,2}$/i.test(segment))
        throw refused(what, path, `cannot be "${segment}"; pass a real id`);
      return segment;
    });
  const query = params?.query;
  let sep = url.includes('?') ? '&' : '?';
  for (const key in query) {
    const value = query[key];
    // A null or undefined value, or item of an array, is skipped.
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item == null) continue;
      const what =
        item === value ? `Query parameter "${key}"` : `An item of query parameter "${key}"`;
      const text = paramText(item, what, path, ' (or an array of them)');
      url += `${sep}${encodeURIComponent(key)}=${encodeURIComponent(text)}`;
      sep = '&';
    }
  }
  return url;
}

/** The text of one parameter value: a primitive as `String()` gives it, a `Date` in ISO 8601. */
function paramText(value: unknown, what: string, path: string, orArray = ''): string {
  if (value instanceof Date) {
    try {
      return value.toISOString();
    } catch {
      // A RangeError: the Date is invalid.
      throw refused(what, path, 'is an invalid Date');
    }
  }
  const type = typeof value;
  if (/^(string|number|boolean|bigint)$/.test(type)) return String(value);
  const kind = Array.isArray(value) ? 'an array' : type === 'object' ? 'an object' : `a ${type}`;
  throw refused(
    what,
    path,
    `is ${kind}, which has no URL form; pass a string, number, boolean or Date${orArray}, e.g. JSON.stringify it or spread its fields into separate parameters`,
  );
}

/** The `invalid_request` error for a parameter value `what` of `path` that has `problem`. */
const refused = (what: string, path: string, problem: string) =>
  invalidRequest(`${what} of ${path} ${problem}`);
