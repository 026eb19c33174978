import { createProblem, type Problem, problemMediaType } from '@hookline/openapi';
import type { PlatformError } from '../platform-error.js';

/** The RFC 9457 body of `error`, for the request at `instance`. */
export function problemBody(error: PlatformError, instance: string, requestId: string): Problem {
  return createProblem({
    code: error.code,
    detail: error.message,
    instance,
    request_id: requestId,
    ...(error.errors && { errors: error.errors }),
  });
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
