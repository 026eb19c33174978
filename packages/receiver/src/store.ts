/** Where an event entered the receiver: a signed push or a pull through catch-up. */
export type InboxSource = 'push' | 'pull';

/** Life cycle of an inbox entry. */
export type InboxStatus = 'pending' | 'processing' | 'done' | 'dead';

/** An error as it is stored: message and stack only (secrets redacted by the receiver). */
export interface StoredError {
  name: string;
  message: string;
  stack?: string;
}

/** What the receiver writes when an authentic event arrives. */
export interface NewInboxEntry {
  /** Event id: the dedupe key. */
  id: string;
  /** The Hookline event name, or the provider's event type. */
  event: string;
  /** The Hookline contract version (1 and up), or 0 for a provider-native event. */
  version: number;
  /**
   * The validated envelope as JSON (the body exactly as signed when it carries its own id and
   * version), or a provider-native body exactly as it was signed.
   */
  payload: string;
  source: InboxSource;
  /** Milliseconds since the epoch. */
  receivedAt: number;
  /**
   * When set, the entry is inserted already claimed with this lease (sync mode: the request
   * that inserted it runs the handler itself). Otherwise it is inserted `pending`, due now.
   */
  claim?: { token: string; leaseUntil: number };
  /**
   * The receiver that owns the entry (its `name`): claims that name a receiver take only its
   * entries, so receivers sharing one table never run (or complete) each other's events.
   */
  receiver?: string;
}

/** An inbox entry as stored. */
export interface InboxEntry {
  id: string;
  event: string;
  version: number;
  payload: string;
  source: InboxSource;
  status: InboxStatus;
  /**
   * Handler runs started so far (incremented by each claim, including the claim that
   * dead-letters an entry whose runs did not finish without running it again).
   */
  attempts: number;
  /**
   * How many runs in a row did not finish (the lease expired while the entry was still
   * processing: the process stopped, or the handler ran past the lease), counted by the claim
   * that takes the entry over (not by sync mode's {@link ReceiverStore.claimEntry}, whose run
   * goes beside other requests); back to 0 when a run completes or fails. Absent from stores
   * that do not track it (counts as 0).
   */
  unfinishedRuns?: number;
  receivedAt: number;
  nextAttemptAt: number;
  lastError?: StoredError;
  /** Sync mode: the JSON response the handler produced, returned again to duplicates. */
  response?: string;
  completedAt?: number;
  /** The receiver that owns it; absent for entries stored before receivers were named. */
  receiver?: string;
}

/** An entry handed to one worker until `leaseUntil`; only the holder of `token` may settle it. */
export interface ClaimedEntry extends InboxEntry {
  token: string;
  leaseUntil: number;
}

/**
 * `lastError.name` of an entry a claim took over from an expired lease: its previous run never
 * settled (the process stopped, or the handler ran past its lease). The message says which run.
 */
export const unfinishedRunError = 'UnfinishedRun';

/** The `lastError` message of an entry whose run `attempt` never settled (see {@link unfinishedRunError}). */
export const unfinishedRunMessage = (attempt: number | string): string =>
  `run ${attempt} did not finish: its lease expired (the process stopped, or the handler ran past the lease)`;

/** Options for {@link ReceiverStore.claim}. */
export interface ClaimOptions {
  now: number;
  /** Lease (visibility timeout) in ms: an unsettled claim becomes claimable again after it. */
  leaseMs: number;
  limit: number;
  /** A fresh random token per claim call. */
  token: string;
  /**
   * Also take an entry under an expired lease (its run did not finish). Default true. A worker
   * with runs in flight passes false, so such an entry goes to a worker that can start it at
   * once and alone.
   */
  takeOver?: boolean;
  /**
   * Take only entries of this receiver, and unnamed ones (stored before receivers were named).
   * Undefined: any entry.
   */
  receiver?: string;
}

/** Options for {@link ReceiverStore.claimEntry}: a claim of one named entry. */
export type ClaimEntryOptions = Omit<ClaimOptions, 'limit'>;

