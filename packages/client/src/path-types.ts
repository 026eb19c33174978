/**
 * Type machinery that reads an openapi-typescript `paths` interface: which paths accept
 * which methods, what each operation's parameters, body and responses are. Nothing here
 * exists at runtime.
 */

/** HTTP methods the client sends, as the upper-case names of its methods. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The lower-case key openapi-typescript uses for a method. */
export type MethodKey<M extends HttpMethod> = Lowercase<M>;

/** Paths of `Paths` that define an operation for method `M`. */
export type PathsWithMethod<Paths, M extends HttpMethod> = {
  [P in keyof Paths]-?: Paths[P] extends { [K in MethodKey<M>]: object } ? P : never;
}[keyof Paths] &
  string;

/** The operation object of `Paths[P]` for method `M`. */
export type OperationOf<Paths, P extends keyof Paths, M extends HttpMethod> = Paths[P] extends {
  [K in MethodKey<M>]: infer Op;
}
  ? Op
  : never;

type IsNever<T> = [T] extends [never] ? true : false;

/** `parameters` of an operation without the slots openapi-typescript marks `?: never`. */
export type ParamsOf<Op> = Op extends { parameters: infer P }
  ? { [K in keyof P as IsNever<NonNullable<P[K]>> extends true ? never : K]: P[K] }
  : Record<string, never>;

/** The JSON request body of an operation, `never` when it takes none. */
export type BodyOf<Op> = Op extends { requestBody?: infer RB }
  ? NonNullable<RB> extends { content: infer C }
    ? C[keyof C]
    : never
  : never;

type ParamsField<Op> = keyof ParamsOf<Op> extends never
  ? { params?: Record<string, never> }
  : Record<string, never> extends ParamsOf<Op>
    ? { params?: ParamsOf<Op> }
    : { params: ParamsOf<Op> };

type BodyField<Op> =
  IsNever<BodyOf<Op>> extends true
    ? { body?: never }
    : Op extends { requestBody: object }
      ? { body: BodyOf<Op> }
      : { body?: BodyOf<Op> };

/** Options every request accepts, whatever the operation. */
export interface RequestOptions {
  /** Extra request headers; `null` removes a header the client would set. */
  headers?: Record<string, string | null> | undefined;
  /** Cancels the request (and any retry wait). The error's code is then `aborted`. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms; overrides the client's `timeoutMs`. `0` disables it. */
  timeoutMs?: number | undefined;
  /**
   * `Idempotency-Key` to send. POSTs get a fresh UUID by default, reused across retries;
   * `null` sends none (and the POST is then never retried).
   */
  idempotencyKey?: string | null | undefined;
  /** Overrides the client's `retry.maxRetries` for this request. */
  maxRetries?: number | undefined;
}

/** The second argument of `client.GET(path, init)` etc. for operation `Op`. */
export type FetchInit<Op> = RequestOptions & ParamsField<Op> & BodyField<Op>;

/** `[init]` when every field of the init is optional, `[init]` required otherwise. */
export type InitArgs<Op> =
  Record<string, never> extends ParamsField<Op> & BodyField<Op>
    ? [init?: FetchInit<Op>]
    : [init: FetchInit<Op>];

/** Status codes that count as success. */
export type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206 | 207 | '2XX';

type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;

/** The body type of one response object: its JSON content, `undefined` when it has none. */
export type ContentOf<R> = R extends { content: infer C }
  ? IsNever<C> extends true
    ? undefined
    : C[keyof C]
  : undefined;

type ErrorStatusOf<S> = S extends number ? S : number;

/** The fields every problem+json body has (RFC 9457), plus Hookline's stable `code`. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  /** The request id, to quote when asking for support. */
  request_id?: string;
}

/** An error body typed for status `S`: the documented body, with `status` narrowed to `S`. */
export type ErrorBody<S, Body> = (Body extends object ? Body : ProblemDetails) & {
  readonly status: S;
};

/** A successful response of `Op`, narrowed by `status`. */
export type SuccessResult<Op> = {
  [S in keyof ResponsesOf<Op> & SuccessStatus]: {
    readonly ok: true;
    readonly status: S extends number ? S : number;
    readonly data: ContentOf<ResponsesOf<Op>[S]>;
    readonly error?: undefined;
    readonly response: Response;
  };
}[keyof ResponsesOf<Op> & SuccessStatus];

type DocumentedErrors<Op> = Exclude<keyof ResponsesOf<Op>, SuccessStatus>;

/**
 * An error response of `Op`: one member per documented status, so checking `status` (or
 * `error.status`) narrows `error`. An operation that documents no error gets one member with
 * `status: number` and the `Problem` body. Statuses a document does not list are typed as
 * the listed ones (as openapi-fetch does); document the common errors on every operation.
 */
export type ErrorResult<Op, Problem = ProblemDetails> = [DocumentedErrors<Op>] extends [never]
  ? {
      readonly ok: false;
      readonly status: number;
      readonly data?: undefined;
      readonly error: ErrorBody<number, Problem>;
      readonly response: Response;
    }
  : {
      [S in DocumentedErrors<Op>]: {
        readonly ok: false;
        readonly status: ErrorStatusOf<S>;
        readonly data?: undefined;
        readonly error: ErrorBody<ErrorStatusOf<S>, ContentOf<ResponsesOf<Op>[S]>>;
        readonly response: Response;
      };
    }[DocumentedErrors<Op>];

/** What `client.GET(...)` etc. resolve to: `{ ok, status, data | error, response }`. */
export type FetchResult<Op, Problem = ProblemDetails> =
  | SuccessResult<Op>
  | ErrorResult<Op, Problem>;

/** The `data` type of a successful response of `Op`. */
export type DataOf<Op> = SuccessResult<Op>['data'];
