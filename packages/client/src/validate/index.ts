/**
 * `@hookline/client/validate`: runtime validation of responses against the zod contracts of
 * `@hookline/openapi`. A separate entry so that the core client does not load zod.
 * @example
 * import { createClient } from '@hookline/client';
 * import { validateWithContracts } from '@hookline/client/validate';
 *
 * const client = createClient({ baseUrl, apiKey, validateResponses: validateWithContracts() });
 */
import { type ApiOperation, apiOperations, problemSchema } from '@hookline/openapi';
import type { ResponseValidator } from '../create-typed-client.js';

/** Options of {@link validateWithContracts}. */
export interface ContractValidatorOptions {
  /** The operation table to validate against. Default: `@hookline/openapi`'s `apiOperations`. */
  operations?: readonly ApiOperation[];
  /** Also check problem+json error bodies against the `Problem` schema, loosely. Default true. */
  problems?: boolean;
}

/**
 * `Problem`, loosely: RFC 9457 makes every member optional and allows extension members, and
 * an API newer than this client may send a `code` it does not list. The members it knows must
 * still have their types (`code` a string); extension members are kept.
 */
const looseProblemSchema = problemSchema
  .partial()
  .extend({ code: problemSchema.shape.title.optional() }) // any string, not only known codes
  .loose();

/**
 * A `validateResponses` option that parses each success body with its operation's zod
 * response schema (and each error body, loosely, with the `Problem` schema). A success body
 * that does not match fails the request with an `invalid_response` error whose `cause` is the
 * `ZodError`; an error body that does not match is still returned as the API sent it, so its
 * `code` and `request_id` survive. Paths not in the table pass through unchecked.
 */
export function validateWithContracts(options: ContractValidatorOptions = {}): ResponseValidator {
  const table = new Map<string, ApiOperation>();
  for (const operation of options.operations ?? apiOperations)
    table.set(`${operation.method.toUpperCase()} ${operation.path}`, operation);
  const problems = options.problems ?? true;
  return ({ method, path, status, body }) => {
    const operation = table.get(`${method} ${path}`);
    if (!operation) return body;
    if (status === operation.response.status) return operation.response.schema.parse(body);
    if (status >= 400 && problems && body !== null && typeof body === 'object')
      return looseProblemSchema.parse(body);
    return body;
  };
}
