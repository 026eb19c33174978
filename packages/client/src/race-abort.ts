import { abortedError } from './hookline-api-error.js';

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

/**
 * Waits `ms` with `sleep`; rejects with an `aborted` error naming `what` when `signal` aborts
 * during the wait, or had aborted by its end (a sleep that ignores its signal).
 */
export async function pause(
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  ms: number,
  signal: AbortSignal | undefined,
  what: string,
): Promise<void> {
  try {
    await sleep(ms, signal);
    if (signal?.aborted) throw signal.reason;
  } catch (cause) {
    throw abortedError(what, cause);
  }
}
