/** How requests are counted per API key. */
export interface RateLimitOptions {
  /**
   * `token-bucket` (default): `limit` tokens, refilled evenly over `windowMs`; bursts up to
   * `limit`. `fixed-window`: at most `limit` requests per window of `windowMs`.
   */
  strategy?: 'token-bucket' | 'fixed-window';
  /** Requests per window (the bucket size). Default 1000. */
  limit?: number;
  /** Window length in ms. Default 10 000 (so 100 requests/s sustained, bursts of 1000). */
  windowMs?: number;
}

/** The verdict for one request, with what the `RateLimit-*` headers say. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the quota is full again (token bucket) or the window ends. */
  resetSeconds: number;
  /** Seconds to wait before the next request can pass (0 when allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Counts requests per key in memory (one platform process). */
export function createRateLimiter(options: RateLimitOptions = {}) {
  const limit = Math.max(1, options.limit ?? 1000);
  const windowMs = Math.max(1, options.windowMs ?? 10_000);
  const strategy = options.strategy ?? 'token-bucket';
  const buckets = new Map<string, Bucket>();
  const perMs = limit / windowMs;

  let takes = 0;
  /** Forgets keys whose quota is full again, so the map does not grow with every address. */
  function sweep(now: number) {
    for (const [key, bucket] of buckets) {
      if (now - bucket.at >= windowMs) buckets.delete(key);
    }
  }

  function take(key: string, now: number): RateLimitDecision {
    if (++takes % 10_000 === 0) sweep(now);
    let bucket = buckets.get(key);
    if (strategy === 'fixed-window') {
      const start = now - (now % windowMs);
      if (!bucket || bucket.at !== start) {
        bucket = { tokens: limit, at: start };
        buckets.set(key, bucket);
      }
      const resetSeconds = Math.ceil((start + windowMs - now) / 1000);
      const allowed = bucket.tokens >= 1;
      if (allowed) bucket.tokens -= 1;
      return {
        allowed,
        limit,
        remaining: bucket.tokens,
        resetSeconds,
        retryAfterSeconds: allowed ? 0 : resetSeconds,
      };
    }
    if (!bucket) {
      bucket = { tokens: limit, at: now };
      buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    return {
      allowed,
      limit,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.ceil((limit - bucket.tokens) / perMs / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
    };
  }

  return { take };
}

/** A rate limiter (see {@link createRateLimiter}). */
export type RateLimiter = ReturnType<typeof createRateLimiter>;
