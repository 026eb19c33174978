import { HooklineOpenApiError } from '../openapi-error.js';
import {
  type ProblemCode,
  problemCodeStatus,
  problemMediaType,
  problemTypeBase,
} from '../schemas/problem.js';
import { schemaRef } from './json-schema.js';

/** Name of the security scheme every operation uses. */
export const securitySchemeName = 'bearer';

/** `components.securitySchemes`. */
export const securitySchemes = {
  [securitySchemeName]: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'sk_test_...',
    description: 'An API key sent as `Authorization: Bearer sk_test_...`.',
  },
};

/** `components.headers`: rate-limit and idempotency response headers. */
export const headers = {
  RetryAfter: {
    description: 'Seconds to wait before retrying.',
    schema: { type: 'integer', minimum: 0 },
    example: 30,
  },
  RateLimitLimit: {
    description: 'Requests allowed in the current window.',
    schema: { type: 'integer', minimum: 0 },
    example: 100,
  },
  RateLimitRemaining: {
    description: 'Requests left in the current window.',
    schema: { type: 'integer', minimum: 0 },
    example: 0,
  },
  RateLimitReset: {
    description: 'Seconds until the current window resets.',
    schema: { type: 'integer', minimum: 0 },
    example: 30,
  },
  IdempotentReplayed: {
    description:
      '`true` when this response is the stored response of an earlier POST with the same `Idempotency-Key` (a success or a 400, 403, 404 or 409 problem); absent otherwise.',
    schema: { type: 'string', enum: ['true'] },
    example: 'true',
  },
};

