import { ReceiverError } from './receiver-error.js';
import type { ClaimedEntry, ReceiverStore } from './store.js';

/** Tuning for the background worker. */
export interface WorkerOptions {
  /** Entries run at the same time; a freed slot is refilled at once. Default 4. */
  concurrency?: number;
  /** How long to sleep when nothing is due, in ms. Default 1000. New pushes wake it at once. */
  pollIntervalMs?: number;
  /**
   * Lease (visibility timeout) in ms. A running handler's lease is extended every third of
   * it; a claim whose worker stopped extending it (crashed, frozen, lost the database)
   * becomes claimable by another worker once it runs out. Default 60_000.
   */
  leaseMs?: number;
}

/** setTimeout's longest delay; a longer one fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Refuses worker options that would stall or break the worker (a `NaN` from an unset
 * environment variable, a fractional concurrency the SQL stores cannot use as a LIMIT), naming
 * the option.
 *
 * @throws {ReceiverError} `invalid_options`
 */
export function checkWorkerOptions(options: WorkerOptions = {}): void {
  const { concurrency, pollIntervalMs, leaseMs } = options;
  if (leaseMs !== undefined && !(Number.isSafeInteger(leaseMs) && leaseMs > 0)) {
    // Stored as whole milliseconds (Postgres BIGINT): a fraction would fail every claim.
    throw new ReceiverError(
      'invalid_options',
      `worker.leaseMs must be a whole number of milliseconds above 0, got ${leaseMs}.`,
    );
  }
  if (concurrency !== undefined && !(Number.isSafeInteger(concurrency) && concurrency >= 1)) {
    throw new ReceiverError(
      'invalid_options',
      `worker.concurrency must be a whole number of at least 1, got ${String(concurrency)}. Omit it for the default (4).`,
    );
  }
  if (
    pollIntervalMs !== undefined &&
    !(Number.isFinite(pollIntervalMs) && pollIntervalMs >= 1 && pollIntervalMs <= MAX_TIMER_MS)
  ) {
    throw new ReceiverError(
      'invalid_options',
      `worker.pollIntervalMs must be a number of milliseconds from 1 to ${MAX_TIMER_MS}, got ${String(pollIntervalMs)}. Omit it for the default (1000).`,
    );
  }
}

interface WorkerDeps extends WorkerOptions {
  store: ReceiverStore;
  /** The receiver's name: the worker claims only its entries (and unnamed ones). */
  receiver: string;
  run: (entry: ClaimedEntry) => Promise<void>;
  now: () => number;
  leaseMs: number;
  onError: (error: unknown) => void;
}

const ignore = (): void => {};

/**
 * Claims due inbox entries and runs them, keeping up to `concurrency` in flight: a slot is
 * refilled as soon as its entry settles, so one slow handler does not idle the others.
 * One per receiver.
 */
export class Worker {
  readonly #deps: WorkerDeps;
  readonly #concurrency: number;
  readonly #pollMs: number;
  /**
   * Runs of this worker not yet settled, by entry id. A claim can hand back an entry this worker
   * is still running (its lease ran out while the store was unreachable); that run waits for the
   * first one instead of running the handlers beside it.
   */
  readonly #byId = new Map<string, Promise<void>>();
  /**
   * Runs in flight, of the loop and of drain() alike: together they never hold more than
   * `concurrency` (drain() while the worker runs fills the loop's free slots, not its own).
   */
  readonly #inFlight = new Set<Promise<void>>();
  /**
   * Runs in flight of entries whose previous run did not finish (see ReceiverStore.claim). Such
   * an entry is claimed only with nothing else in flight, and while it runs nothing new is
   * claimed: if it takes the process down again, it goes down alone.
   */
  #unfinished = 0;
  /** When a busy worker next stops claiming to look for entries whose run did not finish. */
  #takeOverDueAt = 0;
  #running = false;
  /** Bumped by every start() and stop(): a loop runs while the generation it started in lasts. */
  #generation = 0;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  /** Something happened since the loop last looked (a push arrived, a slot freed, stop). */
  #nudged = false;

  constructor(deps: WorkerDeps) {
    this.#deps = deps;
    this.#concurrency = Math.max(1, deps.concurrency ?? 4);
    this.#pollMs = Math.max(1, deps.pollIntervalMs ?? 1000);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    // A loop still stopping (stop() not awaited) finishes its runs first: never two loops.
    const stopping = this.#loop;
    const generation = ++this.#generation;
    this.#loop = (stopping ?? Promise.resolve()).then(() => this.#runLoop(generation));
  }

  /** Stops claiming and resolves once the entries already running have settled. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#generation++;
    this.wake();
    const loop = this.#loop;
    await loop;
    if (this.#loop === loop) this.#loop = undefined;
  }

  /** Cuts the current sleep short (new work arrived). */
  wake(): void {
    this.#nudged = true;
    this.#wake?.();
  }

