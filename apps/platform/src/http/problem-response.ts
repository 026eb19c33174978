import {
  type Problem,
  type ProblemCode,
  problemMediaType,
  problemTypeBase,
} from '@hookline/openapi';
import type { PlatformError } from '../platform-error.js';

const titles: Record<ProblemCode, string> = {
  invalid_request: 'Invalid request',
  invalid_credentials: 'Invalid credentials',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  idempotency_key_in_use: 'Idempotency key in use',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  idempotency_key_reused: 'Idempotency key reused',
  rate_limited: 'Too many requests',
  internal_error: 'Internal error',
  service_unavailable: 'Service unavailable',
};

/** The RFC 9457 body of `error`, for the request at `instance`. */
export function problemBody(error: PlatformError, instance: string, requestId: string): Problem {
  const problem: Problem = {
    type: `${problemTypeBase}${error.code}`,
    title: titles[error.code],
    status: error.status,
    detail: error.message,
    instance,
    code: error.code,
    request_id: requestId,
  };
  if (error.errors) problem.errors = error.errors;
  return problem;
}

/** An `application/problem+json` response for `error`. */
export function problemResponse(
  error: PlatformError,
  instance: string,
  requestId: string,
): Response {
  const headers = new Headers({ 'content-type': problemMediaType });
  if (error.retryAfter !== undefined) headers.set('retry-after', String(error.retryAfter));
  return new Response(JSON.stringify(problemBody(error, instance, requestId)), {
    status: error.status,
    headers,
  });
}
