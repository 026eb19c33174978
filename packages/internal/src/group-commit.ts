/** The outcome of one item of a batch. */
export type BatchOutcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

/** Runs `fn` on the next turn of the event loop (setImmediate where the runtime has it). */
export const nextTurn: (fn: () => void) => void =
  typeof globalThis.setImmediate === 'function'
    ? (fn) => globalThis.setImmediate(fn)
    : (fn) => setTimeout(fn, 0);

/**
 * Group commit: coalesces the calls made while a batch is being written (or within one turn of
 * the event loop) into the next batch, so many callers share one transaction and one fsync.
 * `run` writes a whole batch in ONE transaction and reports an outcome per item; a caller's
 * promise settles only after that transaction committed (or failed). One batch runs at a time.
 */
export function createGroupCommit<I, O>(
  run: (items: readonly I[]) => Promise<BatchOutcome<O>[]>,
  maxBatch = 512,
): (item: I) => Promise<O> {
  interface Entry {
    item: I;
    resolve: (value: O) => void;
    reject: (error: unknown) => void;
  }
  let queue: Entry[] = [];
  let running = false;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || running) return;
    scheduled = true;
    nextTurn(() => {
      scheduled = false;
      void flush();
    });
  };

  const flush = async () => {
    if (running || queue.length === 0) return;
    running = true;
    const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
    queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
    try {
      const outcomes = await run(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => {
        const outcome = outcomes[i];
        if (outcome?.ok) entry.resolve(outcome.value);
        else entry.reject(outcome ? outcome.error : new Error('batch produced no outcome'));
      });
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      running = false;
      if (queue.length > 0) schedule();
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
