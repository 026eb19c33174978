import { WebhookVerificationError } from './webhook-verification-error.js';

/** Options every verifier takes. */
export interface VerifyOptions {
  /**
   * How far (seconds) the signed timestamp may be from now, in either direction. Default 300.
   * `Infinity` turns the check off (only for replaying stored deliveries).
   */
  toleranceSeconds?: number | undefined;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** Default tolerance in seconds, both directions. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

// Plain decimal integer seconds: no sign, exponent, fraction, whitespace or leading zero, and
// at most 12 digits (year 33658), so the number is exact and the header is what was signed.
const timestampPattern = /^(?:0|[1-9][0-9]{0,11})$/;

/** Parses a timestamp header strictly; `header` names the header in the message. */
export function parseTimestamp(value: string, header: string): number {
  if (!timestampPattern.test(value)) {
    throw new WebhookVerificationError(
      'invalid_timestamp',
      `The ${header} header is not an integer number of seconds since the Unix epoch (expected up to 12 digits, such as 1700000000, with no sign, fraction, exponent or spaces).`,
    );
  }
  return Number(value);
}

/** Resolves the clock of the options, validating them. Returns the current time in seconds. */
export function currentSeconds(options: VerifyOptions | undefined): number {
  const now = options?.now;
  if (now !== undefined && typeof now !== 'function') {
    throw new WebhookVerificationError(
      'invalid_options',
      'options.now must be a function returning milliseconds since the epoch, like Date.now.',
    );
  }
  const ms = now === undefined ? Date.now() : now();
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new WebhookVerificationError(
      'invalid_options',
      'options.now() must return a finite number of milliseconds since the epoch, like Date.now().',
    );
  }
  return Math.floor(ms / 1000);
}

function toleranceOf(options: VerifyOptions | undefined): number {
  const tolerance = options?.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || Number.isNaN(tolerance) || tolerance < 0) {
    throw new WebhookVerificationError(
      'invalid_options',
      'options.toleranceSeconds must be a non-negative number of seconds (default 300; Infinity disables the check).',
    );
  }
  return tolerance;
}

/** Throws `timestamp_too_old` / `timestamp_too_new` when `timestamp` is outside the tolerance. */
export function assertFresh(
  timestamp: number,
  options: VerifyOptions | undefined,
  header: string,
): void {
  const tolerance = toleranceOf(options);
  const now = currentSeconds(options);
  if (tolerance === Number.POSITIVE_INFINITY) return;
  if (now - timestamp > tolerance) {
    throw new WebhookVerificationError(
      'timestamp_too_old',
      `The ${header} is ${now - timestamp}s in the past, more than the ${tolerance}s tolerance. This is a replay or a delivery delayed too long; if clocks are skewed, sync them (NTP) or raise toleranceSeconds.`,
    );
  }
  if (timestamp - now > tolerance) {
    throw new WebhookVerificationError(
      'timestamp_too_new',
      `The ${header} is ${timestamp - now}s in the future, more than the ${tolerance}s tolerance. The sender's or this server's clock is wrong; sync them (NTP) or raise toleranceSeconds.`,
    );
  }
}

/** Validates a unix-seconds timestamp given to a signer, defaulting to now. */
export function signingTimestamp(timestamp: unknown): number {
  if (timestamp === undefined) return currentSeconds(undefined);
  if (
    typeof timestamp !== 'number' ||
    !Number.isSafeInteger(timestamp) ||
    timestamp < 0 ||
    timestamp > 999_999_999_999
  ) {
    throw new WebhookVerificationError(
      'invalid_input',
      'The timestamp to sign must be a non-negative integer number of seconds since the Unix epoch (Math.floor(Date.now() / 1000)), not milliseconds or a fraction.',
    );
  }
  return timestamp;
}
