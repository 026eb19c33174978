import { eventPatternMatches, isEventPattern } from '@hookline/events';

/**
 * True when `eventType` is selected by one of `filters`: an event type (`payment.succeeded`),
 * a resource wildcard (`payment.*`, every `payment.<action>`), or `*` (everything).
 */
export function matchesEventFilter(filters: readonly string[], eventType: string): boolean {
  return filters.some((filter) => eventPatternMatches(filter, eventType));
}

/**
 * Why a filter can never select an event, or undefined when it is fine: only catalog events
 * are published, so a filter must be `*`, a resource of the catalog with `.*`, or a catalog
 * event type (a typo such as `payment.succeded` would silently select nothing).
 */
export function describeInvalidFilter(filter: string): string | undefined {
  if (isEventPattern(filter)) return undefined;
  return `"${filter}" is not an event type of the catalog, a "<resource>.*" wildcard of one (such as "payment.*"), or "*"; the event types are listed by eventTypes of @hookline/events`;
}
