/** Every failure `@hookline/openapi` reports. */
export type HooklineOpenApiErrorCode =
  | 'unknown_operation'
  | 'duplicate_component'
  | 'duplicate_operation'
  | 'schema_conversion_failed'
  | 'unknown_event';

/** Options of {@link HooklineOpenApiError}. */
export interface HooklineOpenApiErrorOptions {
  cause?: unknown;
}

/**
 * The one error class of `@hookline/openapi`: a closed `code` and a message that says what
 * happened, what was expected and how to fix it.
 */
export class HooklineOpenApiError extends Error {
  override readonly name = 'HooklineOpenApiError';
  readonly code: HooklineOpenApiErrorCode;

  constructor(
    code: HooklineOpenApiErrorCode,
    message: string,
    options: HooklineOpenApiErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** True when `error` is a {@link HooklineOpenApiError} (also across bundled copies). */
export function isHooklineOpenApiError(error: unknown): error is HooklineOpenApiError {
  return (
    error instanceof HooklineOpenApiError ||
    (error instanceof Error && error.name === 'HooklineOpenApiError' && 'code' in error)
  );
}
