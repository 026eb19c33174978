/**
 * `step`, or a rejection with `stopped()` as soon as `signal` aborts (at once if it already
 * has), whichever comes first. The step is not cancelled, only no longer awaited.
 */
export function raceAbort<T>(
  step: T | Promise<T>,
  signal: AbortSignal | undefined,
  stopped: () => unknown,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(stopped());
    const onAbort = () => reject(stopped());
    signal?.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(step)
      .finally(() => signal?.removeEventListener('abort', onAbort))
      .then(resolve, reject);
  });
}
