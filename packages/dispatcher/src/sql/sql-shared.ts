import type {
  AttemptRecord,
  DeliveryCount,
  DeliveryCountQuery,
  DeliveryQuery,
  DeliveryRecord,
  DeliveryStatus,
  DisabledReason,
  EndpointRecord,
  ReplaySelector,
  StoredEvent,
} from '../records.js';
import type { RecordedOutcome } from '../store.js';

/** Table names with the configured prefix (letters, digits and `_` only). */
export function tableNames(prefix: string) {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(prefix)) {
    throw new RangeError(`tablePrefix "${prefix}" may only contain letters, digits and "_"`);
  }
  return {
    events: `${prefix}events`,
    endpoints: `${prefix}endpoints`,
    deliveries: `${prefix}deliveries`,
    attempts: `${prefix}attempts`,
  };
}

// SQLite hands back numbers, Postgres BIGINT arrives as a string: both go through these.
type Num = number | string;
const num = (value: Num): number => Number(value);
const numOrNull = (value: Num | null): number | null => (value === null ? null : Number(value));
const bool = (value: unknown): boolean => value === true || value === 1 || value === '1';

export interface EventRow {
  id: string;
  event: string;
  version: Num;
  timestamp: string;
  resource_id: string;
  payload: string;
  created_at: Num;
}

export function eventFromRow(row: EventRow): StoredEvent {
  return {
    id: row.id,
    event: row.event,
    version: num(row.version),
    timestamp: row.timestamp,
    resourceId: row.resource_id,
    payload: row.payload,
    createdAt: num(row.created_at),
  };
}

export interface EndpointRow {
  id: string;
  url: string;
  description: string;
  secrets: string;
  enabled_events: string;
  versions: string;
  ordered: unknown;
  enabled: unknown;
  disabled_reason: string | null;
  disabled_at: Num | null;
  failing_since: Num | null;
  created_at: Num;
  updated_at: Num;
}

/** Column order used for inserts and updates. */
export const endpointColumns = [
  'id',
  'url',
  'description',
  'secrets',
  'enabled_events',
  'versions',
  'ordered',
  'enabled',
  'disabled_reason',
  'disabled_at',
  'failing_since',
  'created_at',
  'updated_at',
] as const;

export function endpointFromRow(row: EndpointRow): EndpointRecord {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    secrets: JSON.parse(row.secrets) as EndpointRecord['secrets'],
    enabledEvents: JSON.parse(row.enabled_events) as string[],
    versions: JSON.parse(row.versions) as Record<string, number>,
    ordered: bool(row.ordered),
    enabled: bool(row.enabled),
    disabledReason: row.disabled_reason as DisabledReason | null,
    disabledAt: numOrNull(row.disabled_at),
    failingSince: numOrNull(row.failing_since),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

/** Column values of an endpoint (booleans stay booleans; SQLite converts them). */
export function endpointToRow(
  endpoint: EndpointRecord,
): Record<(typeof endpointColumns)[number], unknown> {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    secrets: JSON.stringify(endpoint.secrets),
    enabled_events: JSON.stringify(endpoint.enabledEvents),
    versions: JSON.stringify(endpoint.versions),
    ordered: endpoint.ordered,
    enabled: endpoint.enabled,
    disabled_reason: endpoint.disabledReason,
    disabled_at: endpoint.disabledAt,
    failing_since: endpoint.failingSince,
    created_at: endpoint.createdAt,
    updated_at: endpoint.updatedAt,
  };
}

export interface DeliveryRow {
  seq: Num;
  id: string;
  event_id: string;
  endpoint_id: string;
  event_type: string;
  resource_id: string;
  status: string;
  version: Num | null;
  attempts: Num;
  next_attempt_at: Num | null;
  last_status_code: Num | null;
  last_error: string | null;
  created_at: Num;
  updated_at: Num;
}