  /**
   * Runs due entries, up to `concurrency` at a time, until a claim finds nothing while nothing
   * is running; resolves with how many ran. Rejects with the first store error, after the
   * entries already running have settled.
   */
  async drain(): Promise<number> {
    const inFlight = this.#inFlight;
    let total = 0;
    let failure: { error: unknown } | undefined;
    const fail = (error: unknown) => {
      failure ??= { error };
    };
    for (;;) {
      // After the first failure, only wait for what is already running.
      if (failure === undefined) total += await this.#fillSlots(inFlight, fail);
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }
    if (failure !== undefined) throw failure.error;
    return total;
  }

  /**
   * Claims as many due entries as `inFlight` has free slots and launches them; resolves with
   * how many it launched. Never rejects: a failed claim goes to `onFailure`, like a failed run,
   * and the caller decides whether to claim again.
   */
  async #fillSlots(
    inFlight: Set<Promise<void>>,
    onFailure: (error: unknown) => void,
  ): Promise<number> {
    const free = this.#concurrency - inFlight.size;
    if (free <= 0 || this.#unfinished > 0) return 0;
    // Entries whose run did not finish are taken over with nothing in flight, so they start at
    // once and alone. Once a lease, a busy worker stops claiming for up to a lease to let its
    // runs settle and look; runs that outlast that (a slow or hung handler) get them taken over
    // beside them rather than never.
    const idle = inFlight.size === 0;
    const now = this.#deps.now();
    const { leaseMs } = this.#deps;
    if (!idle && now >= this.#takeOverDueAt && now < this.#takeOverDueAt + leaseMs) return 0;
    const takeOver = idle || now >= this.#takeOverDueAt;
    try {
      const batch = await this.#claim(free, takeOver);
      if (takeOver) this.#takeOverDueAt = now + leaseMs;
      for (const entry of batch) this.#launch(entry, inFlight, onFailure);
      return batch.length;
    } catch (error) {
      onFailure(error);
      return 0;
    }
  }

  /** `takeOver`: also entries whose run did not finish (only with nothing in flight). */
  #claim(limit: number, takeOver: boolean) {
    return this.#deps.store.claim({
      now: this.#deps.now(),
      leaseMs: this.#deps.leaseMs,
      limit,
      token: crypto.randomUUID(),
      receiver: this.#deps.receiver,
      takeOver,
    });
  }

  /**
   * Starts one claimed entry and tracks it in `inFlight` until it settles (the tracked promise
   * never rejects: a failure goes to `onFailure`).
   */
  #launch(
    entry: ClaimedEntry,
    inFlight: Set<Promise<void>>,
    onFailure: (error: unknown) => void,
  ): void {
    const previous = this.#byId.get(entry.id);
    // A run that died elsewhere — not this worker's own run, still going, whose lease lapsed.
    const unfinished = (entry.unfinishedRuns ?? 0) > 0 && previous === undefined;
    if (unfinished) this.#unfinished++;
    // This worker's own run of it is still going (its lease lapsed, and the store handed it
    // back): run again after it, keeping the new lease meanwhile, or every claim would hand the
    // entry back, alone, again and again.
    const run: Promise<void> =
      previous === undefined
        ? this.#deps.run(entry)
        : this.#holdLease(entry, previous).then((held) =>
            held ? this.#deps.run(entry) : undefined,
          );
    const settled: Promise<void> = run.then(ignore, onFailure).then(() => {
      if (unfinished) this.#unfinished--;
      inFlight.delete(settled);
      if (this.#byId.get(entry.id) === settled) this.#byId.delete(entry.id);
      this.wake();
    });
    inFlight.add(settled);
    this.#byId.set(entry.id, settled);
  }

  /**
   * Keeps a claimed entry's lease (extended every third of it) until `until` settles; resolves
   * false if the lease was lost meanwhile (another worker took the entry over), else true.
   */
  #holdLease(entry: ClaimedEntry, until: Promise<unknown>): Promise<boolean> {
    const { store, now, leaseMs } = this.#deps;
    let lost = false;
    const timer = setInterval(
      () => {
        store.extendLease(entry.id, entry.token, now() + leaseMs).then(
          (held) => {
            if (!held) lost = true;
          },
          // The store is unreachable: try again on the next beat (the run's own heartbeat does
          // the same).
          ignore,
        );
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    return until.then(() => {
      clearInterval(timer);
      return !lost;
    });
  }

  async #runLoop(generation: number): Promise<void> {
    const inFlight = this.#inFlight;
    const current = () => this.#generation === generation;
    while (current()) {
      this.#nudged = false;
      // A failed claim is reported; the next poll, push or freed slot claims again.
      await this.#fillSlots(inFlight, this.#deps.onError);
      if (!current() || this.#nudged) continue;
      // Full: wait for a slot to free. Otherwise nothing more is due: wait for a push, a freed
      // slot (its retry may be due) or the poll interval.
      const full = inFlight.size >= this.#concurrency;
      await new Promise<void>((resolve) => {
        const timer = full ? undefined : setTimeout(resolve, this.#pollMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
    await Promise.all(inFlight);
  }
}
