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
  if (status === 409) return headers?.has('retry-after') ?? false;
  return status === 408 || status === 429 || status >= 500;
}

/** Full-jitter exponential backoff: a random delay in [0, min(cap, base * 2^retry)). */
export function backoffDelay(retry: number, baseMs: number, capMs: number, random: () => number) {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** retry));
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
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (retryAfter.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  // RateLimit-* ride on every response; a reset only means "wait" once the quota is spent.
  const structured = headers.get('ratelimit') ?? '';
  const field = (name: string) =>
    headers.get(`ratelimit-${name}`) ??
    new RegExp(`(?:^|[;,\\s])${name}=(\\d+)`).exec(structured)?.[1];
  const reset = Number(field('reset') ?? Number.NaN);
  if (Number.isNaN(reset) || (response.status !== 429 && field('remaining') !== '0'))
    return undefined;
  return Math.max(0, reset * 1000);
}

/** Waits `ms`, or rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
