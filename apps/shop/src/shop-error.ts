/** Every failure the shop reports, by cause. */
export type ShopErrorCode =
  /** `startShop()` was called with options it cannot use. */
  | 'invalid_options'
  /** A request body or parameter is missing or malformed. */
  | 'invalid_request'
  /** The request needs a signed-in shop session. */
  | 'not_signed_in'
  /** No such order, product or subscription (for this user). */
  | 'not_found'
  /** The platform answered with an error (its problem `code` is in the message). */
  | 'platform_error'
  /** The webhook endpoint could not be registered or its secret recovered. */
  | 'webhook_setup_failed'
  /** The shop did not learn of a payment in time (compare). */
  | 'timeout';

/** Options of {@link ShopError}. */
export interface ShopErrorOptions {
  /** HTTP status the shop answers with. Default from the code. */
  status?: number;
  /** The underlying error. */
  cause?: unknown;
}

const defaultStatus: Record<ShopErrorCode, number> = {
  invalid_options: 500,
  invalid_request: 400,
  not_signed_in: 401,
  not_found: 404,
  platform_error: 502,
  webhook_setup_failed: 502,
  timeout: 504,
};

/** The shop's one error type: a closed `code`, the HTTP `status` it maps to, and the `cause`. */
export class ShopError extends Error {
  override readonly name = 'ShopError';
  readonly code: ShopErrorCode;
  readonly status: number;

  constructor(code: ShopErrorCode, message: string, options: ShopErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? defaultStatus[code];
  }
}

/** True when `error` is a {@link ShopError}. */
export function isShopError(error: unknown): error is ShopError {
  return error instanceof ShopError;
}
