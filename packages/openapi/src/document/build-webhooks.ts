import { eventCatalog } from '@hookline/events';
import { eventComponentId } from '../schemas/event.js';
import { schemaRef } from './json-schema.js';

/** Tags of the `webhooks` section, one per event category. */
export const webhookTags = [
  { name: 'Auth events', description: 'Webhooks about users, logins and sessions.' },
  { name: 'Payment events', description: 'Webhooks about checkouts, payments and subscriptions.' },
] as const;

const tagOfCategory = { auth: 'Auth events', payments: 'Payment events' } as const;

/** `components.parameters`: the Standard Webhooks headers of every delivery. */
export const webhookParameters = {
  WebhookId: {
    name: 'webhook-id',
    in: 'header',
    required: true,
    description:
      'The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.',
    schema: { type: 'string' },
    example: 'evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1',
  },
  WebhookTimestamp: {
    name: 'webhook-timestamp',
    in: 'header',
    required: true,
    description:
      'Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (default tolerance) off your clock.',
    schema: { type: 'string', pattern: '^[0-9]+$' },
    example: '1773421801',
  },
  WebhookSignature: {
    name: 'webhook-signature',
    in: 'header',
    required: true,
    description:
      'Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` per `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.',
    schema: { type: 'string' },
    example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  },
  WebhookVersion: {
    name: 'X-Webhook-Version',
    in: 'header',
    required: false,
    description:
      'The version of the event contract in the body (the same as its `version`). When the body has no `version`, receivers use this, and 1 when it is absent too.',
    schema: { type: 'string', pattern: '^[1-9][0-9]*$' },
    example: '2',
  },
};

const webhookResponses = {
  '200': {
    description:
      'Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures.',
  },
  '400': {
    description:
      'The body is not a valid event; the delivery is retried with backoff, then dead-lettered.',
  },
  '401': {
    description:
      'The signature or timestamp did not verify; retried with backoff, then dead-lettered.',
  },
  '410': {
    description: 'Gone: the endpoint is disabled and receives nothing more until re-enabled.',
  },
  '429': {
    description: 'Too many requests: retried after `Retry-After` seconds (or with backoff).',
    headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
  },
  '503': {
    description: 'Unavailable: retried after `Retry-After` seconds (or with backoff).',
    headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
  },
};

function camelCase(event: string): string {
  return event
    .split(/[._]/)
    .map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
}

/**
 * The `webhooks` section: one entry per event type x version of the catalog, keyed
 * `<event>.v<version>` (e.g. `payment.succeeded.v2`). The body is the envelope schema of that
 * version (`components.schemas.<Type>V<version>Event`) with the catalog example.
 */
export function buildWebhooks(): Record<string, unknown> {
  const webhooks: Record<string, unknown> = {};
  for (const entry of eventCatalog) {
    webhooks[`${entry.event}.v${entry.version}`] = {
      post: {
        operationId: `${camelCase(entry.event)}V${entry.version}Webhook`,
        summary: `${entry.event} (v${entry.version})`,
        description: `${entry.description}\n\nSent to endpoints whose \`enabled_events\` match \`${entry.event}\` and whose version policy selects version ${entry.version}.`,
        tags: [tagOfCategory[entry.category]],
        security: [],
        parameters: Object.keys(webhookParameters).map((name) => ({
          $ref: `#/components/parameters/${name}`,
        })),
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: schemaRef(eventComponentId(entry.event, entry.version)),
              example: entry.example,
            },
          },
        },
        responses: webhookResponses,
      },
    };
  }
  return webhooks;
}
