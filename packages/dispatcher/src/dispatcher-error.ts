/** Every code a {@link DispatcherError} can carry. */
export type DispatcherErrorCode =
  | 'invalid_event'
  | 'payload_too_large'
  | 'invalid_endpoint'
  | 'endpoint_not_found'
  | 'delivery_not_found'
  | 'delivery_in_flight'
  | 'event_not_found'
  | 'address_not_allowed'
  | 'insecure_url'
  | 'dns_failed'
  | 'transaction_unsupported'
  | 'not_ready'
  | 'store_failed';

const statusByCode: Record<DispatcherErrorCode, number | undefined> = {
  invalid_event: 400,
  payload_too_large: 413,
  invalid_endpoint: 400,
  endpoint_not_found: 404,
  delivery_not_found: 404,
  delivery_in_flight: 409,
  event_not_found: 404,
  address_not_allowed: 403,
  insecure_url: 400,
  dns_failed: undefined,
  transaction_unsupported: undefined,
  not_ready: undefined,
  store_failed: undefined,
};

/** The one error type @hookline/dispatcher throws; `code` says which failure it is. */
export class DispatcherError extends Error {
  override readonly name = 'DispatcherError';
  /** Stable machine-readable reason. */
  readonly code: DispatcherErrorCode;
  /** HTTP status that fits the failure when it surfaces through an API, if any. */
  readonly status: number | undefined;

  constructor(code: DispatcherErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = statusByCode[code];
  }
}

/** True when `error` is a {@link DispatcherError} (also across duplicated module copies). */
export function isDispatcherError(error: unknown): error is DispatcherError {
  if (error instanceof DispatcherError) return true;
  if (!(error instanceof Error) || error.name !== 'DispatcherError') return false;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(statusByCode, code);
}

/** Outcome of the non-throwing forms: the value, or the error that the throwing form raises. */
export type DispatcherResult<T> = { ok: true; value: T } | { ok: false; error: DispatcherError };

/** Runs `work` and folds a DispatcherError into a result; other errors still throw. */
export async function toResult<T>(work: () => Promise<T>): Promise<DispatcherResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (isDispatcherError(error)) return { ok: false, error };
    throw error;
  }
}
