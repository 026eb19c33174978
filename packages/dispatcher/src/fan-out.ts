import { createId } from './create-id.js';
import { matchesEventFilter } from './event-filter.js';
import type { DeliveryRecord, EndpointRecord, StoredEvent } from './records.js';

/**
 * The deliveries an event fans out to: one per enabled endpoint subscribed to its type. Every
 * store calls this inside its write so subscription matching lives in one place.
 */
export function planDeliveries(
  event: StoredEvent,
  endpoints: readonly EndpointRecord[],
): DeliveryRecord[] {
  const now = event.createdAt;
  return endpoints
    .filter(
      (endpoint) => endpoint.enabled && matchesEventFilter(endpoint.enabledEvents, event.event),
    )
    .map((endpoint) => ({
      id: createId('dlv', now),
      eventId: event.id,
      endpointId: endpoint.id,
      eventType: event.event,
      resourceId: event.resourceId,
      status: 'pending',
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
  return Math.min(1000, Math.max(1, Math.floor(limit ?? 100)));
}
