import type { z } from 'zod';
import {
  type ListCursor,
  paginationQueryOf,
  paginationQuerySchema,
} from '../schemas/pagination.js';

/** HTTP methods the API uses. */
export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/** Error statuses an operation can document beyond the ones every operation gets. */
export type ExtraErrorStatus = 403 | 409;

/** Tags (resource groups) of the API, in document order. */
export const apiTags = [
  { name: 'Users', description: 'People who can log in to your app.' },
  {
    name: 'Sessions',
    description: 'Logins: create one with email and password, list them, revoke one.',
  },
  { name: 'Account', description: 'The account the API key belongs to.' },
  { name: 'Checkout', description: 'Checkout sessions and the "customer pays" step.' },
  { name: 'Payments', description: 'Charges made through checkout sessions and subscriptions.' },
  { name: 'Subscriptions', description: 'Recurring charges.' },
  {
    name: 'Events',
    description:
      'Everything that happened, in order: the reconciliation (catch-up) path beside webhooks.',
  },
  {
    name: 'Webhook endpoints',
    description: 'Where events are delivered; signing secrets and test events.',
  },
  {
    name: 'Deliveries',
    description: 'The delivery log: every attempt of every delivery, and manual retries.',
  },
  { name: 'Analytics', description: 'Summary counts.' },
] as const;

/** A tag name. */
export type ApiTag = (typeof apiTags)[number]['name'];

/** A request body: its schema and an example (checked against the schema by the type system). */
export interface RequestBodyDefinition<B extends z.ZodType = z.ZodType> {
  schema: B;
  example: z.input<B>;
}

/** The success response: status, schema and an example. */
export interface ResponseDefinition<R extends z.ZodType = z.ZodType> {
  status: 200 | 201 | 202;
  description: string;
  schema: R;
  example: z.output<R>;
}

/** One API operation, as written in `src/operations/*.ts`. */
export interface OperationDefinition<
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  Id extends string = string,
> {
  /** Unique camelCase name, e.g. `getPayment`. */
  operationId: Id;
  method: HttpMethod;
  /** OpenAPI path template under `/v1`, e.g. `/v1/payments/{payment_id}`. */
  path: `/v1/${string}`;
  tag: ApiTag;
  summary: string;
  description: string;
  /** Path parameters, one key per `{name}` in `path`. */
  pathParams?: z.ZodObject;
  /** Query parameters (for lists: the filters; `limit`/`starting_after` are added). */
  query?: z.ZodObject;
  /** Whether this is a cursor-paginated list. */
  paginated?: boolean;
  /** A paginated list's ids: `starting_after` must be one of them (`^usr_`). */
  cursor?: ListCursor;
  body?: RequestBodyDefinition<B>;
  response: ResponseDefinition<R>;
  /** Error statuses beyond 400/401/404/409/413/415/422/429/500, which are added where they apply. */
  errors?: readonly ExtraErrorStatus[];
  /** Event types the operation emits (documented as `x-hookline-emits`). */
  emits?: readonly string[];
}

/**
 * Declares an operation; the generic parameters tie the examples to the schemas, and a
 * paginated operation's query gets `limit` and `starting_after`.
 *
 * @example
 * export const getPayment = defineOperation({ operationId: 'getPayment', method: 'get', ... });
 */
export function defineOperation<
  B extends z.ZodType,
  R extends z.ZodType,
  const Id extends string,
  D extends OperationDefinition<B, R, Id>,
>(definition: D & OperationDefinition<B, R, Id>): WithPagination<D> {
  if (!definition.paginated) return definition as WithPagination<D>;
  const base = definition.cursor ? paginationQueryOf(definition.cursor) : paginationQuerySchema;
  const query = definition.query ? base.extend(definition.query.shape) : base;
  return { ...definition, query } as WithPagination<D>;
}

type PaginatedQuery<S extends z.core.$ZodLooseShape> = ReturnType<
  typeof paginationQuerySchema.extend<S>
>;

/** A paginated definition's `query` with `limit` and `starting_after` added. */
export type WithPagination<D> = D extends { paginated: true }
  ? Omit<D, 'query'> & {
      query: D extends { query: z.ZodObject<infer S> }
        ? PaginatedQuery<S>
        : typeof paginationQuerySchema;
    }
  : D;
