/** A FIFO lock for async work: one holder at a time. */
export class AsyncMutex {
  #tail: Promise<void> = Promise.resolve();
  #held = false;

  /** Whether someone holds the lock right now. */
  get locked(): boolean {
    return this.#held;
  }

  /** Runs `fn` once every earlier holder has finished. */
  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.#tail.then(async () => {
      this.#held = true;
      try {
        return await fn();
      } finally {
        this.#held = false;
      }
    });
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
