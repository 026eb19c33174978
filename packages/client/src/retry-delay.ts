import { parseHttpDate } from '@hookline/internal';

/** Retry settings; every field has a default (maxRetries 2, base 500 ms, cap 8 s, max wait 60 s). */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /** Base of the exponential backoff in ms. Default 500. */
  baseDelayMs?: number | undefined;
  /** Cap of one backoff delay in ms. Default 8000. */
  maxDelayMs?: number | undefined;
  /**
   * Longest server-requested wait (Retry-After, RateLimit) the client honours, in ms; a longer
   * one ends retrying and returns that response. Default 60000.
   */
  maxRetryAfterMs?: number | undefined;
  /** Random source in [0, 1) for jitter. Default `Math.random`. */
  random?: (() => number) | undefined;
  /** Waits `ms`; rejects when `signal` aborts. Inject to observe or skip waits in tests. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/**
 * Statuses worth retrying: request timeout, rate limit, 5xx, and a 409 only when it carries
 * `Retry-After` (a transient conflict such as `idempotency_key_in_use`). A 409 without it is a
 * business-rule conflict whose answer is stored under the idempotency key, so a retry would only
 * replay it; without `headers` a 409 is therefore not retryable.
 */
export function isRetryableStatus(status: number, headers?: Headers): boolean {
  if (status === 409) return !!headers?.has('retry-after');
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The longest delay a timer holds: Node (and browsers) fire a longer one, or `Infinity`, after
 * 1 ms, which would turn a long wait into an instant retry.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Full-jitter exponential backoff: a random delay in [0, min(cap, base * 2^retry)), and never
 * above {@link MAX_TIMER_MS} (so `maxDelayMs: Infinity` cannot overflow a timer).
 */
export function backoffDelay(retry: number, baseMs: number, capMs: number, random: () => number) {
  const delay = Math.floor(random() * Math.min(capMs, baseMs * 2 ** retry, MAX_TIMER_MS));
  // NaN (a NaN setting) would be a 1 ms timer too: no backoff rather than a hidden one.
  return delay || 0;
}

/** The jittered backoff before retry number `retry` (from 0) with the client's retry options. */
export function retryBackoff(retry: number, options: RetryOptions): number {
  return backoffDelay(
    retry,
    options.baseDelayMs ?? 500,
    options.maxDelayMs ?? 8000,
    options.random ?? Math.random,
  );
}

/**
 * The wait before retry number `retry` (0 for the first) after a retryable `response`: the
 * backoff for that retry, or the server's hint ({@link serverRetryDelay}) when that is longer.
 * A hint never shortens the backoff, so `Retry-After: 0` or a past date cannot make every client
 * retry at once, in lockstep. `undefined` when the server asks for a longer wait than
 * `maxRetryAfterMs` (or than a timer holds, {@link MAX_TIMER_MS}): stop retrying and return the
 * response.
 */
export function retryDelay(
  response: { status: number; headers: Headers },
  retry: number,
  options: RetryOptions = {},
  now = Date.now(),
): number | undefined {
  const backoff = retryBackoff(retry, options);
  const hint = serverRetryDelay(response, now);
  if (hint === undefined) return backoff;
  // Not `hint > max`: a NaN maxRetryAfterMs then allows no hint rather than any.
  const maxWait = Math.min(options.maxRetryAfterMs ?? 60_000, MAX_TIMER_MS);
  if (!(hint <= maxWait)) return undefined;
  return Math.max(hint, backoff);
}

/**
 * The wait the server asked for, in ms: `Retry-After` (seconds or an HTTP date); else, once the
 * quota is spent (a 429, or `remaining` 0), the reset of `RateLimit-Reset` or the `reset=` of a
 * structured `RateLimit` header. `undefined` when the response names none.
 */
export function serverRetryDelay(
  response: { status: number; headers: Headers },
  now = Date.now(),
): number | undefined {
  const { headers } = response;
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    // Only what RFC 9110 §10.2.3 allows: delay-seconds (digits) or an HTTP-date. Number() and
    // Date.parse() accept far more ("0x10", "1e3", "-1", a merged "5, 10" read as a date).
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = parseHttpDate(retryAfter, now);
    if (date !== undefined) return Math.max(0, date - now);
  }
  // RateLimit-* ride on every response; a reset only means "wait" once the quota is spent.
  const structured = headers.get('ratelimit') ?? '';
  const field = (name: string) =>
    headers.get(`ratelimit-${name}`) ??
    new RegExp(`(?:^|[;,\\s])${name}=(\\d+)`).exec(structured)?.[1];
  const reset = Number(field('reset'));
  if (Number.isNaN(reset) || (response.status !== 429 && field('remaining') !== '0'))
    return undefined;
  return Math.max(0, reset * 1000);
}

/**
 * Waits `ms`, or rejects with the signal's reason as soon as `signal` aborts. A wait longer than
 * a timer holds ({@link MAX_TIMER_MS}) is slept in several timers, never cut to 1 ms; `Infinity`
 * waits for the signal.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    // A negative or NaN wait is none (setTimeout would read NaN as 1 ms).
    let left = Math.max(ms, 0) || 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const done = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const arm = () => {
      const step = Math.min(left, MAX_TIMER_MS);
      left -= step;
      timer = setTimeout(left > 0 ? arm : done, step);
    };
    arm();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
