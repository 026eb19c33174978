import {
  type ClaimedEntry,
  type ClaimOptions,
  type DeadLetter,
  type InboxEntry,
  type InsertResult,
  type NewInboxEntry,
  type ReceiverStore,
  type StoredError,
  unfinishedRunError,
  unfinishedRunMessage,
} from './store.js';

interface Row extends InboxEntry {
  token?: string;
  leaseUntil?: number;
}

/**
 * An in-memory {@link ReceiverStore}: for tests and single-process experiments. Nothing
 * survives a restart — use `@hookline/receiver/sqlite` or `/postgres` for durability.
 *
 * @example
 * ```ts
 * const receiver = createReceiver({ secret, store: createMemoryStore() })
 * ```
 */
export function createMemoryStore(): ReceiverStore {
  const rows = new Map<string, Row>();
  /**
   * The pending and processing rows: what claims look through, so that they cost what is
   * still to do, not every event the inbox has kept (handled ones stay for dedupe).
   */
  const open = new Set<Row>();
  const setStatus = (row: Row, status: Row['status']): void => {
    row.status = status;
    if (status === 'pending' || status === 'processing') open.add(row);
    else open.delete(row);
  };

  const held = (id: string, token: string): Row | undefined => {
    const row = rows.get(id);
    return row?.status === 'processing' && row.token === token ? row : undefined;
  };
  const publicEntry = (row: Row): InboxEntry => {
    const { token: _t, leaseUntil: _l, ...entry } = row;
    return structuredClone(entry);
  };
  const claimable = (row: Row, now: number, receiver: string | undefined): boolean =>
    (receiver === undefined || row.receiver === undefined || row.receiver === receiver) &&
    ((row.status === 'pending' && row.nextAttemptAt <= now) ||
      (row.status === 'processing' && (row.leaseUntil ?? 0) <= now));
  /** `counted`: false for sync mode's take-over (its run goes beside other requests). */
  const take = (row: Row, token: string, leaseUntil: number, counted = true): ClaimedEntry => {
    if (row.status === 'processing') {
      row.lastError = { name: unfinishedRunError, message: unfinishedRunMessage(row.attempts) };
      row.unfinishedRuns = (row.unfinishedRuns ?? 0) + (counted ? 1 : 0);
    } else {
      row.unfinishedRuns = 0;
    }
    setStatus(row, 'processing');
    row.attempts += 1;
    row.token = token;
    row.leaseUntil = leaseUntil;
    return { ...publicEntry(row), token, leaseUntil };
  };

  const requeue = (row: Row, now: number): void => {
    setStatus(row, 'pending');
    row.attempts = 0;
    row.unfinishedRuns = 0;
    row.nextAttemptAt = now;
    delete row.lastError;
    delete row.completedAt;
    delete row.response;
  };

  return {
    async insert(entry: NewInboxEntry): Promise<InsertResult> {
      const existing = rows.get(entry.id);
      if (existing) return { inserted: false, existing: publicEntry(existing) };
      const row: Row = {
        id: entry.id,
        event: entry.event,
        version: entry.version,
        payload: entry.payload,
        source: entry.source,
        status: entry.claim ? 'processing' : 'pending',
        attempts: entry.claim ? 1 : 0,
        unfinishedRuns: 0,
        receivedAt: entry.receivedAt,
        nextAttemptAt: entry.receivedAt,
      };
      if (entry.receiver !== undefined) row.receiver = entry.receiver;
      if (entry.claim) {
        row.token = entry.claim.token;
        row.leaseUntil = entry.claim.leaseUntil;
      }
      rows.set(entry.id, row);
      open.add(row);
      return { inserted: true };
    },

    async claim(options: ClaimOptions): Promise<ClaimedEntry[]> {
      const { now, leaseMs, limit, token, receiver, takeOver = true } = options;
      if (!(limit >= 1)) return [];
      const claimableRows = [...open]
        .filter((row) => claimable(row, now, receiver) && (takeOver || row.status === 'pending'))
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
      // An entry whose run never settled goes alone (see ReceiverStore.claim).
      const unfinished = claimableRows.find((row) => row.status === 'processing');
      const due = unfinished ? [unfinished] : claimableRows.slice(0, limit);
      return due.map((row) => take(row, token, now + leaseMs));
    },

    async hasUnfinishedRuns({ now, receiver }) {
      for (const row of open) {
        if (row.status === 'processing' && claimable(row, now, receiver)) return true;
      }
      return false;
    },

    async claimEntry(id, { now, leaseMs, token, receiver }) {
      const row = rows.get(id);
      return row && claimable(row, now, receiver)
        ? take(row, token, now + leaseMs, false)
        : undefined;
    },

    async complete(id, token, now, response) {
      const row = held(id, token);
      if (!row) return false;
      setStatus(row, 'done');
      row.unfinishedRuns = 0;
      row.completedAt = now;
      if (response !== undefined) row.response = response;
      delete row.token;
      delete row.leaseUntil;
      return true;
    },

    async fail(id, token, error: StoredError, nextAttemptAt) {
      const row = held(id, token);
      if (!row) return false;
      setStatus(row, 'pending');
      row.unfinishedRuns = 0;
      row.lastError = { ...error };
      row.nextAttemptAt = nextAttemptAt;
      delete row.token;
      delete row.leaseUntil;
      return true;
    },

    async deadLetter(id, token, error: StoredError, now) {
      const row = held(id, token);
      if (!row) return false;
      setStatus(row, 'dead');
      row.lastError = { ...error };
      row.completedAt = now;
      delete row.token;
      delete row.leaseUntil;
      return true;
    },

    async extendLease(id, token, leaseUntil) {
      const row = held(id, token);
      if (!row) return false;
      row.leaseUntil = leaseUntil;
      return true;
    },

    async release(id, token) {
      const row = held(id, token);
      if (!row) return false;
      rows.delete(id);
      open.delete(row);
      return true;
    },

    async listDeadLetters(options = {}): Promise<DeadLetter[]> {
      return [...rows.values()]
        .filter((row) => row.status === 'dead')
        .sort((a, b) => (a.completedAt ?? 0) - (b.completedAt ?? 0))
        .slice(0, options.limit ?? Number.POSITIVE_INFINITY)
        .map((row) => ({
          id: row.id,
          event: row.event,
          version: row.version,
          payload: row.payload,
          source: row.source,
          attempts: row.attempts,
          receivedAt: row.receivedAt,
          error: { ...(row.lastError ?? { name: 'Error', message: 'unknown' }) },
          failedAt: row.completedAt ?? row.receivedAt,
        }));
    },

    async replay(id, now) {
      const row = rows.get(id);
      if (!row || (row.status !== 'dead' && row.status !== 'done')) return false;
      requeue(row, now);
      return true;
    },

    async requeueDead(id, now) {
      const row = rows.get(id);
      if (row?.status !== 'dead') return false;
      requeue(row, now);
      return true;
    },

    async get(id) {
      const row = rows.get(id);
      return row ? publicEntry(row) : undefined;
    },

    async close() {},
  };
}
