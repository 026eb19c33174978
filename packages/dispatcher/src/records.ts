/** An event in the outbox, as published (the body is rendered per endpoint at delivery). */
export interface StoredEvent {
  /** The event id; also the `webhook-id` of every delivery and attempt of it. */
  id: string;
  event: string;
  version: number;
  /** The envelope's ISO timestamp. */
  timestamp: string;
  resourceId: string;
  /** The published envelope as JSON. */
  payload: string;
  /** When it was written to the outbox (epoch ms). */
  createdAt: number;
}

/** One signing secret of an endpoint. */
export interface EndpointSecret {
  /** `whsec_...` (HMAC) or `whsk_...` (Ed25519 private key). Never logged. */
  secret: string;
  createdAt: number;
  /** After this instant (epoch ms) the secret no longer signs; `null` while it is current. */
  expiresAt: number | null;
}

/** Why an endpoint was disabled. */
export type DisabledReason = 'manual' | 'gone' | 'failing';

/** A subscriber: where deliveries go and how they are shaped. */
export interface EndpointRecord {
  id: string;
  url: string;
  description: string;
  /** Current secret last; older ones stay until `expiresAt` (rotation grace). */
  secrets: EndpointSecret[];
  /** Event names, `prefix.*` wildcards or `*`. */
  enabledEvents: string[];
  /** Pinned version per event type; unlisted types get the latest version. */
  versions: Record<string, number>;
  /** Deliver events with the same resource_id one after another. */
  ordered: boolean;
  enabled: boolean;
  disabledReason: DisabledReason | null;
  disabledAt: number | null;
  /** Start of the current run of failed attempts (epoch ms), `null` after a success. */
  failingSince: number | null;
  createdAt: number;
  updatedAt: number;
}

/** The fields an update may change. */
export type EndpointPatch = Partial<
  Pick<
    EndpointRecord,
    | 'url'
    | 'description'
    | 'secrets'
    | 'enabledEvents'
    | 'versions'
    | 'ordered'
    | 'enabled'
    | 'disabledReason'
    | 'disabledAt'
    | 'failingSince'
  >
>;

/** `pending` waits for (or is in) an attempt; `failed` is a dead letter. */
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** One event on its way to one endpoint. */
export interface DeliveryRecord {
  id: string;
  eventId: string;
  endpointId: string;
  eventType: string;
  resourceId: string;
  status: DeliveryStatus;
  /**
   * The event version this delivery is sent at, when its publish chose one (a targeted publish
   * with `version`); `null` sends the version the endpoint pins for the event type at the time
   * of each attempt (the latest when it pins none).
   */
  version: number | null;
  /** Attempts made since it was created or last replayed. */
  attempts: number;
  /** When the next attempt is due (epoch ms); `null` once finished. */
  nextAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

/** One HTTP attempt of a delivery, as the delivery log shows it. */
export interface AttemptRecord {
  deliveryId: string;
  /** 1-based attempt number within the delivery's current run. */
  attempt: number;
  startedAt: number;
  durationMs: number;
  /** The response status, or `null` when no response arrived. */
  statusCode: number | null;
  /** The start of the response body (bounded, 1 KiB by default). */
  responseExcerpt: string | null;
  /** What went wrong (network error, timeout, non-2xx, refused address), or `null`. */
  error: string | null;
  outcome: 'succeeded' | 'failed';
}

/** A delivery leased to one worker, with what it needs to send it. */
export interface ClaimedDelivery {
  delivery: DeliveryRecord;
  event: StoredEvent;
  endpoint: EndpointRecord;
  /** Proves the lease when recording the result; a stale lease cannot overwrite a newer one. */
  leaseToken: string;
}

/** What happens to a delivery after an attempt. */
export type DeliveryNext =
  | { status: 'succeeded' }
  | { status: 'pending'; nextAttemptAt: number }
  | { status: 'failed' };

/** Filter for listing deliveries, newest first unless `order` (or `after`) says otherwise. */
export interface DeliveryQuery {
  endpointId?: string;
  eventId?: string;
  status?: DeliveryStatus;
  /** Only deliveries created at or after this instant (epoch ms). */
  since?: number;
  /** Page size; default 100, at most 1000. */
  limit?: number;
  /**
   * Cursor: only deliveries older than this delivery id. `dispatcher.listDeliveries` refuses an
   * unknown id (`delivery_not_found`); a store alone selects nothing for one.
   */
  before?: string;
  /**
   * Cursor for reading forward: only deliveries newer than this delivery id, oldest first unless
   * `order` says otherwise. An unknown id as for `before`. Deliveries are ordered by when their
   * publish wrote them, not when it committed: with Postgres, a publish that committed after a
   * later one's shows up behind a cursor already read past. To follow new deliveries without
   * a gap, read again from a cursor a little behind (or by `since`) and skip the ids you have.
   */
  after?: string;
  /** `'newest'` first (the default) or `'oldest'` first (the default with `after`). */
  order?: 'newest' | 'oldest';
}

/** Which deliveries `countDeliveries` counts. */
export interface DeliveryCountQuery {
  /** Only deliveries created at or after this instant (epoch ms). */
  since?: number;
}

/** How many deliveries of one endpoint have one status. */
export interface DeliveryCount {
  endpointId: string;
  status: DeliveryStatus;
  count: number;
}

/** Which deliveries a replay puts back in the queue. */
export type ReplaySelector =
  | { deliveryId: string }
  | { eventId: string; endpointId?: string }
  /** An endpoint's dead letters that failed for good at or after `failedSince`. */
  | { endpointId: string; failedSince: number };
