import { buildUrl, type RequestParams } from './build-url.js';
import {
  abortedError,
  errorFromProblem,
  HooklineApiError,
  invalidRequest,
  isHooklineApiError,
  requestIdOf,
  timeoutError,
} from './hookline-api-error.js';
import { type ListPage, type PaginateOptions, paginatePages } from './paginate.js';
import type {
  DataOf,
  FetchInit,
  FetchResult,
  HttpMethod,
  InitArgs,
  OperationOf,
  PathsWithMethod,
  ProblemDetails,
  RequestOptions,
} from './path-types.js';
import { pause, raceAbort } from './race-abort.js';
import { redactHeaders, redactSecrets } from './redact.js';
import {
  isRetryableStatus,
  MAX_TIMER_MS,
  type RetryOptions,
  retryBackoff,
  retryDelay,
  sleep,
} from './retry-delay.js';

/** The `fetch` the client calls; any WHATWG fetch (Node, browsers, Deno, Bun, edge) fits. */
export type FetchLike = (url: string, init: globalThis.RequestInit) => Promise<Response>;

/**
 * Returns an access token; called for every attempt (cache it yourself). After a 401 it is
 * called once with `{ forceRefresh: true }` and the request is retried once.
 */
export type TokenProvider = (context: { forceRefresh: boolean }) => string | Promise<string>;

