import { z } from 'zod';
import { component } from '../registry.js';

/**
 * Every error `code` the API returns, with its HTTP status. The list is closed: a new code is a
 * new entry here, never a new meaning for an old one.
 */
export const problemCodeStatus = {
  invalid_request: 400,
  invalid_credentials: 401,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_key_in_use: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

/** A stable machine-readable error code (see {@link problemCodeStatus}). */
export type ProblemCode = keyof typeof problemCodeStatus;

/** The closed list of error codes, in a stable order. */
export const problemCodes = Object.keys(problemCodeStatus) as [ProblemCode, ...ProblemCode[]];

/** Zod enum of {@link problemCodes}. */
export const problemCodeSchema = component(
  'ProblemCode',
  [
    'Stable machine-readable error code. Switch on this, not on `title` or `detail`.',
    '',
    ...problemCodes.map((code) => `- \`${code}\` (${problemCodeStatus[code]})`),
  ].join('\n'),
  z.enum(problemCodes),
);

/** One invalid field of a request. */
export const fieldIssueSchema = component(
  'FieldIssue',
  'One invalid field of a request: where it is and what is wrong with it.',
  z.object({
    path: z.string().meta({
      description:
        'Where the issue is: `body.`, `query.`, `path.` or `header.`, then the dotted field path or the header name; a bare `body` when the body as a whole is unusable (not JSON, or cut off).',
      examples: ['body.enabled_events.0', 'header.Idempotency-Key', 'body'],
    }),
    message: z.string().meta({ description: 'What is wrong and what was expected.' }),
  }),
);

/** Base URI of the `type` of every problem; the code is appended. */
export const problemTypeBase = 'https://hookline.dev/problems/';

/** RFC 9457 problem details, as sent with `content-type: application/problem+json`. */
export const problemSchema = component(
  'Problem',
  'An RFC 9457 problem details object, sent with `content-type: application/problem+json`.',
  z.object({
    type: z.url().meta({
      description: `A URI naming the kind of problem: \`${problemTypeBase}<code>\`.`,
      examples: [`${problemTypeBase}not_found`],
    }),
    title: z
      .string()
      .meta({ description: 'Short, human-readable summary of the kind of problem.' }),
    status: z.int().min(400).max(599).meta({ description: 'The HTTP status code.' }),
    detail: z.string().meta({
      description: 'What happened in this occurrence, what was expected, and how to fix it.',
    }),
    instance: z.string().optional().meta({
      description:
        'The request path as sent, still percent-encoded (a URI reference), identifying this occurrence.',
      format: 'uri-reference',
    }),
    code: problemCodeSchema,
    errors: z.array(fieldIssueSchema).optional().meta({
      description: 'For `invalid_request`: every invalid field.',
    }),
    request_id: z.string().optional().meta({ description: 'Quote this when asking for support.' }),
  }),
);

/** RFC 9457 problem details (see {@link problemSchema}). */
export type Problem = z.infer<typeof problemSchema>;
/** One invalid field of a request (see {@link fieldIssueSchema}). */
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** The media type of error responses. */
export const problemMediaType = 'application/problem+json';
