import { createId } from './create-id.js';
import { DispatcherError } from './dispatcher-error.js';
import { patchedEndpoint } from './endpoint-patch.js';
import { pageSize, planDeliveries } from './fan-out.js';
import type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryCount,
  DeliveryRecord,
  EndpointRecord,
  StoredEvent,
} from './records.js';
import type { DispatcherStore } from './store.js';

interface Row {
  seq: number;
  delivery: DeliveryRecord;
  leaseToken: string | null;
  leaseExpiresAt: number | null;
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * A store in process memory: for tests and single-process experiments. Nothing survives a
 * restart and it cannot join a database transaction.
 *
 * @example
 * const dispatcher = createDispatcher({ store: createMemoryStore(), allow: { loopback: true, http: true } });
 */
export function createMemoryStore(): DispatcherStore<never> {
  const events = new Map<string, StoredEvent>();
  const endpoints = new Map<string, EndpointRecord>();
  const rows: Row[] = [];
  const byId = new Map<string, Row>();
  /**
   * Every pending row (and some no longer pending, dropped when a claim meets them): what claims
   * and the ordering rule look through, so that they cost what is left to deliver, not every
   * delivery ever made.
   */
  const open = new Set<Row>();
  const attempts = new Map<string, AttemptRecord[]>();
  let seq = 0;

  /** Same rule as the SQL stores' `heldBack`: an older pending one, or a newer one in flight. */
  const isBlocked = (row: Row, endpoint: EndpointRecord, now: number): boolean =>
    endpoint.ordered &&
    [...open].some(
      (other) =>
        other.delivery.endpointId === row.delivery.endpointId &&
        other.delivery.resourceId === row.delivery.resourceId &&
        other.delivery.status === 'pending' &&
        (other.seq < row.seq || (other.seq > row.seq && (other.leaseExpiresAt ?? 0) > now)),
    );

  const findRow = (id: string) => byId.get(id);

  /** Same rules as the SQL stores' `requeueStatement`. */
  const requeueRow = (row: Row, now: number, single: boolean): boolean => {
    const pending = row.delivery.status === 'pending';
    const leased = row.leaseExpiresAt !== null && row.leaseExpiresAt > now;
    if (pending && (!single || leased)) return false;
    Object.assign(row.delivery, {
      status: 'pending',
      attempts: pending ? row.delivery.attempts : 0,
      nextAttemptAt: now,
      updatedAt: now,
    });
    row.leaseToken = null;
    row.leaseExpiresAt = null;
    open.add(row);
    return true;
  };

  return {
    kind: 'memory',
    async init() {},
    async insertEvent(event, tx, target) {
      if (tx !== undefined) {
        throw new DispatcherError(
          'transaction_unsupported',
          'The memory store cannot join a database transaction; use the SQLite or Postgres store to publish inside one.',
        );
      }
      if (events.has(event.id)) {
        throw new DispatcherError(
          'invalid_event',
          `An event with id ${event.id} was already published; event ids must be unique.`,
        );
      }
      events.set(event.id, clone(event));
      const planned = planDeliveries(event, [...endpoints.values()], target);
      for (const delivery of planned) {
        const row: Row = { seq: ++seq, delivery, leaseToken: null, leaseExpiresAt: null };
        rows.push(row);
        byId.set(delivery.id, row);
        if (delivery.status === 'pending') open.add(row);
      }
      return { deliveries: planned.length };
    },
    async getEvent(id) {
      const event = events.get(id);
      return event && clone(event);
    },
    async createEndpoint(endpoint) {
      if (endpoints.has(endpoint.id)) {
        throw new DispatcherError(
          'invalid_endpoint',
          `Endpoint ${endpoint.id} already exists; update it instead.`,
        );
      }
      endpoints.set(endpoint.id, clone(endpoint));
    },
    async updateEndpoint(id, patch, now) {
      const current = endpoints.get(id);
      if (!current) return undefined;
      const next = clone(patchedEndpoint(current, patch, now));
      endpoints.set(id, next);
      return clone(next);
    },
    async getEndpoint(id) {
      const endpoint = endpoints.get(id);
      return endpoint && clone(endpoint);
    },
    async listEndpoints() {
      return [...endpoints.values()].map(clone);
    },
    async deleteEndpoint(id) {
      if (!endpoints.delete(id)) return false;
      for (let i = rows.length - 1; i >= 0; i--) {
        const row = rows[i]!;
        if (row.delivery.endpointId === id) {
          attempts.delete(row.delivery.id);
          byId.delete(row.delivery.id);
          open.delete(row);
          rows.splice(i, 1);
        }
      }
      return true;
    },
    async disableEndpoint(id, reason, now) {
      const endpoint = endpoints.get(id);
      if (!endpoint?.enabled) return { changed: false, deadLettered: 0 };
      Object.assign(endpoint, {
        enabled: false,
        disabledReason: reason,
        disabledAt: now,
        updatedAt: now,
      });
      let deadLettered = 0;
      for (const row of open) {
        // A delivery in flight (live lease) keeps going: its outcome decides (see recordAttempt).
        const inFlight = row.leaseToken !== null && (row.leaseExpiresAt ?? 0) > now;
        if (row.delivery.endpointId === id && row.delivery.status === 'pending' && !inFlight) {
          Object.assign(row.delivery, {
            status: 'failed',
            nextAttemptAt: null,
            lastError: `endpoint disabled (${reason})`,
            updatedAt: now,
          });
          deadLettered++;
        }
      }
      return { changed: true, deadLettered };
    },
    async claimDue({ now, limit, leaseMs }) {
      const claimed: ClaimedDelivery[] = [];
      for (const row of open) if (row.delivery.status !== 'pending') open.delete(row);
      const due = [...open]
        .filter(
          (row) =>
            (row.delivery.nextAttemptAt ?? Number.POSITIVE_INFINITY) <= now &&
            (row.leaseExpiresAt === null || row.leaseExpiresAt <= now),
        )
        .sort((a, b) => a.delivery.nextAttemptAt! - b.delivery.nextAttemptAt! || a.seq - b.seq);
      const token = createId('lease', now);
      for (const row of due) {
        if (claimed.length >= limit) break;
        const endpoint = endpoints.get(row.delivery.endpointId);
        const event = events.get(row.delivery.eventId);
        if (!endpoint?.enabled || !event || isBlocked(row, endpoint, now)) continue;
        row.leaseToken = token;
        row.leaseExpiresAt = now + leaseMs;
        claimed.push({
          delivery: clone(row.delivery),
          event: clone(event),
          endpoint: clone(endpoint),
          leaseToken: token,
        });
      }
      return claimed;
    },
    async recordAttempt({ leaseToken, attempt, next, now }) {
      const list = attempts.get(attempt.deliveryId) ?? [];
      list.push(clone(attempt));
      attempts.set(attempt.deliveryId, list);
      const row = findRow(attempt.deliveryId);
      const endpoint = row && endpoints.get(row.delivery.endpointId);
      if (endpoint) {
        endpoint.failingSince =
          attempt.outcome === 'succeeded' ? null : (endpoint.failingSince ?? attempt.startedAt);
      }
      const failingSince = endpoint?.failingSince ?? null;
      if (!row || row.leaseToken !== leaseToken || row.delivery.status !== 'pending') {
        return { recorded: false, failingSince };
      }
      // An endpoint disabled while the attempt ran takes no retries: a failure is a dead letter.
      const status =
        next.status === 'pending' && endpoint?.enabled === false ? 'failed' : next.status;
      Object.assign(row.delivery, {
        status,
        attempts: row.delivery.attempts + 1,
        nextAttemptAt:
          status === 'pending' && next.status === 'pending' ? next.nextAttemptAt : null,
        lastStatusCode: attempt.statusCode,
        lastError: attempt.error,
        updatedAt: now,
      });
      row.leaseToken = null;
      row.leaseExpiresAt = null;
      return { recorded: true, failingSince, status };
    },
    async getDelivery(id) {
      const row = findRow(id);
      return row && clone(row.delivery);
    },
    async listDeliveries(query) {
      const limit = pageSize(query.limit);
      const beforeSeq =
        query.before === undefined ? Number.POSITIVE_INFINITY : (findRow(query.before)?.seq ?? 0);
      // Same as the SQL stores: an unknown `after` id selects nothing.
      const afterSeq =
        query.after === undefined
          ? Number.NEGATIVE_INFINITY
          : (findRow(query.after)?.seq ?? Number.POSITIVE_INFINITY);
      const oldestFirst =
        (query.order ?? (query.after === undefined ? 'newest' : 'oldest')) === 'oldest';
      return rows
        .filter(
          ({ delivery: d, seq: s }) =>
            s < beforeSeq &&
            s > afterSeq &&
            (query.endpointId === undefined || d.endpointId === query.endpointId) &&
            (query.eventId === undefined || d.eventId === query.eventId) &&
            (query.status === undefined || d.status === query.status) &&
            (query.since === undefined || d.createdAt >= query.since),
        )
        .sort((a, b) => (oldestFirst ? a.seq - b.seq : b.seq - a.seq))
        .slice(0, limit)
        .map((row) => clone(row.delivery));
    },
    async countDeliveries(query) {
      const counts = new Map<string, DeliveryCount>();
      for (const { delivery: d } of rows) {
        if (query.since !== undefined && d.createdAt < query.since) continue;
        const key = `${d.endpointId}\n${d.status}`;
        const entry = counts.get(key);
        if (entry) entry.count++;
        else counts.set(key, { endpointId: d.endpointId, status: d.status, count: 1 });
      }
      return [...counts.values()];
    },
    async listAttempts(deliveryId) {
      return (attempts.get(deliveryId) ?? []).map(clone);
    },
    async listAttemptsFor(deliveryIds) {
      return new Map(deliveryIds.map((id) => [id, (attempts.get(id) ?? []).map(clone)]));
    },
    async requeue(selector, now) {
      let count = 0;
      for (const row of rows) {
        const d = row.delivery;
        const selected =
          'deliveryId' in selector
            ? d.id === selector.deliveryId
            : 'eventId' in selector
              ? d.eventId === selector.eventId &&
                (selector.endpointId === undefined || d.endpointId === selector.endpointId)
              : d.endpointId === selector.endpointId &&
                d.status === 'failed' &&
                d.updatedAt >= selector.failedSince;
        if (selected && requeueRow(row, now, 'deliveryId' in selector)) count++;
      }
      return count;
    },
    async close() {},
  };
}
