import { abortedError, HooklineApiError } from './hookline-api-error.js';
import { pause, raceAbort } from './race-abort.js';
import { sleep as defaultSleep } from './retry-delay.js';

/** How {@link poll} paces itself; defaults: every 1 s, no backoff, up to 30 s apart, 60 s deadline. */
export interface PollOptions {
  /** First wait between requests in ms. Default 1000. */
  intervalMs?: number | undefined;
  /** Factor applied to the wait after each request (1 = constant). Default 1. */
  backoff?: number | undefined;
  /** Longest wait between requests in ms. Default 30000. */
  maxIntervalMs?: number | undefined;
  /** Deadline in ms after the start; no request starts after it. Default 60000. */
  timeoutMs?: number | undefined;
  /**
   * Stops polling, also during a request or the condition; rejects with code `aborted`. It is
   * passed to `request` so that the request itself can be cancelled.
   */
  signal?: AbortSignal | undefined;
  /** Waits between requests (inject in tests). */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Clock in ms (inject in tests). Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** What {@link poll} resolves to: the result that met the condition and what it took. */
export interface PollOutcome<R> {
  result: R;
  /** Requests made, the last included. */
  requests: number;
  elapsedMs: number;
}

/** What {@link poll} passes to each request. */
export interface PollContext {
  /** The `signal` of the poll options: pass it on to cancel the request when polling stops. */
  signal: AbortSignal | undefined;
}

/**
 * Calls `request` until `until(result)` holds, waiting `intervalMs` (times `backoff` after
 * each try, capped at `maxIntervalMs`) in between. Rejects with a `poll_timeout`
 * {@link HooklineApiError} when the next request would start after `timeoutMs`, and with
 * `aborted` as soon as `signal` fires (no request starts after that).
 * @example
 * const { result, requests } = await poll(
 *   ({ signal }) => client.GET('/v1/payments/{payment_id}', { params: { path: { payment_id } }, signal }),
 *   (r) => r.ok && r.data.status !== 'pending',
 *   { intervalMs: 500, backoff: 2, timeoutMs: 30_000 },
 * );
 */
export async function poll<R>(
  request: (context: PollContext) => Promise<R>,
  until: (result: R) => boolean | Promise<boolean>,
  options: PollOptions = {},
): Promise<PollOutcome<R>> {
  const {
    backoff = 1,
    maxIntervalMs = 30_000,
    timeoutMs = 60_000,
    signal,
    sleep = defaultSleep,
    now = Date.now,
  } = options;
  const start = now();
  let interval = options.intervalMs ?? 1000;
  const stopped = () => abortedError('poll()', signal?.reason);
  for (let requests = 1; ; requests++) {
    // Checked before each request: a sleep that ignores its signal must not start one.
    if (signal?.aborted) throw stopped();
    const result = await raceAbort(request({ signal }), signal, stopped);
    if (await raceAbort(until(result), signal, stopped))
      return { result, requests, elapsedMs: now() - start };
    const elapsed = now() - start;
    if (elapsed + interval > timeoutMs)
      throw new HooklineApiError(
        'poll_timeout',
        `poll() timed out after ${requests} requests in ${elapsed} ms; raise timeoutMs or check the condition`,
      );
    await pause(sleep, interval, signal, 'poll()');
    interval = Math.min(maxIntervalMs, interval * backoff);
  }
}
