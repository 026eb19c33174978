import { startHeartbeat } from './lease-heartbeat.js';
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
   * claimed (for up to a lease: `#aloneUntil`, so that a handler that hangs cannot stall the
   * worker): if it takes the process down again, it goes down alone.
   */
  #unfinished = 0;
  /** Until when (performance.now()) the latest taken-over run keeps the worker to itself. */
  #aloneUntil = 0;
  /**
   * When (performance.now()) a busy worker next asks whether an entry whose run did not finish
   * waits to be taken over: once a lease.
   */
  #lookAt = 0;
  /**
   * Set while a busy worker claims nothing so that its runs settle and it can take such an
   * entry over alone: until when (performance.now(); at most a lease).
   */
  #pausedUntil: number | undefined;
  /**
   * The claims of the loop and of drain(), one at a time: two at once would both see the
   * worker idle and could take an entry over beside the other's batch (or overfill the slots).
   */
  #filling: Promise<unknown> = Promise.resolve();
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
  #fillSlots(inFlight: Set<Promise<void>>, onFailure: (error: unknown) => void): Promise<number> {
    const filled = this.#filling.then(() => this.#fillSlotsNow(inFlight, onFailure));
    this.#filling = filled.then(ignore, ignore);
    return filled;
  }

  async #fillSlotsNow(
    inFlight: Set<Promise<void>>,
    onFailure: (error: unknown) => void,
  ): Promise<number> {
    const free = this.#concurrency - inFlight.size;
    const at = performance.now();
    if (free <= 0 || (this.#unfinished > 0 && at < this.#aloneUntil)) return 0;
    // An entry whose run did not finish is taken over only with nothing in flight, so it starts
    // at once and alone. Once a lease, a busy worker asks whether one waits; if so, it claims
    // nothing for up to a lease so that its runs settle. Runs that outlast that (a slow or hung
    // handler) send it back to its work, to look again a lease later. Real time, not `now`:
    // a test clock that stands still must not hold the pause forever.
    const idle = inFlight.size === 0;
    const { leaseMs } = this.#deps;
    if (!idle) {
      if (this.#pausedUntil !== undefined) {
        if (at < this.#pausedUntil) return 0;
        // Its runs outlasted the pause: back to work, and look again a lease later.
        this.#pausedUntil = undefined;
        this.#lookAt = at + leaseMs;
      } else if (at >= this.#lookAt) {
        this.#lookAt = at + leaseMs;
        if (await this.#unfinishedRunWaiting()) {
          this.#pausedUntil = at + leaseMs;
          return 0;
        }
      }
    }
    try {
      const batch = await this.#claim(free, idle);
      if (idle) {
        this.#pausedUntil = undefined;
        this.#lookAt = at + leaseMs;
      }
      for (const entry of batch) this.#launch(entry, inFlight, onFailure);
      return batch.length;
    } catch (error) {
      onFailure(error);
      return 0;
    }
  }

  /** Whether an entry whose run did not finish waits (true when the store cannot tell). */
  async #unfinishedRunWaiting(): Promise<boolean> {
    const { store } = this.#deps;
    if (!store.hasUnfinishedRuns) return true;
    try {
      return await store.hasUnfinishedRuns({
        now: this.#deps.now(),
        receiver: this.#deps.receiver,
      });
    } catch {
      // The store is unreachable: the claim that follows reports it.
      return false;
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
    if (unfinished) {
      this.#unfinished++;
      this.#aloneUntil = performance.now() + this.#deps.leaseMs;
    }
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
    const stop = startHeartbeat({
      extend: () => store.extendLease(entry.id, entry.token, now() + leaseMs),
      leaseMs,
      onBeat: (held) => {
        if (held) return;
        lost = true;
        stop();
      },
      // The store is unreachable: try again on the next beat (the run's own heartbeat does the
      // same).
      onError: ignore,
    });
    return until.then(() => {
      stop();
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
      // A pause to take an unfinished run over, or a taken-over run's time alone, ends on
      // time, whatever the poll interval.
      // Only deadlines still ahead: one already passed (a run that outlasted its time alone, an
      // idle claim that failed after a pause) would make this a 1 ms busy loop.
      const at = performance.now();
      const ahead = (deadline: number | undefined) =>
        deadline !== undefined && deadline > at ? deadline : Infinity;
      const until = Math.min(
        ahead(this.#pausedUntil),
        this.#unfinished > 0 ? ahead(this.#aloneUntil) : Infinity,
      );
      const sleepMs = Math.min(this.#pollMs, Math.max(1, Math.ceil(until - at)));
      await new Promise<void>((resolve) => {
        const timer = full ? undefined : setTimeout(resolve, sleepMs);
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
