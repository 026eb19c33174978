import { eventTypes } from './catalog.js';

/**
 * What an endpoint may subscribe to: `*` (every event), `<resource>.*` for each resource of the
 * catalog (`payment.*`), and each event type (`payment.succeeded`).
 */
export const eventPatterns: readonly string[] = Object.freeze([
  '*',
  ...new Set(eventTypes.map((type) => `${type.slice(0, type.lastIndexOf('.'))}.*`)),
  ...eventTypes,
]);

const patterns: ReadonlySet<string> = new Set(eventPatterns);

/** True when `pattern` is one of {@link eventPatterns}. */
export function isEventPattern(pattern: unknown): pattern is string {
  return typeof pattern === 'string' && patterns.has(pattern);
}

/**
 * Whether an event pattern selects an event type: `*` selects everything, `payment.*` every
 * `payment.<action>`, anything else only itself.
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
