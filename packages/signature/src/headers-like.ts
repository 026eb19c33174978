/**
 * Request headers in any common shape: a fetch `Headers`, Node's `IncomingHttpHeaders`
 * (`req.headers`) or a plain record. Names are matched case-insensitively.
 *
 * When a header arrives as an array (several header lines), list headers (the signature
 * headers) join the values — with a space for `webhook-signature`, a comma for
 * `Stripe-Signature` — and single-value headers (ids, timestamps) take the first value.
 */
export type HeadersLike =
  | Headers
  | Readonly<Record<string, string | readonly string[] | string[] | undefined>>;

interface HeaderGetter {
  get(name: string): string | null;
}

function hasGetter(headers: object): headers is HeaderGetter {
  return typeof (headers as { get?: unknown }).get === 'function';
}

/**
 * Reads one header. `join` is the separator for list headers; without it an array yields its
 * first value. Returns `undefined` when the header is absent or blank; otherwise the value untouched.
 */
export function readHeader(headers: HeadersLike, name: string, join?: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  let value: string | readonly string[] | null | undefined;
  if (hasGetter(headers)) {
    value = headers.get(name);
  } else {
    const record = headers as Readonly<Record<string, unknown>>;
    const exact = record[name];
    if (exact !== undefined) {
      value = exact as string | readonly string[];
    } else {
      for (const key of Object.keys(record)) {
        if (key.length === name.length && key.toLowerCase() === name) {
          value = record[key] as string | readonly string[] | undefined;
          break;
        }
      }
    }
  }
  if (Array.isArray(value)) {
    const parts = value.filter((part): part is string => typeof part === 'string');
    value = join === undefined ? parts[0] : parts.join(join);
  }
  // Not trimmed: the value is used as received (HTTP parsers already strip surrounding
  // whitespace), so a stray space is caught by the strict parsers instead of hidden.
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value;
}

/** Reads the first present header among `names` (canonical name first, then aliases). */
export function readFirstHeader(
  headers: HeadersLike,
  names: readonly string[],
  join?: string,
): string | undefined {
  for (const name of names) {
    const value = readHeader(headers, name, join);
    if (value !== undefined) return value;
  }
  return undefined;
}
