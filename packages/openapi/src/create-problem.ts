import {
  type FieldIssue,
  type Problem,
  type ProblemCode,
  problemCodeStatus,
  problemTypeBase,
} from './schemas/problem.js';

/** The `title` of each problem code: short, human-readable, the same for every occurrence. */
export const problemTitles: Readonly<Record<ProblemCode, string>> = {
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

/** What {@link createProblem} needs: the code and this occurrence's detail. */
export interface CreateProblemInput {
  code: ProblemCode;
  /** What happened, what was expected, how to fix it. */
  detail: string;
  /** The request path of this occurrence. */
  instance?: string;
  /** For `invalid_request`: every invalid field. */
  errors?: FieldIssue[];
  request_id?: string;
}

/**
 * Builds an RFC 9457 problem body: `type`, `title` and `status` follow from the code.
 *
 * @example
 * const body = createProblem({ code: 'not_found', detail: 'No payment has the id pay_1.', instance: '/v1/payments/pay_1' });
 * return new Response(JSON.stringify(body), { status: body.status, headers: { 'content-type': problemMediaType } });
 */
export function createProblem(input: CreateProblemInput): Problem {
  const { code, detail, instance, errors, request_id } = input;
  return {
    type: `${problemTypeBase}${code}`,
    title: problemTitles[code],
    status: problemCodeStatus[code],
    detail,
    code,
    ...(instance === undefined ? {} : { instance }),
    ...(errors === undefined ? {} : { errors }),
    ...(request_id === undefined ? {} : { request_id }),
  };
}
