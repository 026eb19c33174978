import type { HooklineEventErrorCode } from '@hookline/events';
import type { WebhookVerificationErrorCode } from '@hookline/signature';

/** Codes the receiver itself raises (signature and event-parse failures keep their own codes). */
export type ReceiverOwnErrorCode =
  | 'method_not_allowed'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'ip_not_allowed'
  | 'body_read_failed'
  | 'body_already_parsed'
  | 'store_unavailable'
  | 'handler_failed'
  | 'in_progress'
  | 'not_found'
  | 'invalid_options'
  | 'missing_provider_id'
  | 'missing_provider_type';

/** Signature failures: the code reported by `@hookline/signature`, answered with its status. */
export type ReceiverSignatureErrorCode = WebhookVerificationErrorCode;

/** Event-parse failures: the code reported by `@hookline/events`, answered with 400. */
export type ReceiverEventErrorCode = HooklineEventErrorCode;

/** Every code a {@link ReceiverError} can carry (a closed union). */
export type ReceiverErrorCode =
  | ReceiverOwnErrorCode
  | ReceiverSignatureErrorCode
  | ReceiverEventErrorCode;

/** Options for constructing a {@link ReceiverError}. */
export interface ReceiverErrorOptions {
  /** HTTP status the receiver answers with; absent for configuration errors. */
  status?: number;
  /** The underlying error, passed through untouched. */
  cause?: unknown;
}

/**
 * The one error type of `@hookline/receiver`. `code` is stable and machine-readable,
 * `status` is the HTTP status the receiver answers with, `cause` is the original error.
 *
 * @example
 * ```ts
 * try { await receiver.replay('evt_missing') } catch (e) {
 *   if (isReceiverError(e) && e.code === 'not_found') console.log(e.message)
 * }
 * ```
 */
export class ReceiverError extends Error {
  override readonly name = 'ReceiverError';
  readonly code: ReceiverErrorCode;
  readonly status: number | undefined;

  constructor(code: ReceiverErrorCode, message: string, options: ReceiverErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
  }
}

/** Type guard for {@link ReceiverError} (works across duplicated package copies). */
export function isReceiverError(value: unknown): value is ReceiverError {
  return (
    value instanceof ReceiverError ||
    (value instanceof Error &&
      value.name === 'ReceiverError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}

/** The 405 for a request that is not a POST. */
export function methodNotAllowed(method: string): ReceiverError {
  return new ReceiverError(
    'method_not_allowed',
    `Webhooks are delivered with POST, not ${method}.`,
    { status: 405 },
  );
}
