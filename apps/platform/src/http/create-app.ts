import { createHash, timingSafeEqual } from 'node:crypto';
import { isDispatcherError } from '@hookline/dispatcher';
import { allowedMethods, apiOperations } from '@hookline/openapi';
import { Hono } from 'hono';
import type { z } from 'zod';
import { createId } from '../create-id.js';
import type { RequestClient } from '../platform-context.js';
import { isPlatformError, PlatformError } from '../platform-error.js';
import { invalidFields, invalidRequest, loneSurrogateIssues } from './field-issues.js';
import { type IdempotencyKeys, idempotencyKeyInUseRetryAfter } from './idempotency-keys.js';
import { type IdempotentRequest, idempotentRequest } from './idempotent-request.js';
import type { OperationHandlers } from './operation-types.js';
import { problemResponse } from './problem-response.js';
import type { RateLimitDecision, RateLimiter } from './rate-limiter.js';
import type { ResponseRecord } from './response-record.js';

/** The shape of an operation the router needs (every entry of `apiOperations` has it). */
interface RoutableOperation {
  operationId: string;
  method: string;
  path: string;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  body?: { schema: z.ZodType };
  response: { status: number };
}

/** What {@link createApp} wires together. */
export interface AppOptions {
  handlers: OperationHandlers;
  /** Accepted API keys (bearer tokens). */
  apiKeys: readonly string[];
  rateLimiter: RateLimiter | null;
  idempotency: IdempotencyKeys;
  now(): number;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Extra routes (pages) registered before the API. */
  pages?: (app: Hono) => void;
  /** Told about every response (contract tests record them). */
  onResponse?: (record: ResponseRecord) => void;
  /** Told about unexpected errors (500s). */
  onError?: (error: unknown, operationId: string | null) => void;
  /** The client address of a request (the node adapter knows it). */
  clientIp(request: Request, env: unknown): string | null;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The path as the client sent it, still percent-encoded: a problem's `instance` must be a URI
 * reference (RFC 9457 §3.1.5), which Hono's decoded `c.req.path` is not (`/v1/a%20b`).
 */
const rawPath = (request: Request) => new URL(request.url).pathname;

/** `/v1/users/{user_id}` -> `/v1/users/:user_id` */
const honoPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/** The noun of a path parameter, for 404 details: `checkout_session_id` -> `checkout session`. */
const noun = (param: string) => param.replace(/_id$/, '').replaceAll('_', ' ');

function rateLimitHeaders(headers: Headers, decision: RateLimitDecision) {
  headers.set('ratelimit-limit', String(decision.limit));
  headers.set('ratelimit-remaining', String(decision.remaining));
  headers.set('ratelimit-reset', String(decision.resetSeconds));
}

/** `application/json`, with or without parameters; a charset, if named, must be UTF-8. */
const isJsonContentType = (value: string | null) => {
  if (value === null || !/^application\/json\s*(;|$)/i.test(value.trim())) return false;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(value)?.[1];
  return charset === undefined || /^utf-?8$/i.test(charset);
};

function json(status: number, body: string, extra?: Record<string, string>): Response {
  return new Response(body, {
    status,
    headers: { 'content-type': 'application/json', ...extra },
  });
}

/**
 * The answers stored with an `Idempotency-Key` and replayed with `Idempotent-Replayed: true`:
 * a success and the client errors the document lists for replay (400, 403, 404, 409). Any
 * other (a 401 wrong password, a 5xx) releases the key, so the same request runs again.
 */
const isReplayable = (status: number) =>
  status < 400 || status === 400 || status === 403 || status === 404 || status === 409;

/** Maps errors of the dispatcher (endpoint URL checks, missing objects) onto problems. */
function toPlatformError(error: unknown): PlatformError | undefined {
  if (isPlatformError(error)) return error;
  if (!isDispatcherError(error)) return undefined;
  switch (error.code) {
    case 'invalid_endpoint':
    case 'insecure_url':
    case 'address_not_allowed':
    case 'dns_failed':
      return new PlatformError('invalid_request', error.message, {
        errors: [{ path: 'body.url', message: error.message }],
        cause: error,
      });
    case 'endpoint_not_found':
    case 'delivery_not_found':
    case 'event_not_found':
      return new PlatformError('not_found', error.message, { cause: error });
    case 'delivery_in_flight':
      return new PlatformError('conflict', error.message, { cause: error });
    default:
      return undefined;
  }
}

/**
 * Where the right id for the path parameter `name` of an operation at `path` can be found,
 * naming only operations of the document: the list at the parameter's collection
 * (`GET /v1/users`), else a list of the same objects elsewhere
 * (`GET /v1/webhook_endpoints/{endpoint_id}/deliveries`), else the operation that creates
 * them (`POST /v1/checkout/sessions`).
 */
function idHint(path: string, name: string): string {
  const collection = path.slice(0, path.indexOf(`/{${name}}`));
  const operations = apiOperations as unknown as readonly RoutableOperation[];
  const gets = operations.filter((o) => o.method.toLowerCase() === 'get');
  if (gets.some((o) => o.path === collection)) return `, or list them with GET ${collection}`;
  const segment = collection.slice(collection.lastIndexOf('/'));
  // Only a list nested under another object (`/v1/webhook_endpoints/{endpoint_id}/deliveries`
  // for `/v1/deliveries`), not another resource of the same name (`/v1/sessions` is no list
  // of `/v1/checkout/sessions`).
  const elsewhere = gets.find(
    (o) => o.path.endsWith(segment) && o.path.slice(0, -segment.length).endsWith('}'),
  );
  if (elsewhere) return `, or list them with GET ${elsewhere.path}`;
  const create = operations.find((o) => o.method.toLowerCase() === 'post' && o.path === collection);
  if (create) return `; they are created with POST ${collection}`;
  return '';
}

/**
 * The 500 of an unexpected error. An event the platform built that its own contract refuses
 * (the dispatcher's `invalid_event`) is a bug that fails the same way every time: its answer
 * does not invite a retry. Either way the action's transaction rolled back.
 */
function internalError(error: unknown): PlatformError {
  if (isDispatcherError(error) && error.code === 'invalid_event') {
    return new PlatformError(
      'internal_error',
      `The platform built an event that breaks its own contract, so nothing was changed (${error.message}). This is a bug of the platform, not of the request: the same request will fail the same way, so retrying does not help. Report it with this request_id.`,
      { cause: error },
    );
  }
  return new PlatformError(
    'internal_error',
    'The request failed on our side. Retry it with backoff; POSTs with the same Idempotency-Key are safe to retry.',
    { cause: error },
  );
}

/**
 * The HTTP face of the platform: every operation of the OpenAPI document, with bearer auth,
 * per-key rate limits (`RateLimit-*` on every response), request validation by the zod
 * contracts, idempotency keys on POSTs and RFC 9457 problems for every error.
 */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const keyDigests = options.apiKeys.map(digest);
  const handlers = options.handlers as unknown as Record<
    string,
    (input: unknown, client: RequestClient) => Promise<unknown>
  >;