export function deliveryFromRow(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    eventType: row.event_type,
    resourceId: row.resource_id,
    status: row.status as DeliveryStatus,
    version: numOrNull(row.version),
    attempts: num(row.attempts),
    nextAttemptAt: numOrNull(row.next_attempt_at),
    lastStatusCode: numOrNull(row.last_status_code),
    lastError: row.last_error,
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

export interface AttemptRow {
  delivery_id: string;
  attempt: Num;
  started_at: Num;
  duration_ms: Num;
  status_code: Num | null;
  response_excerpt: string | null;
  error: string | null;
  outcome: string;
}

export function attemptFromRow(row: AttemptRow): AttemptRecord {
  return {
    deliveryId: row.delivery_id,
    attempt: num(row.attempt),
    startedAt: num(row.started_at),
    durationMs: num(row.duration_ms),
    statusCode: numOrNull(row.status_code),
    responseExcerpt: row.response_excerpt,
    error: row.error,
    outcome: row.outcome === 'succeeded' ? 'succeeded' : 'failed',
  };
}

/**
 * The SELECT behind `listDeliveries` (see {@link DispatcherStore.listDeliveries}): newest first,
 * or oldest first with `order: 'oldest'` or when reading forward with `after`. A cursor id that
 * is unknown selects nothing (`before` compares with 0, `after` with NULL).
 */
export function listDeliveriesStatement(
  table: string,
  query: DeliveryQuery,
  limit: number,
  placeholder: () => string,
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    where.push(sql(placeholder()));
    params.push(value);
  };
  if (query.endpointId !== undefined) add((p) => `endpoint_id = ${p}`, query.endpointId);
  if (query.eventId !== undefined) add((p) => `event_id = ${p}`, query.eventId);
  if (query.status !== undefined) add((p) => `status = ${p}`, query.status);
  if (query.since !== undefined) add((p) => `created_at >= ${p}`, query.since);
  if (query.before !== undefined) {
    add((p) => `seq < COALESCE((SELECT seq FROM ${table} WHERE id = ${p}), 0)`, query.before);
  }
  if (query.after !== undefined) {
    add((p) => `seq > (SELECT seq FROM ${table} WHERE id = ${p})`, query.after);
  }
  const oldestFirst =
    (query.order ?? (query.after === undefined ? 'newest' : 'oldest')) === 'oldest';
  const order = oldestFirst ? 'ASC' : 'DESC';
  const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const sql = `SELECT * FROM ${table}${filter} ORDER BY seq ${order} LIMIT ${placeholder()}`;
  return { sql, params: [...params, limit] };
}

/** The grouped count behind `countDeliveries` (see {@link DispatcherStore.countDeliveries}). */
export function countDeliveriesStatement(
  table: string,
  query: DeliveryCountQuery,
  placeholder: () => string,
): { sql: string; params: unknown[] } {
  const since = query.since === undefined ? '' : ` WHERE created_at >= ${placeholder()}`;
  return {
    sql: `SELECT endpoint_id, status, COUNT(*) AS n FROM ${table}${since} GROUP BY endpoint_id, status`,
    params: query.since === undefined ? [] : [query.since],
  };
}

export interface DeliveryCountRow {
  endpoint_id: string;
  status: string;
  n: Num;
}

export function deliveryCountFromRow(row: DeliveryCountRow): DeliveryCount {
  return {
    endpointId: row.endpoint_id,
    status: row.status as DeliveryStatus,
    count: num(row.n),
  };
}

/** Groups attempts (already oldest first) by delivery, with an entry for every requested id. */
export function attemptsByDelivery(
  deliveryIds: readonly string[],
  rows: readonly AttemptRow[],
): Map<string, AttemptRecord[]> {
  const byDelivery = new Map<string, AttemptRecord[]>(deliveryIds.map((id) => [id, []]));
  for (const row of rows) byDelivery.get(row.delivery_id)?.push(attemptFromRow(row));
  return byDelivery;
}

/** The WHERE clause selecting the deliveries a replay looks at. */
function replayWhere(
  selector: ReplaySelector,
  placeholder: () => string,
): { sql: string; params: unknown[] } {
  if ('deliveryId' in selector)
    return { sql: `id = ${placeholder()}`, params: [selector.deliveryId] };
  if ('eventId' in selector) {
    if (selector.endpointId === undefined)
      return { sql: `event_id = ${placeholder()}`, params: [selector.eventId] };
    return {
      sql: `event_id = ${placeholder()} AND endpoint_id = ${placeholder()}`,
      params: [selector.eventId, selector.endpointId],
    };
  }
  // A dead letter's updated_at is when it failed for good (nothing else changes it since).
  return {
    sql: `endpoint_id = ${placeholder()} AND status = 'failed' AND updated_at >= ${placeholder()}`,
    params: [selector.endpointId, selector.failedSince],
  };
}

/**
 * The UPDATE behind `requeue` (see {@link DispatcherStore.requeue}): finished deliveries go
 * back in the queue with a fresh run (attempts 0), due `now`; with a `deliveryId` selector a
 * pending delivery that no worker holds a live lease on is made due `now` (attempts kept); a
 * leased one is left alone, so no second attempt ever runs beside the one in flight.
 */
/**
 * SQL: no attempt of the delivery is in flight at `now` (a placeholder or literal): it holds no
 * lease, or its lease expired. `alias` qualifies the columns (`d.`).
 */
export const notInFlight = (now: string, alias = ''): string =>
  `(${alias}lease_expires_at IS NULL OR ${alias}lease_expires_at <= ${now})`;

/**
 * SQL: the `status` and `next_attempt_at` assignments of an outcome update, from the row `v`
 * (status, next_at) of a delivery (`delivery`: its table name or alias). A retry asked for on
 * an endpoint that was disabled while the attempt ran is a dead letter instead.
 */
