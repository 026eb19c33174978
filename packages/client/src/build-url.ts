import { HooklineApiError } from './hookline-api-error.js';

/** Request parameters as openapi-typescript types them. */
export interface RequestParams {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

/**
 * `baseUrl + path` with `{name}` placeholders filled from `params.path` (percent-encoded; `.` and
 * `..` are refused) and `params.query` appended (arrays repeat the key; `undefined` and `null`
 * are skipped).
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
          const segment = encodeURIComponent(String(value));
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
        url += `${sep}${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`;
        sep = '&';
      }
    }
  }
  return url;
}