  /** The SHA-256 of the bearer token when it is an accepted API key (hashed once per request). */
  const authenticate = (header: string | undefined): Buffer | undefined => {
    const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
    if (!match?.[1]) return undefined;
    const given = digest(match[1]);
    return keyDigests.some((key) => timingSafeEqual(key, given)) ? given : undefined;
  };

  async function readBody(request: Request): Promise<string> {
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > options.maxBodyBytes) throw tooLarge();
    if (!request.body) return '';
    // Stop reading as soon as a chunked body passes the limit, rather than buffering it all.
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = request.body.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        // The client went away or sent a malformed body mid-stream: its fault, not ours.
        throw new PlatformError(
          'invalid_request',
          'The request body ended before it was complete (the connection broke or the encoding was malformed). Send the whole body again.',
          { errors: [{ path: 'body', message: 'was cut off' }], cause: error },
        );
      }
      const { done, value } = chunk;
      if (done) break;
      size += value.byteLength;
      if (size > options.maxBodyBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  const tooLarge = () =>
    new PlatformError(
      'payload_too_large',
      `The request body is larger than ${options.maxBodyBytes} bytes; send a smaller body.`,
    );

  async function run(
    op: RoutableOperation,
    request: Request,
    params: Record<string, string>,
    client: RequestClient,
    scope: string,
  ): Promise<Response> {
    const url = new URL(request.url);
    let idempotencyKey: string | undefined;
    let idempotencyToken = '';
    let keyed: IdempotentRequest | undefined;
    let responseBody: string | undefined;
    let bodyText = '';
    let response: Response;
    try {
      if (op.body || request.method === 'POST') bodyText = await readBody(request);
      if (bodyText !== '' && !isJsonContentType(request.headers.get('content-type'))) {
        throw new PlatformError(
          'unsupported_media_type',
          `The body was sent as ${request.headers.get('content-type') ?? 'no content-type'}; the API reads only UTF-8 JSON. Send it with \`content-type: application/json\`.`,
        );
      }
      const coding = request.headers.get('content-encoding')?.trim().toLowerCase();
      if (bodyText !== '' && coding && coding !== 'identity') {
        throw new PlatformError(
          'unsupported_media_type',
          `The body was sent with content-encoding ${coding}; the API reads bodies uncompressed. Send it without content-encoding.`,
        );
      }
      let parsedParams: unknown = {};
      if (op.pathParams) {
        const result = op.pathParams.safeParse(params);
        if (!result.success) {
          const failed = result.error.issues[0]?.path[0];
          const name =
            typeof failed === 'string' && failed in params
              ? failed
              : (Object.keys(params)[0] ?? 'id');
          throw new PlatformError(
            'not_found',
            `No ${noun(name)} has the id ${params[name] ?? ''}. Check the id${idHint(op.path, name)}.`,
          );
        }
        parsedParams = result.data;
      }
      if (request.method === 'POST') {
        const key = request.headers.get('idempotency-key');
        if (key !== null) {
          if (key.length < 1 || key.length > 255) {
            throw new PlatformError(
              'invalid_request',
              'The Idempotency-Key header must be 1 to 255 characters long; use a UUID.',
              { errors: [{ path: 'header.Idempotency-Key', message: 'must be 1–255 characters' }] },
            );
          }
          const fingerprint = digest(`${request.method} ${url.pathname}\n${bodyText}`).toString(
            'base64',
          );
          const claim = await options.idempotency.claim(scope, key, fingerprint, options.now());
          if (claim.kind === 'replay') {
            const type = claim.status >= 400 ? 'application/problem+json' : 'application/json';
            return new Response(claim.body, {
              status: claim.status,
              headers: { 'content-type': type, 'idempotent-replayed': 'true' },
            });
          }
          idempotencyKey = key;
          idempotencyToken = claim.token;
        }
      }
      let query: unknown = {};
      if (op.query) {
        const result = op.query.safeParse(Object.fromEntries(url.searchParams));
        if (!result.success) throw invalidRequest('query', result.error);
        query = result.data;
      }
      let body: unknown;
      if (op.body) {
        let raw: unknown = {};
        if (bodyText.trim() !== '') {
          try {
            raw = JSON.parse(bodyText);
          } catch {
            throw new PlatformError(
              'invalid_request',
              'The body is not valid JSON. Send a JSON object with `content-type: application/json`.',
              { errors: [{ path: 'body', message: 'is not valid JSON' }] },
            );
          }
        }
        const lone = loneSurrogateIssues(raw, 'body');
        if (lone.length > 0) throw invalidFields('body', lone);
        const result = op.body.schema.safeParse(raw);
        if (!result.success) throw invalidRequest('body', result.error);
        body = result.data;
      }
      const handler = handlers[op.operationId];
      if (!handler) throw new Error(`no handler for ${op.operationId}`);
      const input = { params: parsedParams, query, body };
      if (idempotencyKey !== undefined) {
        keyed = { scope, key: idempotencyKey, token: idempotencyToken, status: op.response.status };
      }
      const output =
        keyed === undefined
          ? await handler(input, client)
          : await idempotentRequest.run(keyed, () => handler(input, client));
      responseBody = JSON.stringify(output);
      response = json(op.response.status, responseBody);
    } catch (error) {
      const problem = toPlatformError(error);
      if (problem) {
        response = problemResponse(problem, url.pathname, createId('req'));
        // The rest of an oversized body was never read: the connection cannot be reused.
        if (problem.code === 'payload_too_large') response.headers.set('connection', 'close');
      } else {
        options.onError?.(error, op.operationId);
        response = problemResponse(internalError(error), url.pathname, createId('req'));
      }
    }
    // A response the action's transaction already stored with the key (same status, same
    // body) needs no second store: that would be another commit for nothing.
    const alreadyStored =
      responseBody !== undefined &&
      keyed?.storedBody !== undefined &&
      keyed.storedBody === responseBody;
    if (idempotencyKey !== undefined && !alreadyStored) {
      if (!isReplayable(response.status)) {
        await options.idempotency.release(scope, idempotencyKey, idempotencyToken);
      } else {
        const stored = await options.idempotency.complete(
          scope,
          idempotencyKey,
          idempotencyToken,
          response.status,
          await response.clone().text(),
        );
        if (!stored) {
          // A retry took the key over while this ran: its outcome is the one that stands.
          response = problemResponse(
            new PlatformError(
              'idempotency_key_in_use',
              `The request with the Idempotency-Key "${idempotencyKey}" ran so long that a retry with the same key took it over; its outcome stands. Retry with the same key to get its response.`,
              { retryAfter: idempotencyKeyInUseRetryAfter },
            ),
            url.pathname,
            createId('req'),
          );
        }
      }
    }
    return response;
  }

  /**
   * Who is calling and whether they may: the API key's digest (if valid), the rate-limit scope (the key,
   * else the client address) and its decision; `limited` is the 429 to send when over the limit.
   */
  function gate(request: Request, env: unknown) {
    const client: RequestClient = {
      ip: options.clientIp(request, env),
      userAgent: request.headers.get('user-agent'),
    };
    const keyDigest = authenticate(request.headers.get('authorization') ?? undefined);
    const scope =
      keyDigest === undefined ? `ip:${client.ip}` : keyDigest.toString('hex').slice(0, 24);
    const decision = options.rateLimiter?.take(scope, options.now());
    const limited =
      decision && !decision.allowed
        ? problemResponse(
            new PlatformError(
              'rate_limited',
              `This API key sent more than ${decision.limit} requests in the rate-limit window. Retry after the number of seconds in Retry-After.`,
              { retryAfter: decision.retryAfterSeconds },
            ),
            rawPath(request),
            createId('req'),
          )
        : undefined;
    return { client, keyDigest, scope, decision, limited };
  }

  const record = async (operationId: string | null, request: Request, response: Response) => {
    if (!options.onResponse) return;
    options.onResponse({
      operationId,
      method: request.method,
      path: rawPath(request),
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.clone().text(),
    });
  };

  options.pages?.(app);

  const operations = apiOperations as unknown as readonly RoutableOperation[];
  for (const op of operations) {
    app.on(op.method.toUpperCase(), honoPath(op.path), async (c) => {
      const request = c.req.raw;
      const { client, keyDigest, scope, decision, limited } = gate(request, c.env);
      let response: Response;
      if (limited) {
        response = limited;
      } else if (keyDigest === undefined) {
        response = problemResponse(
          new PlatformError(
            'unauthorized',
            'No valid API key was sent. Send `Authorization: Bearer sk_test_...` with the key the platform printed on start.',
          ),
          rawPath(request),
          createId('req'),
        );
      } else {
        response = await run(op, request, c.req.param() as Record<string, string>, client, scope);
      }
      if (decision) rateLimitHeaders(response.headers, decision);
      await record(op.operationId, request, response);
      return response;
    });
  }

  app.notFound(async (c) => {
    const path = rawPath(c.req.raw);
    // Unknown routes under /v1 count against the caller's rate limit like any API request.
    const { decision, limited } = path.startsWith('/v1/')
      ? gate(c.req.raw, c.env)
      : { decision: undefined, limited: undefined };
    // The raw path, as matchOperation reads it (a malformed escape matches nothing: a 404).
    const methods = allowedMethods(path);
    const allowed = methods.length > 0 ? methods : undefined;
    const response = limited
      ? limited
      : allowed
        ? problemResponse(
            new PlatformError(
              'method_not_allowed',
              `${c.req.method} is not allowed on ${path}; use ${allowed.join(' or ')}.`,
            ),
            path,
            createId('req'),
          )
        : problemResponse(
            new PlatformError(
              'not_found',
              `There is no route ${c.req.method} ${path}. The API lives under /v1; see GET /openapi.json.`,
            ),
            path,
            createId('req'),
          );
    // Hono answers HEAD wherever a GET route matches (the GET's headers, no body).
    if (allowed && !limited) {
      const allow = allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed;
      response.headers.set('allow', allow.join(', '));
    }
    if (decision) rateLimitHeaders(response.headers, decision);
    await record(null, c.req.raw, response);
    return response;
  });

  app.onError(async (error, c) => {
    const problem = toPlatformError(error);
    if (!problem) options.onError?.(error, null);
    const response = problemResponse(
      problem ?? internalError(error),
      rawPath(c.req.raw),
      createId('req'),
    );
    await record(null, c.req.raw, response);
    return response;
  });

  return app;
}
