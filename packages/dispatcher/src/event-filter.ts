/**
 * True when `eventType` is selected by one of `filters`: an exact name (`payment.succeeded`),
 * a prefix wildcard (`payment.*`, matching every name under `payment.`), or `*` (everything).
 */
export function matchesEventFilter(filters: readonly string[], eventType: string): boolean {
  for (const filter of filters) {
    if (filter === '*' || filter === eventType) return true;
    if (filter.endsWith('.*') && eventType.startsWith(filter.slice(0, -1))) return true;
  }
  return false;
}

/** Why a filter is malformed, or undefined when it is fine. */
export function describeInvalidFilter(filter: string): string | undefined {
  if (filter === '*') return undefined;
  if (!/^[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?$/.test(filter)) {
    return `"${filter}" is not an event name, a "prefix.*" wildcard or "*"`;
  }
  return undefined;
}
