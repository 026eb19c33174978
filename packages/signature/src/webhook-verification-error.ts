/**
 * Every way signing or verifying can fail, as a closed union.
 *
 * | code | status | meaning |
 * | --- | --- | --- |
 * | `missing_header` | 401 | a signature, id or timestamp header is absent or empty |
 * | `invalid_timestamp` | 400 | the timestamp is not a plain integer number of seconds |
 * | `timestamp_too_old` | 401 | the timestamp is older than the tolerance (a replay, or a slow queue) |
 * | `timestamp_too_new` | 401 | the timestamp is further in the future than the tolerance (clock skew) |
 * | `invalid_signature_header` | 400 | the signature header holds nothing in the scheme's syntax |
 * | `no_matching_signature` | 401 | no signature in the header matches any of the secrets |
 * | `payload_not_raw` | 500 | the body given was already parsed (a bug in the receiving app, not the sender) |
 * | `invalid_secret` | 500 | a configured secret is empty or not in a format the scheme accepts |
 * | `invalid_options` | 500 | an option (tolerance, clock) has an unusable value |
 * | `invalid_input` | 500 | signing input is unusable (an id with a `.`, a fractional timestamp, ...) |
 *
 * 5xx codes are the receiver's own misconfiguration: answering 500 makes the sender retry
 * instead of dropping an event that may well be authentic.
 */
export type WebhookVerificationErrorCode =
  | 'missing_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'invalid_signature_header'
  | 'no_matching_signature'
  | 'payload_not_raw'
  | 'invalid_secret'
  | 'invalid_options'
  | 'invalid_input';

/** The HTTP status a receiver should answer with for a given error code. */
export const webhookVerificationErrorStatus = {
  missing_header: 401,
  invalid_timestamp: 400,
  timestamp_too_old: 401,
  timestamp_too_new: 401,
  invalid_signature_header: 400,
  no_matching_signature: 401,
  payload_not_raw: 500,
  invalid_secret: 500,
  invalid_options: 500,
  invalid_input: 500,
} as const satisfies Record<WebhookVerificationErrorCode, 400 | 401 | 500>;

/** HTTP status carried by a {@link WebhookVerificationError}. */
export type WebhookVerificationErrorStatus =
  (typeof webhookVerificationErrorStatus)[WebhookVerificationErrorCode];

// A registry-wide symbol so the guard also recognises errors thrown by another copy of this
// package (the ESM and CJS builds, or the node and web builds loaded side by side).
const brand = Symbol.for('@hookline/signature.WebhookVerificationError');

/**
 * The one error this package throws. `code` is stable and machine-readable; `status` is the
 * HTTP status to answer with; `message` says what happened and how to fix it and never contains
 * a secret or signature bytes.
 *
 * @example
 * ```ts
 * try {
 *   await verifyWebhook(body, request.headers, secret);
 * } catch (error) {
 *   if (isWebhookVerificationError(error)) return new Response(error.code, { status: error.status });
 *   throw error;
 * }
 * ```
 */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  /** Stable machine-readable reason. */
  readonly code: WebhookVerificationErrorCode;
  /** HTTP status a receiver should answer with (400, 401 or 500). */
  readonly status: WebhookVerificationErrorStatus;

  constructor(code: WebhookVerificationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = webhookVerificationErrorStatus[code];
    Object.defineProperty(this, brand, { value: true });
  }
}

/**
 * True when `error` is a {@link WebhookVerificationError}, also across copies of this package.
 *
 * @example
 * ```ts
 * if (isWebhookVerificationError(error) && error.code === 'timestamp_too_old') { ... }
 * ```
 */
export function isWebhookVerificationError(error: unknown): error is WebhookVerificationError {
  return (
    error instanceof WebhookVerificationError ||
    (typeof error === 'object' &&
      error !== null &&
      (error as { [brand]?: unknown })[brand] === true &&
      typeof (error as { code?: unknown }).code === 'string' &&
      Object.hasOwn(webhookVerificationErrorStatus, (error as { code: string }).code))
  );
}