/** A request about to be sent, as `onRequest` sees it (mutable: headers, url). */
export interface OutgoingRequest {
  readonly method: HttpMethod;
  /** The path template, e.g. `/v1/payments/{payment_id}`. */
  readonly path: string;
  url: string;
  headers: Record<string, string>;
  /** The serialized body, the same string on every attempt. */
  readonly body: string | undefined;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/** Structured log sink; `console` fits. Credentials are redacted before anything reaches it. */
export interface Logger {
  debug?(message: string, fields: Record<string, unknown>): void;
  warn?(message: string, fields: Record<string, unknown>): void;
  error?(message: string, fields: Record<string, unknown>): void;
}

/** Checks a parsed response body; returns the body to use or throws. */
export type ResponseValidator = (context: {
  method: HttpMethod;
  path: string;
  status: number;
  body: unknown;
}) => unknown;

/** Options of {@link createTypedClient} and `createClient`. */
export interface ClientOptions {
  /** Where the API lives, e.g. `http://127.0.0.1:4010` (paths already start with `/v1`). */
  baseUrl: string;
  /** Secret API key, sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string | undefined;
  /** Access-token provider (OAuth); used instead of `apiKey`. */
  token?: TokenProvider | undefined;
  /** The fetch to use. Default: `globalThis.fetch`. */
  fetch?: FetchLike | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Retry policy (see {@link RetryOptions}); `{ maxRetries: 0 }` turns retries off. */
  retry?: RetryOptions | undefined;
  /**
   * Per-attempt timeout in ms, from the token provider and `onRequest` to the end of the response
   * body. Default 30000; 0 disables.
   */
  timeoutMs?: number | undefined;
  /** Validates every response body (off by default); see `@hookline/client/validate`. */
  validateResponses?: ResponseValidator | false | undefined;
  /** Runs before each attempt; may change `url` and `headers`. */
  onRequest?: ((request: OutgoingRequest) => void | Promise<void>) | undefined;
  /** Runs on each response before its body is read; may return a replacement. */
  onResponse?:
    | ((
        response: Response,
        request: OutgoingRequest,
      ) => Response | undefined | Promise<Response | undefined>)
    | undefined;
  /** Runs when an attempt fails without a response (network, timeout, abort). */
  onError?: ((error: HooklineApiError, request: OutgoingRequest) => void) | undefined;
  /** Receives request, retry and failure logs with credentials redacted. */
  logger?: Logger | undefined;
}

type AnyInit = RequestOptions & {
  params?: RequestParams & { header?: Record<string, unknown> };
  body?: unknown;
};
type MethodFn<Paths, M extends HttpMethod, Problem> = <P extends PathsWithMethod<Paths, M>>(
  path: P,
  ...init: InitArgs<OperationOf<Paths, P, M>>
) => Promise<FetchResult<OperationOf<Paths, P, M>, Problem>>;

/** GET paths whose 200 body is a cursor list `{ data, has_more, next_cursor }`. */
export type PaginatedPath<Paths> = {
  [P in PathsWithMethod<Paths, 'GET'>]: DataOf<
    OperationOf<Paths, P, 'GET'>
  > extends ListPage<unknown>
    ? P
    : never;
}[PathsWithMethod<Paths, 'GET'>];

/** The item type of the cursor list at `P`. */
export type ItemOf<Paths, P extends keyof Paths> =
  DataOf<OperationOf<Paths, P, 'GET'>> extends ListPage<infer T> ? T : never;

/** `(init, options)` of `paginate`; `init` is required when the path has parameters. */
export type PaginateArgs<Op> =
  InitArgs<Op> extends [init: infer I]
    ? [init: I, options?: PaginateOptions]
    : [init?: FetchInit<Op>, options?: PaginateOptions];

/** A typed client for an openapi-typescript `paths` interface. */
export interface Client<Paths, Problem = ProblemDetails> {
  /** `GET path`; resolves `{ ok: true, data }` or `{ ok: false, error }` (see {@link FetchResult}). */
  GET: MethodFn<Paths, 'GET', Problem>;
  /** `POST path`; sends an `Idempotency-Key` (a fresh UUID unless given) reused on retries. */
  POST: MethodFn<Paths, 'POST', Problem>;
  /** `PUT path`. */
  PUT: MethodFn<Paths, 'PUT', Problem>;
  /** `PATCH path`; retried only when it carries an `idempotencyKey`. */
  PATCH: MethodFn<Paths, 'PATCH', Problem>;
  /** `DELETE path`. */
  DELETE: MethodFn<Paths, 'DELETE', Problem>;
  /**
   * Iterates the items of a cursor list across pages (`starting_after` = `next_cursor`);
   * throws {@link HooklineApiError} on an error response. `limit` caps the items in total.
   */
  paginate<P extends PaginatedPath<Paths>>(
    path: P,
    ...args: PaginateArgs<OperationOf<Paths, P, 'GET'>>
  ): AsyncGenerator<ItemOf<Paths, P>, void, undefined>;
}

function mergeHeaders(target: Record<string, string>, source?: Record<string, unknown>) {
  for (const name in source) {
    const value = source[name];
    const key = name.toLowerCase();
    if (value === null) delete target[key];
    else if (value !== undefined) target[key] = String(value);
  }
}

/**
 * Creates a typed client over an openapi-typescript `paths` interface, built on `fetch`, with
 * retries (network errors, 408/429/5xx, and 409 only with Retry-After; backoff with full jitter;
 * Retry-After and RateLimit honoured), idempotency keys, per-attempt timeouts and token refresh.
 * @example
 * const client = createTypedClient<paths>({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_123' });
 * const result = await client.GET('/v1/payments/{payment_id}', { params: { path: { payment_id: 'pay_1' } } });
 * if (result.ok) console.log(result.data.status);
 * else if (result.status === 404) console.log(result.error.code);
 */
export function createTypedClient<Paths, Problem = ProblemDetails>(
  options: ClientOptions,
): Client<Paths, Problem> {
  const { apiKey, token, logger, onRequest, onResponse, onError, retry = {} } = options;
  // Not quoted: the credentials would end up in the error and its logs.
  if (userinfo.test(options.baseUrl)) throw credentialsInUrl('baseUrl');
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const wait = retry.sleep ?? sleep;
  const validate = options.validateResponses;
  let lastToken: string | undefined;
  const baseHeaders: Record<string, string> = { accept: 'application/json' };
  mergeHeaders(baseHeaders, options.headers);
  if (apiKey) baseHeaders.authorization = `Bearer ${apiKey}`;

  /** `METHOD path` as a function; its result is typed by {@link Client}. */
  type Bound = (path: string, init?: AnyInit) => Promise<never>;
  const request =
    (method: HttpMethod) =>
    async (path: string, init: AnyInit = {}) => {
      const what = `${method} ${path}`;
      // A POST gets a fresh Idempotency-Key, reused on retries, unless the client's headers set
      // one; the request's headers and idempotencyKey may replace it, or remove it with null.
      const headers: Record<string, string> = {
        ...(method === 'POST' && { 'idempotency-key': crypto.randomUUID() }),
        ...baseHeaders,
      };
      let body: string | undefined;
      if (init.body !== undefined) {
        try {
          body = JSON.stringify(init.body);
        } catch (cause) {
          throw invalidRequest(
            `${what}: the body is not JSON-serializable (a BigInt? a cycle?)`,
            cause,
          );
        }
        headers['content-type'] = 'application/json';
      }
      mergeHeaders(headers, init.params?.header);
      mergeHeaders(headers, init.headers);
      mergeHeaders(headers, { 'idempotency-key': init.idempotencyKey });
      const req = {
        method,
        path,
        url: buildUrl(baseUrl, path, init.params),
        headers,
        body,
        attempt: 0,
      } satisfies OutgoingRequest;
      const log = (level: keyof Logger, message: string, extra?: object) =>
        logger?.[level]?.(redactSecrets(message, [apiKey, lastToken]), {
          method,
          // The query string can carry caller data (emails, tokens); logs get the path only.
          url: withoutQuery(req.url),
          attempt: req.attempt,
          headers: redactHeaders(req.headers),
          ...extra,
        });
      const { signal, timeoutMs = options.timeoutMs ?? 30_000 } = init;
      // POST and PATCH are retried only with an idempotency key.
      const maxRetries =
        (method === 'POST' || method === 'PATCH') && !headers['idempotency-key']
          ? 0
          : (init.maxRetries ?? retry.maxRetries ?? 2);
      let retries = 0;
      let refreshed = false;
      let forceRefresh = false;
      for (;;) {
        req.attempt++;
        // The attempt's deadline, started before the token provider and onRequest: its signal
        // aborts on the timeout or on the caller's abort, whichever comes first. Without a
        // timeout it is the caller's signal as is: no extra controller. A timeout longer than a
        // timer can hold (Infinity, say) is none: Node would fire it after 1 ms.
        let attemptSignal = signal;
        let timedOut = false;
        let end = () => {};
        if (timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS) {
          const controller = new AbortController();
          const timer = setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs);
          // A listener rather than AbortSignal.any: it runs everywhere, and Node 20's
          // AbortSignal.any keeps combined signals alive until GC (nodejs/node#48951).
          const onAbort = () => controller.abort();
          if (signal?.aborted) onAbort();
          else signal?.addEventListener('abort', onAbort);
          attemptSignal = controller.signal;
          end = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
          };
        }
        /** `promise`, or the attempt's deadline or the caller's abort, whichever comes first. */
        const unlessAborted = <T>(promise: T | Promise<T>, step: string) =>
          raceAbort(promise, attemptSignal, () =>
            signal?.aborted
              ? abortedError(what, signal.reason)
              : timeoutError(`${what}: ${step} did not finish`, timeoutMs),
          );
        // Only failures of the transport become client errors; a throwing onResponse propagates.
        // After the headers arrived, the error keeps the response's status and request id.
        const fail = (cause: unknown, response?: Response): never => {
          if (signal?.aborted) throw abortedError(what, cause);
          const fields = { cause, status: response?.status, requestId: requestIdOf(response) };
          const answered = response && `${what} answered ${response.status} but`;
          if (timedOut)
            throw timeoutError(
              answered
                ? `${answered} its body did not complete`
                : `${what}: the response did not complete`,
              timeoutMs,
              fields,
            );
          const code = (cause as { cause?: { code?: string } }).cause?.code;
          const detail = code ? ` (${code})` : '';
          throw new HooklineApiError(
            'network_error',
            answered
              ? `${answered} the body was cut off${detail}; check the API and any proxy`
              : `${what} failed before a response arrived${detail}; check baseUrl and that the API is reachable`,
            fields,
          );
        };
        let response: Response;
        let text: string;
        try {
          if (token) {
            lastToken = await unlessAborted(token({ forceRefresh }), 'the token provider');
            forceRefresh = false;
            headers.authorization = `Bearer ${lastToken}`;
          }
          if (onRequest) await unlessAborted(onRequest(req), 'onRequest');
          // Refuse what fetch cannot send: a URL with credentials (set by onRequest), a header name
          // that is not an HTTP token (`x trace`), a header value with a line break, NUL or a
          // character above U+00FF. Fetch's own error would quote the URL or value — an API key
          // read with its newline or pasted with a typographic quote would end up in the error and
          // its logs — and retrying cannot help. The value is never quoted here.
          if (userinfo.test(req.url)) throw credentialsInUrl(`${what}: the URL set by onRequest`);
          for (const [name, value] of Object.entries(req.headers)) {
            const problem = !/^[\w!#$%&'*+.^`|~-]+$/.test(name)
              ? `header name ${JSON.stringify(name)} is not an HTTP token`
              : /[\r\n\0]/.test(value)
                ? `the ${name} header has a line break or NUL (a trailing newline?); trim it`
                : /[^\0-\xff]/.test(value)
                  ? `the ${name} header has a character above U+00FF (a typographic quote?); retype it`
                  : undefined;
            if (problem) throw invalidRequest(`${what}: ${problem}`);
          }
          log('debug', `${what}: attempt ${req.attempt}`);
          // The whole body is read under the attempt's deadline, so a slow body times out too.
          try {
            if (signal?.aborted) fail(signal.reason);
            response = await doFetch(req.url, {
              method,
              // onRequest may have replaced the headers object.
              headers: req.headers,
              body: body ?? null,
              signal: attemptSignal ?? null,
            }).catch(fail);
            if (onResponse) response = (await onResponse(response, req)) ?? response;
            text = await response.text().catch((cause: unknown) => fail(cause, response));
          } catch (err) {
            if (!isHooklineApiError(err)) throw err;
            end();
            onError?.(err, req);
            if (err.code === 'aborted' || retries >= maxRetries) {
              log('error', err.message, { code: err.code });
              throw err;
            }
            const delay = retryBackoff(retries++, retry);
            log('warn', `${err.message}; retrying in ${delay} ms`, { code: err.code });
            await pause(wait, delay, signal, what);
            continue;
          }
        } finally {
          end();
        }
        const status = response.status;
        log('debug', `${what}: ${status}`, { status, requestId: requestIdOf(response) });
        if (status === 401 && token && !refreshed) {
          refreshed = forceRefresh = true;
          continue;
        }
        if (retries < maxRetries && isRetryableStatus(status, response.headers)) {
          // The server's hint, never shorter than the backoff; undefined: too long, stop here.
          const delay = retryDelay(response, retries, retry);
          if (delay !== undefined) {
            retries++;
            log('warn', `${what}: ${status}; retrying in ${delay} ms`);
            await pause(wait, delay, signal, what);
            continue;
          }
        }
        const json = response.headers.get('content-type')?.includes('json');
        let data: unknown = text || undefined;
        let parsed: unknown;
        try {
          // A 2xx body is data of the type the operation declares: JSON, or nothing.
          if (response.ok && text && !json) throw new Error('not JSON');
          if (text && json) data = parsed = JSON.parse(text);
          if (validate) data = validate({ method, path, status, body: data });
        } catch (cause) {
          if (response.ok)
            throw new HooklineApiError(
              'invalid_response',
              `${what} answered ${status} with an invalid body (another API version? a proxy?)`,
              { status, cause, requestId: requestIdOf(response) },
            );
          // An error status stays a result, whatever its body. JSON the validator refused (a
          // problem without detail, a code newer than this client) keeps the API's code and
          // request_id; anything else becomes { title, detail: text } below.
          data = parsed;
        }
        if (response.ok) return { ok: true as const, status, data, response };
        const error = (
          data && typeof data === 'object' && !Array.isArray(data)
            ? data
            : { title: response.statusText, detail: text }
        ) as ProblemDetails;
        error.status = status;
        return { ok: false as const, status, error, response };
      }
    };

