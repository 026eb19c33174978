import { type FieldIssue, type ProblemCode, problemCodeStatus } from '@hookline/openapi';

/** Options of {@link PlatformError}. */
export interface PlatformErrorOptions {
  /** For `invalid_request`: every invalid field. */
  errors?: FieldIssue[];
  /** Seconds to wait (`Retry-After`), for `rate_limited`, `service_unavailable` and `idempotency_key_in_use`. */
  retryAfter?: number;
  cause?: unknown;
}

/**
 * The one error the platform throws. `code` is a stable problem code of `@hookline/openapi`
 * and decides the HTTP status; `message` becomes the problem's `detail`, so it says what
 * happened, what was expected and how to fix it — and never contains a secret.
 */
export class PlatformError extends Error {
  override readonly name = 'PlatformError';
  readonly code: ProblemCode;
  readonly status: number;
  readonly errors: FieldIssue[] | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: ProblemCode, message: string, options: PlatformErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = problemCodeStatus[code];
    this.errors = options.errors;
    this.retryAfter = options.retryAfter;
  }
}

/** True when `error` is a {@link PlatformError} (also across duplicated module copies). */
export function isPlatformError(error: unknown): error is PlatformError {
  return (
    error instanceof PlatformError ||
    (error instanceof Error &&
      error.name === 'PlatformError' &&
      typeof (error as { code?: unknown }).code === 'string' &&
      Object.hasOwn(problemCodeStatus, (error as unknown as { code: string }).code))
  );
}

/** A 404 `not_found` for a missing object, with the list operation that finds the right id. */
export function notFound(what: string, id: string, listPath: string): PlatformError {
  return new PlatformError(
    'not_found',
    `No ${what} has the id ${id}. Check the id, or list them with GET ${listPath}.`,
  );
}

/** A 400 `invalid_request` about one field (`body.…` or `query.…`). */
export function invalidField(path: string, message: string): PlatformError {
  return new PlatformError(
    'invalid_request',
    `The request has 1 invalid field: ${path} ${message}.`,
    {
      errors: [{ path, message }],
    },
  );
}
