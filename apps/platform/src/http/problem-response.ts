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
  // RFC 9110 §11.6.1: a 401 says which scheme would authenticate (RFC 6750 for Bearer). Only
  // the API key's 401: a wrong password (`invalid_credentials`) came with a good key.
  if (error.code === 'unauthorized') headers.set('www-authenticate', 'Bearer realm="hookline"');
  return new Response(JSON.stringify(problemBody(error, instance, requestId)), {
    status: error.status,
    headers,
  });
}
