import { eventCatalog } from '@hookline/events';
import { eventComponentId } from '../schemas/event.js';
import { schemaRef } from './json-schema.js';

/** Tags of the `webhooks` section, one per event category. */
export const webhookTags = [
  { name: 'Auth events', description: 'Webhooks about users, logins and sessions.' },
  { name: 'Payment events', description: 'Webhooks about checkouts, payments and subscriptions.' },
] as const;

const tagOfCategory = { auth: 'Auth events', payments: 'Payment events' } as const;

type CatalogEntry = (typeof eventCatalog)[number];

/**
 * The Standard Webhooks headers of one delivery, plus `X-Webhook-Version`. Inline per webhook
 * (a `$ref` could not carry per-version examples): the examples are those of the catalog
 * example, so headers and body of each webhook tell the same story.
 */
export function webhookHeaderParameters(entry: CatalogEntry) {
  const signedAt = Math.floor(Date.parse(entry.example.timestamp) / 1000);
  return [
    {
      name: 'webhook-id',
      in: 'header',
      required: true,
      description:
        'The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.',
      schema: { type: 'string', minLength: 1 },
      example: entry.example.id,
    },
    {
      name: 'webhook-timestamp',
      in: 'header',
      required: true,
      description:
        'Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.',
      schema: { type: 'string', pattern: '^[0-9]+$' },
      example: String(signedAt),
    },
    {
      name: 'webhook-signature',
      in: 'header',
      required: true,
      description:
        'Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.',
      schema: { type: 'string', pattern: '^v1a?,[A-Za-z0-9+/=]+( v1a?,[A-Za-z0-9+/=]+)*$' },
      example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
    },
    {
      name: 'X-Webhook-Version',
      in: 'header',
      required: false,
      description: `The contract version of the body: \`${entry.version}\` here. When a body has no \`version\`, receivers use this header, and 1 when it is absent too.`,
      schema: { type: 'string', enum: [String(entry.version)] },
      example: String(entry.version),
    },
  ];
}

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
        parameters: webhookHeaderParameters(entry),
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
