import type { components, paths } from '@hookline/openapi';
import type { Client } from './create-typed-client.js';
import type { PaginateOptions } from './paginate.js';
import type {
  BodyOf,
  FetchResult,
  HttpMethod,
  OperationOf,
  ParamsOf,
  RequestOptions,
} from './path-types.js';

type Problem = components['schemas']['Problem'];
type Op<P extends keyof paths, M extends HttpMethod> = OperationOf<paths, P, M>;
type Result<P extends keyof paths, M extends HttpMethod> = Promise<FetchResult<Op<P, M>, Problem>>;
type Query<P extends keyof paths> = NonNullable<
  ParamsOf<Op<P, 'GET'>> extends { query?: infer Q } ? Q : never
>;

const endpoints = '/v1/webhook_endpoints';

/** The webhook side of the API: endpoints, secrets, test events and the delivery log. */
export interface WebhooksApi {
  /** Registers an endpoint; the result's data carries the signing secret (shown only once). */
  createEndpoint(
    body: BodyOf<Op<'/v1/webhook_endpoints', 'POST'>>,
    options?: RequestOptions,
  ): Result<'/v1/webhook_endpoints', 'POST'>;
  /** Every endpoint, across pages, oldest first. */
  listEndpoints(
    query?: Query<'/v1/webhook_endpoints'>,
    options?: PaginateOptions & RequestOptions,
  ): AsyncGenerator<components['schemas']['WebhookEndpoint'], void, undefined>;
  /** Issues a new signing secret; the old one keeps signing for `grace_period_seconds`. */
  rotateSecret(
    endpointId: string,
    body: BodyOf<Op<'/v1/webhook_endpoints/{endpoint_id}/rotate_secret', 'POST'>>,
    options?: RequestOptions,
  ): Result<'/v1/webhook_endpoints/{endpoint_id}/rotate_secret', 'POST'>;
  /** Sends a test event of the given type to this endpoint only; resolves the queued delivery. */
  sendTestEvent(
    endpointId: string,
    body: BodyOf<Op<'/v1/webhook_endpoints/{endpoint_id}/test', 'POST'>>,
    options?: RequestOptions,
  ): Result<'/v1/webhook_endpoints/{endpoint_id}/test', 'POST'>;
  /** The delivery log of one endpoint, across pages, oldest first. */
  listDeliveries(
    endpointId: string,
    query?: Query<'/v1/webhook_endpoints/{endpoint_id}/deliveries'>,
    options?: PaginateOptions & RequestOptions,
  ): AsyncGenerator<components['schemas']['Delivery'], void, undefined>;
  /** Queues one more attempt of a delivery now (same `webhook-id`). */
  retryDelivery(
    deliveryId: string,
    options?: RequestOptions,
  ): Result<'/v1/deliveries/{delivery_id}/retry', 'POST'>;
}

/** Options of `client.eventsSince()`. */
export interface EventsSinceOptions extends PaginateOptions, RequestOptions {
  /** Only events of this type (`payment.*` wildcards allowed). */
  type?: components['schemas']['EventPattern'] | undefined;
  /** Page size, 1–100 (the API's default is 10). */
  pageSize?: number | undefined;
}

/** Builds {@link WebhooksApi} on a client. */
export function webhooksApi(client: Client<paths, Problem>): WebhooksApi {
  return {
    createEndpoint: (body, options) => client.POST(endpoints, { ...options, body }),
    listEndpoints: (query = {}, { limit, ...options } = {}) =>
      client.paginate(endpoints, { ...options, params: { query } }, { limit }),
    rotateSecret: (endpoint_id, body, options) =>
      client.POST(`${endpoints}/{endpoint_id}/rotate_secret`, {
        ...options,
        params: { path: { endpoint_id } },
        body,
      }),
    sendTestEvent: (endpoint_id, body, options) =>
      client.POST(`${endpoints}/{endpoint_id}/test`, {
        ...options,
        params: { path: { endpoint_id } },
        body,
      }),
    listDeliveries: (endpoint_id, query = {}, { limit, ...options } = {}) =>
      client.paginate(
        `${endpoints}/{endpoint_id}/deliveries`,
        { ...options, params: { path: { endpoint_id }, query } },
        { limit },
      ),
    retryDelivery: (delivery_id, options) =>
      client.POST('/v1/deliveries/{delivery_id}/retry', {
        ...options,
        params: { path: { delivery_id } },
      }),
  };
}

/**
 * Events after `cursor` (an event id; from the first when absent), oldest first, across pages:
 * the catch-up source for `@hookline/receiver` (`receiver.catchUp(client.eventsSince(lastId))`).
 */
export function eventsSince(
  client: Client<paths, Problem>,
  cursor?: string | null,
  { limit, type, pageSize, ...options }: EventsSinceOptions = {},
): AsyncGenerator<components['schemas']['Event'], void, undefined> {
  const query: Query<'/v1/events'> = {};
  if (cursor) query.starting_after = cursor;
  if (type) query.type = type;
  if (pageSize) query.limit = pageSize;
  return client.paginate('/v1/events', { ...options, params: { query } }, { limit });
}
