import { ReceiverError } from './receiver-error.js';
import {
  type ClaimedEntry,
  type DeadLetter,
  type InboxEntry,
  type InboxSource,
  type InboxStatus,
  type StoredError,
  unfinishedRunError,
  unfinishedRunMessage,
} from './store.js';

/** A row of the inbox table as the SQL stores read it (BIGINTs may arrive as strings). */
export interface InboxRow {
  id: string;
  event: string;
  version: number | string;
  payload: string;
  source: string;
  status: string;
  attempts: number | string;
  received_at: number | string;
  next_attempt_at: number | string;
  lease_token: string | null;
  lease_until: number | string | null;
  last_error: string | null;
  response: string | null;
  completed_at: number | string | null;
  /** Absent from tables created before receivers were named, until they are migrated. */
  receiver?: string | null;
  /** Absent from tables created before unfinished runs were counted, until they are migrated. */
  unfinished_runs?: number | string | null;
}

/** Maps a row to the public entry shape. */
export function rowToEntry(row: InboxRow): InboxEntry {
  const entry: InboxEntry = {
    id: row.id,
    event: row.event,
    version: Number(row.version),
    payload: row.payload,
    source: row.source as InboxSource,
    status: row.status as InboxStatus,
    attempts: Number(row.attempts),
    unfinishedRuns: Number(row.unfinished_runs ?? 0),
    receivedAt: Number(row.received_at),
    nextAttemptAt: Number(row.next_attempt_at),
  };
  if (row.last_error !== null) entry.lastError = JSON.parse(row.last_error) as StoredError;
  if (row.response !== null) entry.response = row.response;
  if (row.completed_at !== null) entry.completedAt = Number(row.completed_at);
  if (typeof row.receiver === 'string') entry.receiver = row.receiver;
  return entry;
}

/** Maps a claimed row (lease columns set). */
export function rowToClaimed(row: InboxRow): ClaimedEntry {
  return { ...rowToEntry(row), token: row.lease_token ?? '', leaseUntil: Number(row.lease_until) };
}

/** Maps a dead row. */
export function rowToDeadLetter(row: InboxRow): DeadLetter {
  const entry = rowToEntry(row);
  return {
    id: entry.id,
    event: entry.event,
    version: entry.version,
    payload: entry.payload,
    source: entry.source,
    attempts: entry.attempts,
    receivedAt: entry.receivedAt,
    error: entry.lastError ?? { name: 'Error', message: 'unknown' },
    failedAt: entry.completedAt ?? entry.receivedAt,
  };
}

/** Validates an SQL identifier part (table prefix, schema name) so it can be interpolated. */
export function checkIdentifier(option: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,40}$/.test(value)) {
    throw new ReceiverError(
      'invalid_options',
      `${option} ${JSON.stringify(value)} is not a plain SQL identifier. ` +
        'Use letters, digits and underscores, starting with a letter or underscore.',
    );
  }
  return value;
}

/**
 * SQL: the `last_error` and `unfinished_runs` assignments of a claim. Taking over an expired
 * lease (the row is still `processing`) records the unfinished run, numbered by the row's
 * attempts before this claim counts one, and counts it — unless `count` is false (sync mode's
 * take-over, whose run goes beside other requests and so proves nothing); any other claim
 * leaves `last_error` as it was and the count at 0. `alias` qualifies the columns (`t.`).
 */
export function unfinishedRunAssignment(alias = '', count = true): string {
  const mark = '@@attempt@@';
  const [before, after] = JSON.stringify({
    name: unfinishedRunError,
    message: unfinishedRunMessage(mark),
  }).split(mark);
  const literal = (text = '') => `'${text.replaceAll("'", "''")}'`;
  const takeOver = `${alias}status = 'processing'`;
  return `last_error = CASE WHEN ${takeOver} THEN ${literal(before)} || ${alias}attempts || ${literal(after)} ELSE ${alias}last_error END, unfinished_runs = CASE WHEN ${takeOver} THEN ${alias}unfinished_runs${count ? ' + 1' : ''} ELSE 0 END`;
}

/** SQL: pending and due at `now` (a placeholder or expression). */
export const pendingAt = (now: string): string =>
  `(status = 'pending' AND next_attempt_at <= ${now})`;

/** SQL: processing under a lease expired at `now`: a run that did not finish. */
export const expiredAt = (now: string): string =>
  `(status = 'processing' AND lease_until <= ${now})`;

/** SQL: an entry `receiver` (a placeholder) may take: its own or an unnamed one; any when NULL. */
export const ofReceiver = (receiver: string): string =>
  `(${receiver} IS NULL OR receiver IS NULL OR receiver = ${receiver})`;

/** Columns added to the inbox table after its first release: name and SQL type. */
export const addedInboxColumns = [
  ['receiver', 'TEXT'],
  ['unfinished_runs', 'INTEGER NOT NULL DEFAULT 0'],
] as const;
