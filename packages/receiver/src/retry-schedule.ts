import { ReceiverError } from './receiver-error.js';

/** How failed handler runs are retried before an event is dead-lettered. */
export interface RetryOptions {
  /**
   * Total handler runs per event, the first included. Default 5. `Infinity`: never
   * dead-letter (not even a handler that keeps taking the process down).
   */
  attempts?: number;
  /** Delay before the second run, in ms. Default 1000. */
  initialDelayMs?: number;
  /** Cap for any single delay, in ms. Default 3_600_000 (one hour). `Infinity`: no cap. */
  maxDelayMs?: number;
  /** Growth factor per attempt. Default 2. */
  factor?: number;
  /** Randomise each delay within [delay / 2, delay] so retries from many events spread out. Default true. */
  jitter?: boolean;
}

/** A resolved retry policy. */
export interface RetrySchedule {
  attempts: number;
  /** Delay (ms) after the given failed attempt (1-based); undefined when no attempts remain. */
  delayAfter(attempt: number): number | undefined;
}

/**
 * The longest delay a schedule gives, in ms (about 140 000 years): added to the clock it is
 * still a whole number every store keeps, whatever `maxDelayMs: Infinity` lets the growth reach.
 */
const LONGEST_DELAY_MS = 2 ** 52;

/**
 * Refuses retry options that would stall or break the worker (a `NaN` from an unset environment
 * variable, a fraction of an attempt, an infinite first delay), naming the option. `Infinity` is
 * a valid `attempts` (never dead-letter) and `maxDelayMs` (no cap).
 *
 * @throws {ReceiverError} `invalid_options`
 */
export function checkRetryOptions(options: RetryOptions = {}): void {
  const { attempts, initialDelayMs, maxDelayMs, factor, jitter } = options;
  const refuse = (option: string, value: unknown, accepted: string) => {
    throw new ReceiverError(
      'invalid_options',
      `retry.${option} must be ${accepted}, got ${String(value)}. Omit it for the default.`,
    );
  };
  if (
    attempts !== undefined &&
    attempts !== Number.POSITIVE_INFINITY &&
    !(Number.isSafeInteger(attempts) && attempts >= 1)
  ) {
    refuse(
      'attempts',
      attempts,
      'a whole number of at least 1 (the first run included), or Infinity to never dead-letter',
    );
  }
  if (initialDelayMs !== undefined && !(Number.isFinite(initialDelayMs) && initialDelayMs >= 0)) {
    refuse('initialDelayMs', initialDelayMs, 'a finite number of milliseconds, 0 or more');
  }
  if (
    maxDelayMs !== undefined &&
    maxDelayMs !== Number.POSITIVE_INFINITY &&
    !(Number.isFinite(maxDelayMs) && maxDelayMs >= 0)
  ) {
    refuse('maxDelayMs', maxDelayMs, 'a number of milliseconds, 0 or more, or Infinity for no cap');
  }
  if (factor !== undefined && !(Number.isFinite(factor) && factor >= 1)) {
    refuse('factor', factor, 'a finite number of at least 1');
  }
  if (jitter !== undefined && typeof jitter !== 'boolean')
    refuse('jitter', jitter, 'true or false');
}

/**
 * Builds an exponential backoff schedule: `initialDelayMs * factor^(attempt - 1)`, capped at
 * `maxDelayMs` (and at about 140 000 years), optionally jittered.
 */
export function createRetrySchedule(
  options: RetryOptions = {},
  random: () => number = Math.random,
): RetrySchedule {
  const attempts = Math.max(1, Math.floor(options.attempts ?? 5));
  const initial = Math.max(0, options.initialDelayMs ?? 1000);
  const max = Math.min(LONGEST_DELAY_MS, Math.max(initial, options.maxDelayMs ?? 3_600_000));
  const factor = Math.max(1, options.factor ?? 2);
  const jitter = options.jitter ?? true;
  return {
    attempts,
    delayAfter(attempt) {
      if (attempt >= attempts) return undefined;
      // 0 * Infinity (a zero first delay, a factor above 1, attempt ~1025+) is NaN: keep 0.
      const delay = initial === 0 ? 0 : Math.min(max, initial * factor ** (attempt - 1));
      return jitter ? Math.round(delay / 2 + random() * (delay / 2)) : Math.round(delay);
    },
  };
}
