import { createId } from './create-id.js';
import { matchesEventFilter } from './event-filter.js';
import type { DeliveryRecord, EndpointRecord, StoredEvent } from './records.js';

/** Which endpoints a publish fans out to. */
export interface FanOutTarget {
  /**
   * Only these endpoints (still only enabled ones), regardless of their `enabledEvents`
   * subscription. Default: every enabled endpoint subscribed to the event type.
   */
  endpointIds?: readonly string[];
  /**
   * Send at this event version instead of each endpoint's pinned one (stored on every
   * delivery as {@link DeliveryRecord.version}). Only with `endpointIds`.
   */
  version?: number;
}

/**
 * The deliveries an event fans out to: one per enabled endpoint subscribed to its type, or per
 * enabled endpoint named in `target.endpointIds`. Every store calls this inside its write so
 * subscription matching lives in one place.
 */
export function planDeliveries(
  event: StoredEvent,
  endpoints: readonly EndpointRecord[],
  target: FanOutTarget = {},
): DeliveryRecord[] {
  const now = event.createdAt;
  const only = target.endpointIds && new Set(target.endpointIds);
  return endpoints
    .filter(
      (endpoint) =>
        endpoint.enabled &&
        (only ? only.has(endpoint.id) : matchesEventFilter(endpoint.enabledEvents, event.event)),
    )
    .map((endpoint) => ({
      id: createId('dlv', now),
      eventId: event.id,
      endpointId: endpoint.id,
      eventType: event.event,
      resourceId: event.resourceId,
      status: 'pending',
      version: target.version ?? null,
      attempts: 0,
      nextAttemptAt: now,
      lastStatusCode: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    }));
}

/** Page size for listing deliveries: default 100, between 1 and 1000. */
export function pageSize(limit: number | undefined): number {
  return limit === undefined || !Number.isFinite(limit)
    ? 100
    : Math.min(1000, Math.max(1, Math.floor(limit)));
}
