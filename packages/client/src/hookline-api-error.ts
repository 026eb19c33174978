import type { ApiProblemCode } from './api-problem-code.js';
import type { ProblemDetails } from './path-types.js';

/** Failures the client itself detects (no usable API answer). */
export type ClientErrorCode =
  /** The connection failed or was reset, also after the headers (the body was cut off). */
  | 'network_error'
  /** No complete response within `timeoutMs` (token provider and onRequest included). */
  | 'timeout'
  /** The caller's `AbortSignal` fired. */
  | 'aborted'
  /** The API answered an error status without a problem `code` in its body. */
  | 'http_error'
  /** The response failed `validateResponses`. */
  | 'invalid_response'
  /** The request could not be built (e.g. a missing path parameter). */
  | 'invalid_request'
  /** `poll()` reached its deadline before its condition held. */
  | 'poll_timeout';

/** Every `code` a {@link HooklineApiError} can carry: the client's own, or the API's problem code. */
export type HooklineApiErrorCode = ClientErrorCode | ApiProblemCode;

/** Fields of a {@link HooklineApiError}. */
export interface HooklineApiErrorInit {
  status?: number | undefined;
  problem?: ProblemDetails | undefined;
  requestId?: string | undefined;
  cause?: unknown;
}

// A registry-wide symbol, so the guard also recognises errors from another realm (an iframe,
// a vm context) or another copy of this package, where `instanceof` fails.
const brand = Symbol.for('@hookline/client.HooklineApiError');

/**
 * The one error the client throws: `code` names what failed (the API's problem `code` for
 * an API error), `status` is the HTTP status when there was a response.
 * @example
 * try { await unwrap(client.GET('/v1/payments/{payment_id}', { params: { path: { payment_id } } })) }
 * catch (e) { if (isHooklineApiError(e) && e.status === 404) { ... } }
 */
export class HooklineApiError extends Error {
  override readonly name = 'HooklineApiError';
  // Declared, and set by Object.assign below: fewer bytes than a field and an assignment each.
  /** What failed: a {@link ClientErrorCode} or the API's problem `code`. */
  declare readonly code: HooklineApiErrorCode;
  /** HTTP status of the response, if one arrived. */
  declare readonly status: number | undefined;
  /** The RFC 9457 problem body the API answered, if any. */
  declare readonly problem: ProblemDetails | undefined;
  /** The API's request id (problem `request_id` or `request-id` header), to quote to support. */
  declare readonly requestId: string | undefined;

  constructor(
    code: HooklineApiErrorCode,
    message: string,
    { cause, status, problem, requestId }: HooklineApiErrorInit = {},
  ) {
    super(message, { cause });
    Object.assign(this, { code, status, problem, requestId });
    Object.defineProperty(this, brand, { value: true });
  }
}

/** True when `value` is a {@link HooklineApiError} (also across realms and bundle copies). */
export function isHooklineApiError(value: unknown): value is HooklineApiError {
  // By name, not instanceof alone: another copy of this package has another class. Across
  // realms `instanceof Error` fails too, so there the brand decides.
  return (
    (value instanceof Error && value.name === 'HooklineApiError' && 'code' in value) ||
    ((value as { [brand]?: unknown } | null)?.[brand] === true &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}

/** Builds the error for an API error response (status >= 400). */
export function errorFromProblem(
  problem: ProblemDetails,
  response: Response,
  what: string,
): HooklineApiError {
  const detail = problem.detail ?? problem.title ?? response.statusText;
  // Only a string is a code (a proxy's or another API's body may carry anything there).
  const code = typeof problem.code === 'string' && problem.code;
  return new HooklineApiError(
    (code as ApiProblemCode) || 'http_error',
    `${what} answered ${problem.status}${code ? ` ${code}` : ''}${detail ? `: ${detail}` : ''}`,
    { status: problem.status, problem, requestId: problem.request_id ?? requestIdOf(response) },
  );
}

/** An `invalid_request` error: the request cannot be built or sent as is. */
export const invalidRequest = (message: string, cause?: unknown): HooklineApiError =>
  new HooklineApiError('invalid_request', message, { cause });

/** An `aborted` error: the caller's signal stopped `what` (`GET /v1/x`, `poll()`). */
export const abortedError = (what: string, cause: unknown): HooklineApiError =>
  new HooklineApiError('aborted', `${what} was aborted`, { cause });

/** A `timeout` error: `subject` ("GET /v1/x: the response did not complete") within `timeoutMs`. */
export const timeoutError = (
  subject: string,
  timeoutMs: number,
  init?: HooklineApiErrorInit,
): HooklineApiError =>
  new HooklineApiError(
    'timeout',
    `${subject} within ${timeoutMs} ms; raise timeoutMs or check why it is slow`,
    init,
  );

/** The `request-id` header of a response, if any (the Hookline API puts it in the problem body too). */
export function requestIdOf(response: Response | undefined): string | undefined {
  return response?.headers.get('request-id') ?? undefined;
}