export const outcomeAssignments = (endpoints: string, delivery: string): string => {
  const retryOnDisabled = `v.status = 'pending' AND NOT EXISTS (SELECT 1 FROM ${endpoints} e WHERE e.id = ${delivery}.endpoint_id AND e.enabled)`;
  return `status = CASE WHEN ${retryOnDisabled} THEN 'failed' ELSE v.status END, next_attempt_at = CASE WHEN ${retryOnDisabled} THEN NULL ELSE v.next_at END`;
};

/**
 * SQL: delivery `d` of an ordered endpoint waits: another pending delivery of its endpoint and
 * resource is older, or is newer but in flight (a replayed older delivery must not run beside
 * it, nor, with Postgres, one whose publish committed after a newer one's).
 */
export const heldBack = (deliveries: string, now: string): string =>
  `(EXISTS (SELECT 1 FROM ${deliveries} p WHERE p.endpoint_id = d.endpoint_id AND p.resource_id = d.resource_id AND p.seq < d.seq AND p.status = 'pending')
    OR EXISTS (SELECT 1 FROM ${deliveries} p WHERE p.endpoint_id = d.endpoint_id AND p.resource_id = d.resource_id AND p.seq > d.seq AND p.status = 'pending' AND p.lease_expires_at > ${now}))`;

export function requeueStatement(
  table: string,
  selector: ReplaySelector,
  now: number,
  placeholder: () => string,
): { sql: string; params: unknown[] } {
  const at = placeholder();
  const updatedAt = placeholder();
  const { sql, params } = replayWhere(selector, placeholder);
  const waiting = 'deliveryId' in selector ? ` OR ${notInFlight(placeholder())}` : '';
  return {
    sql: `UPDATE ${table} SET status = 'pending', attempts = CASE WHEN status = 'pending' THEN attempts ELSE 0 END, next_attempt_at = ${at}, updated_at = ${updatedAt}, lease_token = NULL, lease_expires_at = NULL WHERE ${sql} AND (status <> 'pending'${waiting})`,
    params: 'deliveryId' in selector ? [now, now, ...params, now] : [now, now, ...params],
  };
}

/**
 * How a batch of attempts moves an endpoint's failure run: `start` is where the run stands after
 * the batch (null: ended by a success), `reset` whether a success in the batch ended the run
 * that was there before it.
 */
export interface FailureRun {
  start: number | null;
  reset: boolean;
}

/** The failure run of every endpoint a batch touches, replaying its attempts in order. */
export function failureRuns(
  attempts: readonly AttemptRecord[],
  endpointOf: (deliveryId: string) => string | undefined,
): Map<string, FailureRun> {
  const runs = new Map<string, FailureRun>();
  for (const attempt of attempts) {
    const endpointId = endpointOf(attempt.deliveryId);
    if (endpointId === undefined) continue;
    const run = runs.get(endpointId) ?? { start: null, reset: false };
    if (attempt.outcome === 'succeeded') {
      run.start = null;
      run.reset = true;
    } else {
      run.start ??= attempt.startedAt;
    }
    runs.set(endpointId, run);
  }
  return runs;
}

/**
 * The UPDATE that applies a failure run to an endpoint, returning its `failing_since` when the
 * row changed (always for a run still open). Parameters: the endpoint id, then the start.
 */
export function failureRunStatement(
  table: string,
  endpointId: string,
  run: FailureRun,
  placeholder: (n: number) => string,
): { sql: string; params: unknown[] } {
  const where = `WHERE id = ${placeholder(1)}`;
  if (run.start === null) {
    return {
      sql: `UPDATE ${table} SET failing_since = NULL ${where} AND failing_since IS NOT NULL RETURNING failing_since`,
      params: [endpointId],
    };
  }
  // A success earlier in the batch ended the old run: the new one starts at its first failure.
  const value = run.reset ? placeholder(2) : `COALESCE(failing_since, ${placeholder(2)})`;
  return {
    sql: `UPDATE ${table} SET failing_since = ${value} ${where} RETURNING failing_since`,
    params: [endpointId, run.start],
  };
}

/**
 * What `recordAttempt` reports for one attempt of a batch: recorded when the update left the
 * delivery in `status` (undefined: its lease no longer held); the endpoint's failure run only
 * after a failure.
 */
export function recordedOutcome(
  attempt: Pick<AttemptRecord, 'outcome'>,
  status: DeliveryStatus | undefined,
  endpointFailingSince: number | null | undefined,
): RecordedOutcome {
  const outcome: RecordedOutcome = {
    recorded: status !== undefined,
    failingSince: attempt.outcome === 'failed' ? (endpointFailingSince ?? null) : null,
  };
  if (status !== undefined) outcome.status = status;
  return outcome;
}
