import type { components, paths } from '@hookline/openapi';
import { type Client, type ClientOptions, createTypedClient } from './create-typed-client.js';
import {
  type EventsSinceOptions,
  eventsSince,
  type WebhooksApi,
  webhooksApi,
} from './webhooks-api.js';

/** A client for the Hookline API: typed `GET`/`POST`/... plus webhook helpers and catch-up. */
export interface HooklineClient extends Client<paths, components['schemas']['Problem']> {
  /** Webhook endpoints, secrets, test events and the delivery log. */
  readonly webhooks: WebhooksApi;
  /** Events after `cursor` (an event id), oldest first, across pages: the catch-up source. */
  eventsSince(
    cursor?: string | null,
    options?: EventsSinceOptions,
  ): AsyncGenerator<components['schemas']['Event'], void, undefined>;
}

/**
 * Creates a client for the Hookline API, typed by `@hookline/openapi`'s generated `paths`.
 * @example
 * import { createClient, unwrap } from '@hookline/client';
 *
 * const client = createClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_123' });
 * const result = await client.GET('/v1/payments/{payment_id}', {
 *   params: { path: { payment_id: 'pay_3MtwBwLkdIwHu7ix' } },
 * });
 * if (result.ok) console.log(result.data.status);
 * else if (result.status === 404) console.log(result.error.code); // 'not_found'
 *
 * for await (const event of client.eventsSince('evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1')) console.log(event.event);
 */
export function createClient(options: ClientOptions): HooklineClient {
  const client = createTypedClient<paths, components['schemas']['Problem']>(options);
  return {
    ...client,
    webhooks: webhooksApi(client),
    eventsSince: (cursor, since) => eventsSince(client, cursor, since),
  };
}
