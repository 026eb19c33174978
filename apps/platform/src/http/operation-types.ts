import type { ApiOperation, OperationId, operations } from '@hookline/openapi';
import type { z } from 'zod';
import type { RequestClient } from '../platform-context.js';

type Op<K extends OperationId> = Extract<ApiOperation, { operationId: K }>;
type Parsed<S> = [S] extends [never]
  ? Record<string, never>
  : S extends z.ZodType
    ? z.output<S>
    : Record<string, never>;
type Field<O, F extends string> = O extends { [P in F]?: infer V } ? NonNullable<V> : never;
type BodyOf<K extends OperationId> = [NonNullable<operations[K]['requestBody']>] extends [never]
  ? undefined
  : Field<Op<K>, 'body'> extends { schema: infer S }
    ? z.output<S & z.ZodType>
    : undefined;

type PathOf<K extends OperationId> = NonNullable<operations[K]['parameters']['path']>;

/** The validated input of operation `K`: path parameters, query and body. */
export interface OperationInput<K extends OperationId> {
  /** Path parameters (typed from the generated `operations`; validated by the operation's schema). */
  params: [PathOf<K>] extends [never] ? Record<string, never> : PathOf<K>;
  query: Parsed<Field<Op<K>, 'query'>>;
  body: BodyOf<K>;
}

/** The success body of operation `K`, as its response schema describes it. */
export type OperationOutput<K extends OperationId> = z.output<Op<K>['response']['schema']>;

/** Implements operation `K`; throws a PlatformError for an error response. */
export type OperationHandler<K extends OperationId> = (
  input: OperationInput<K>,
  client: RequestClient,
) => Promise<OperationOutput<K>>;

/** One handler per operation of the document: the compiler checks none is missing. */
export type OperationHandlers = { [K in OperationId]: OperationHandler<K> };
