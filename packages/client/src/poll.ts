import { HooklineApiError } from './hookline-api-error.js';
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
  /** Stops polling; rejects with code `aborted`. */
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

/**
 * Calls `request` until `until(result)` holds, waiting `intervalMs` (times `backoff` after
 * each try, capped at `maxIntervalMs`) in between. Rejects with a `poll_timeout`
 * {@link HooklineApiError} when the next request would start after `timeoutMs`.
 * @example
 * const { result, requests } = await poll(
 *   () => client.GET('/v1/payments/{payment_id}', { params: { path: { payment_id } } }),
 *   (r) => r.ok && r.data.status !== 'pending',
 *   { intervalMs: 500, backoff: 2, timeoutMs: 30_000 },
 * );
 */
export async function poll<R>(
  request: () => Promise<R>,
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
  for (let requests = 1; ; requests++) {
    const result = await request();
    if (await until(result)) return { result, requests, elapsedMs: now() - start };
    const elapsed = now() - start;
    if (elapsed + interval > timeoutMs)
      throw new HooklineApiError(
        'poll_timeout',
        `poll() made ${requests} requests in ${elapsed} ms without the condition holding before its ${timeoutMs} ms deadline; raise timeoutMs or check why the condition never holds`,
      );
    try {
      await sleep(interval, signal);
    } catch (cause) {
      throw new HooklineApiError('aborted', 'poll() was aborted', { cause });
    }
    if (signal?.aborted)
      throw new HooklineApiError('aborted', 'poll() was aborted', { cause: signal.reason });
    interval = Math.min(maxIntervalMs, interval * backoff);
  }
}
