/**
 * Whether an `enabled_events` pattern selects an event type: `*` selects everything,
 * `payment.*` every `payment.<action>`, anything else only itself.
 *
 * @example
 * eventPatternMatches('payment.*', 'payment.failed'); // true
 * eventPatternMatches('payment.*', 'password_reset.requested'); // false
 */
export function eventPatternMatches(pattern: string, eventType: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) {
    const resource = pattern.slice(0, -1);
    return eventType.startsWith(resource) && !eventType.slice(resource.length).includes('.');
  }
  return pattern === eventType;
}