  return {
    GET: request('GET') as Bound,
    POST: request('POST') as Bound,
    PUT: request('PUT') as Bound,
    PATCH: request('PATCH') as Bound,
    DELETE: request('DELETE') as Bound,
    paginate: ((path: string, init: AnyInit = {}, { limit }: PaginateOptions = {}) =>
      paginatePages(
        async (startingAfter: string | undefined) => {
          const result = await request('GET')(path, {
            ...init,
            params: {
              ...init.params,
              query: { ...init.params?.query, starting_after: startingAfter },
            },
          });
          if (!result.ok) throw errorFromProblem(result.error, result.response, `GET ${path}`);
          return result.data as ListPage<unknown>;
        },
        init.params?.query?.starting_after as string | undefined,
        limit,
        `GET ${path}`,
      )) as Client<Paths, Problem>['paginate'],
  };
}

/** `scheme://user:password@` at the start of a URL (the part up to `@`, in group 1 the scheme). */
const userinfo = /^([a-z][\w+.-]*:\/\/)[^/?#]*@/i;

const credentialsInUrl = (what: string) =>
  invalidRequest(`${what} has user:password@ in it; pass apiKey or token instead`);

/** `url` without its query string, fragment and credentials (`user:password@`): what logs get. */
export function withoutQuery(url: string): string {
  return url.replace(/[?#].*/s, '').replace(userinfo, '$1');
}
