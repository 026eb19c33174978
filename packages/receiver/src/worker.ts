import type { ClaimedEntry, ReceiverStore } from './store.js';

/** Tuning for the background worker. */
export interface WorkerOptions {
  /** Entries run at the same time (and claimed per round). Default 4. */
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

interface WorkerDeps extends WorkerOptions {
  store: ReceiverStore;
  run: (entry: ClaimedEntry) => Promise<void>;
  now: () => number;
  leaseMs: number;
  onError: (error: unknown) => void;
}

/** Claims due inbox entries and runs them; one per receiver. */
export class Worker {
  readonly #deps: WorkerDeps;
  readonly #concurrency: number;
  readonly #pollMs: number;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #woken = false;

  constructor(deps: WorkerDeps) {
    this.#deps = deps;
    this.#concurrency = Math.max(1, deps.concurrency ?? 4);
    this.#pollMs = Math.max(1, deps.pollIntervalMs ?? 1000);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#runLoop();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
    this.#loop = undefined;
  }

  /** Cuts the current sleep short (new work arrived). */
  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }

  /** Runs rounds until nothing is due. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const ran = await this.#round();
      total += ran;
      if (ran === 0) return total;
    }
  }

  async #round(): Promise<number> {
    const batch = await this.#deps.store.claim({
      now: this.#deps.now(),
      leaseMs: this.#deps.leaseMs,
      limit: this.#concurrency,
      token: crypto.randomUUID(),
    });
    await Promise.all(batch.map((entry) => this.#deps.run(entry)));
    return batch.length;
  }

  async #runLoop(): Promise<void> {
    while (this.#running) {
      this.#woken = false;
      let ran = 0;
      try {
        ran = await this.#round();
      } catch (error) {
        this.#deps.onError(error);
      }
      if (ran > 0 || !this.#running || this.#woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#pollMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }
}