/** `components.parameters` shared by operations. */
export const apiParameters = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes the POST safe to retry: the same key with the same body returns the first response (with `Idempotent-Replayed: true`); the same key with a different body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_use`. Keys are kept for 24 hours. Use a UUID.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
    example: '5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d',
  },
};

/** The standard problem responses, by status. */
export const problemResponses = {
  400: {
    name: 'BadRequest',
    description: 'The request is malformed or invalid.',
    code: 'invalid_request',
  },
  401: {
    name: 'Unauthorized',
    description: 'The API key is missing or invalid.',
    code: 'unauthorized',
  },
  403: { name: 'Forbidden', description: 'The API key may not do this.', code: 'forbidden' },
  404: { name: 'NotFound', description: 'No such object.', code: 'not_found' },
  409: {
    name: 'Conflict',
    description:
      'The object is in a state that does not allow this, or a request with this `Idempotency-Key` is still running.',
    code: 'conflict',
  },
  413: {
    name: 'PayloadTooLarge',
    description: 'The request body is larger than the API accepts.',
    code: 'payload_too_large',
  },
  415: {
    name: 'UnsupportedMediaType',
    description: 'The body was not sent as `application/json`.',
    code: 'unsupported_media_type',
  },
  422: {
    name: 'IdempotencyKeyReused',
    description: 'The `Idempotency-Key` was already used with a different request.',
    code: 'idempotency_key_reused',
  },
  429: {
    name: 'RateLimited',
    description: 'Too many requests; retry after `Retry-After` seconds.',
    code: 'rate_limited',
  },
  500: {
    name: 'InternalError',
    description:
      'Something went wrong on our side. Retry with backoff (POSTs with the same Idempotency-Key are safe to retry), unless the `detail` says a retry fails the same way.',
    code: 'internal_error',
  },
} as const satisfies Record<number, { name: string; description: string; code: ProblemCode }>;

/** A status with a standard problem response. */
export type ProblemStatus = keyof typeof problemResponses;

/**
 * The problem statuses a POST can answer after claiming its `Idempotency-Key`: the server
 * stores such a response and replays it, with `Idempotent-Replayed: true`, for the same key.
 * (401, 413, 415, 422 and 429 are answered before the claim; a 5xx releases the key.)
 */
const replayedStatuses: ReadonlySet<ProblemStatus> = new Set([400, 403, 404, 409]);

const problemDetails: Record<ProblemStatus, { title: string; detail: string; instance: string }> = {
  400: {
    title: 'Invalid request',
    detail:
      'The body has 1 invalid field: enabled_events must list at least one event type (e.g. "payment.*").',
    instance: '/v1/webhook_endpoints',
  },
  401: {
    title: 'Unauthorized',
    detail:
      'No valid API key was sent. Send `Authorization: Bearer sk_test_...` with a key from your dashboard.',
    instance: '/v1/payments',
  },
  403: {
    title: 'Forbidden',
    detail:
      'This API key is restricted and may not manage webhook endpoints. Use a secret key with full access.',
    instance: '/v1/webhook_endpoints',
  },
  404: {
    title: 'Not found',
    detail:
      'No payment has the id pay_01J9Z6C4D5E7. Check the id, or list payments with GET /v1/payments.',
    instance: '/v1/payments/pay_01J9Z6C4D5E7',
  },
  409: {
    title: 'Conflict',
    detail:
      'The checkout session cs_01J9Z6F7G8H9 is complete; only an open session can be paid. Create a new checkout session.',
    instance: '/v1/checkout/sessions/cs_01J9Z6F7G8H9/pay',
  },
  413: {
    title: 'Payload too large',
    detail: 'The request body is larger than 1048576 bytes; send a smaller body.',
    instance: '/v1/webhook_endpoints',
  },
  415: {
    title: 'Unsupported media type',
    detail:
      'The body was sent as text/plain; the API reads only JSON. Send it with `content-type: application/json`.',
    instance: '/v1/users',
  },
  422: {
    title: 'Idempotency key reused',
    detail:
      'The Idempotency-Key "5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d" was first used with a different body. Use a new key for a different request.',
    instance: '/v1/users',
  },
  429: {
    title: 'Too many requests',
    detail:
      'This API key sent more than 100 requests in 60 seconds. Retry after the number of seconds in Retry-After.',
    instance: '/v1/events',
  },
  500: {
    title: 'Internal error',
    detail:
      'The request failed on our side. Retry it with backoff; POSTs with the same Idempotency-Key are safe to retry.',
    instance: '/v1/payments',
  },
};

/** The example problem body of each standard response. */
export function problemExample(status: ProblemStatus) {
  const { code } = problemResponses[status];
  const example = {
    type: `${problemTypeBase}${code}`,
    status,
    code,
    ...problemDetails[status],
  };
  if (status !== 400) return example;
  return {
    ...example,
    errors: [{ path: 'body.enabled_events', message: 'must contain at least 1 item' }],
  };
}

/** `components.responses`: one problem+json response per status in use. */
export function buildProblemResponses(statuses: Iterable<ProblemStatus>) {
  const responses: Record<string, unknown> = {};
  for (const status of [...new Set(statuses)].sort((a, b) => a - b)) {
    const { name, description } = problemResponses[status];
    if (problemCodeStatus[problemResponses[status].code] !== status) {
      throw new HooklineOpenApiError(
        'schema_conversion_failed',
        `the ${status} response uses problem code ${problemResponses[status].code}, whose status is ${problemCodeStatus[problemResponses[status].code]}; pick a code with status ${status}.`,
      );
    }
    const headers: Record<string, unknown> =
      status === 429
        ? {
            'Retry-After': { $ref: '#/components/headers/RetryAfter' },
            'RateLimit-Limit': { $ref: '#/components/headers/RateLimitLimit' },
            'RateLimit-Remaining': { $ref: '#/components/headers/RateLimitRemaining' },
            'RateLimit-Reset': { $ref: '#/components/headers/RateLimitReset' },
          }
        : status === 409
          ? {
              // Sent only with `idempotency_key_in_use`: the one 409 worth retrying.
              'Retry-After': {
                description:
                  'Present only when another request holds the `Idempotency-Key` (code `idempotency_key_in_use`): retry after this many seconds. A 409 without it is a state conflict that retrying does not fix.',
                schema: { type: 'integer', minimum: 0 },
                example: 1,
              },
            }
          : {};
    if (replayedStatuses.has(status)) {
      headers['Idempotent-Replayed'] = { $ref: '#/components/headers/IdempotentReplayed' };
    }
    responses[name] = {
      description,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      content: {
        [problemMediaType]: { schema: schemaRef('Problem'), example: problemExample(status) },
      },
    };
  }
  return responses;
}