/** A dead-lettered entry. */
export interface DeadLetter {
  id: string;
  event: string;
  version: number;
  payload: string;
  source: InboxSource;
  attempts: number;
  receivedAt: number;
  error: StoredError;
  failedAt: number;
}

/** Result of {@link ReceiverStore.insert}. */
export type InsertResult = { inserted: true } | { inserted: false; existing: InboxEntry };

/**
 * The durable inbox and dedupe table behind a receiver. Memory, SQLite and Postgres
 * implement it; the same contract tests run against each.
 *
 * Settling methods (`complete`, `fail`, `deadLetter`, `release`, `extendLease`) take the claim token and
 * return false (and change nothing) when the claim is no longer held — the lease expired and
 * another worker took the entry over.
 */
export interface ReceiverStore {
  /** Inserts if no entry with this id exists. `inserted: false` means a duplicate. */
  insert(entry: NewInboxEntry): Promise<InsertResult>;
  /**
   * Claims up to `limit` due entries: pending with `nextAttemptAt <= now`, or processing with an
   * expired lease. Each claim counts an attempt. An entry taken over from an expired lease (its
   * previous run never settled) is claimed alone — while one is claimable, a claim returns only
   * the oldest such entry — with `lastError` naming the unfinished run
   * ({@link unfinishedRunError}) and `unfinishedRuns` counting it, so a handler that takes the
   * process down is pinned on its own event instead of on the events that ran beside it. With
   * `takeOver: false`, entries under an expired lease are left for another claim. A `limit`
   * below 1 claims nothing.
   */
  claim(options: ClaimOptions): Promise<ClaimedEntry[]>;
  /**
   * Claims the entry `id` when it is claimable like {@link ReceiverStore.claim} would take it
   * (pending and due, or processing with an expired lease); undefined otherwise. Sync mode uses
   * it to take over an event whose handling request died mid-handler.
   */
  claimEntry(id: string, options: ClaimEntryOptions): Promise<ClaimedEntry | undefined>;
  /**
   * Whether an entry under an expired lease (its run did not finish) waits to be taken over, for
   * `receiver` as {@link ReceiverStore.claim} would take it. Optional: a busy worker asks once a
   * lease before it stops claiming to take such an entry over alone; without it, it stops anyway.
   */
  hasUnfinishedRuns?(options: { now: number; receiver?: string }): Promise<boolean>;
  /** Marks a claimed entry done (optionally storing the sync response). */
  complete(id: string, token: string, now: number, response?: string): Promise<boolean>;
  /** Records a failed run; the entry becomes pending again at `nextAttemptAt`. */
  fail(id: string, token: string, error: StoredError, nextAttemptAt: number): Promise<boolean>;
  /** Moves a claimed entry to the dead letters with its last error. */
  deadLetter(id: string, token: string, error: StoredError, now: number): Promise<boolean>;
  /** Pushes a held claim's lease out to `leaseUntil` (the worker's heartbeat while a handler runs). */
  extendLease(id: string, token: string, leaseUntil: number): Promise<boolean>;
  /** Deletes a claimed entry so a redelivery is treated as new (sync mode: the handler failed). */
  release(id: string, token: string): Promise<boolean>;
  /** Dead letters, oldest failure first. */
  listDeadLetters(options?: { limit?: number }): Promise<DeadLetter[]>;
  /** Makes a dead (or done) entry pending again with attempts reset. False when not found or still in flight. */
  replay(id: string, now: number): Promise<boolean>;
  /**
   * Like `replay`, but only while the entry is still dead, in one conditional write: false when
   * it is not (any more) — another delivery, a replay or a worker got to it first. The receiver
   * uses it to queue a sender's redelivery of a dead letter again. Optional for stores written
   * before it existed: without it such a redelivery stays a dead letter (`replay(id)` still works).
   */
  requeueDead?(id: string, now: number): Promise<boolean>;
  /** Reads one entry. */
  get(id: string): Promise<InboxEntry | undefined>;
  /** Releases connections the store opened itself. */
  close(): Promise<void>;
}
