import type { AttemptRecord, EndpointRecord, StoredEvent } from '../../src/index.js';

let counter = 0;

/** A minimal valid endpoint record for store-level tests. */
export function endpointRecord(overrides: Partial<EndpointRecord> = {}): EndpointRecord {
  counter++;
  return {
    id: `ep_test${counter}`,
    url: `https://receiver.example/${counter}`,
    description: '',
    secrets: [{ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdAt: 0, expiresAt: null }],
    enabledEvents: ['*'],
    versions: {},
    ordered: false,
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    failingSince: null,
    createdAt: 1000,
    updatedAt: 1000,
    ...overrides,
  };
}

/** A stored event for store-level tests. */
export function storedEvent(event: string, resourceId: string, createdAt: number): StoredEvent {
  counter++;
  const id = `evt_store${counter}`;
  return {
    id,
    event,
    version: 1,
    timestamp: new Date(createdAt).toISOString(),
    resourceId,
    payload: JSON.stringify({ id, event, version: 1, resource_id: resourceId }),
    createdAt,
  };
}

/** An attempt record: 200 "ok" when it succeeded, 500 "boom" when it failed. */
export function attempt(
  deliveryId: string,
  startedAt: number,
  outcome: AttemptRecord['outcome'],
): AttemptRecord {
  return {
    deliveryId,
    attempt: 1,
    startedAt,
    durationMs: 12,
    statusCode: outcome === 'succeeded' ? 200 : 500,
    responseExcerpt: outcome === 'succeeded' ? 'ok' : 'boom',
    error: outcome === 'succeeded' ? null : 'receiver answered HTTP 500',
    outcome,
  };
}
