import { parseHttpDate } from '@hookline/internal';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/**
 * Svix's schedule: the first attempt at once, then retries after 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h and 10 h (8 attempts over about 27.6 hours). Entry `n` is the wait before attempt `n + 1`.
 */
export const defaultRetrySchedule: readonly number[] = Object.freeze([
  0,
  5 * second,
  5 * minute,
  30 * minute,
  2 * hour,
  5 * hour,
  10 * hour,
  10 * hour,
]);

/** How deliveries are retried. */
export interface RetryScheduleOptions {
  /** Wait before each attempt in ms; entry 0 is the first attempt (normally 0). Default {@link defaultRetrySchedule}. */
  delaysMs?: readonly number[];
  /** Random spread applied to each wait, as a fraction (0.2 = ±20 %). Default 0.2. */
  jitter?: number;
  /** Upper bound for a `Retry-After` that a 429/503 asks for. Default 1 hour. */
  maxRetryAfterMs?: number;
}

/** A resolved schedule. */
export interface RetrySchedule {
  readonly delaysMs: readonly number[];
  readonly jitter: number;
  readonly maxRetryAfterMs: number;
}

/** Fills in the defaults and checks the numbers. */
export function resolveRetrySchedule(
  options: RetryScheduleOptions | readonly number[] | undefined,
): RetrySchedule {
  const given: RetryScheduleOptions = Array.isArray(options)
    ? { delaysMs: options as readonly number[] }
    : ((options ?? {}) as RetryScheduleOptions);
  const delaysMs = given.delaysMs ?? defaultRetrySchedule;
  if (delaysMs.length === 0 || delaysMs.some((d) => !Number.isFinite(d) || d < 0)) {
    throw new RangeError(
      'schedule.delaysMs must list at least one non-negative number of milliseconds (entry 0 is the first attempt)',
    );
  }
  if (delaysMs[0] !== 0) {
    // The first attempt is made when the event is published (and when it is replayed).
    throw new RangeError(
      `schedule.delaysMs[0] must be 0: entry 0 is the first attempt, made as soon as the event is published (got ${delaysMs[0]}); the waits before retries follow it`,
    );
  }
  const jitter = given.jitter ?? 0.2;
  if (!(jitter >= 0 && jitter < 1)) throw new RangeError('schedule.jitter must be in [0, 1)');
  const maxRetryAfterMs = given.maxRetryAfterMs ?? hour;
  // NaN or Infinity would make a Retry-After answer schedule the retry at NaN: never due.
  if (!(Number.isFinite(maxRetryAfterMs) && maxRetryAfterMs >= 0)) {
    throw new RangeError(
      `schedule.maxRetryAfterMs must be a finite number of milliseconds >= 0 (got ${maxRetryAfterMs})`,
    );
  }
  return { delaysMs, jitter, maxRetryAfterMs };
}

/**
 * When the next attempt is due after `attemptsMade` failed attempts, or `undefined` when the
 * schedule is exhausted (dead letter). A `Retry-After` (ms) from a 429/503 pushes the retry out
 * to at least that long, capped at `maxRetryAfterMs`.
 */
export function nextAttemptDelay(
  schedule: RetrySchedule,
  attemptsMade: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number | undefined {
  const base = schedule.delaysMs[attemptsMade];
  if (base === undefined) return undefined;
  const spread = base * schedule.jitter * (random() * 2 - 1);
  const jittered = Math.max(0, Math.round(base + spread));
  if (retryAfterMs === undefined) return jittered;
  // Whole milliseconds: the stores keep times as integers.
  return Math.ceil(Math.max(jittered, Math.min(retryAfterMs, schedule.maxRetryAfterMs)));
}

/**
 * Parses a `Retry-After` header into ms from `now`: delta seconds, or an HTTP date in one of
 * the three forms RFC 9110 allows, always read as GMT, a real calendar date (31 Feb is refused;
 * see `parseHttpDate`). Anything else is `undefined`.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = parseHttpDate(trimmed, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}
