import { type AnyEvent, castEvent, isEventType, latestVersion } from '@hookline/events';
import type { EndpointRecord, StoredEvent } from './records.js';

/**
 * The body an endpoint receives and its `X-Webhook-Version`: the published envelope cast to
 * `version` when the delivery carries one (a targeted publish chose it), else to the version
 * the endpoint pinned for that event type (the latest when it pinned none).
 */
export function renderPayload(
  event: StoredEvent,
  endpoint: Pick<EndpointRecord, 'versions'>,
  version: number | null = null,
): { body: string; version: number } {
  const pinned = version ?? endpoint.versions[event.event];
  const target = pinned ?? (isEventType(event.event) ? latestVersion(event.event) : event.version);
  if (target === event.version) return { body: event.payload, version: target };
  const envelope = JSON.parse(event.payload) as AnyEvent;
  const cast = castEvent(envelope, target as never) as AnyEvent;
  return { body: JSON.stringify(cast), version: cast.version };
}
