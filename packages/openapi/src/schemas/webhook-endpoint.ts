import { z } from 'zod';
import { component, requestComponent } from '../registry.js';
import { versionPolicyShape } from './account.js';
import { metadataSchema, prefixedId, timestampSchema, webUrlSchema } from './common.js';
import {
  eventPatternSchema as enabledEventSchema,
  eventTypeSchema,
  eventVersionSchema,
} from './event.js';

/** `we_...` */
export const webhookEndpointIdSchema = prefixedId('we', 'a webhook endpoint', 'we_01J9Z8M4N5P6');

/** A `whsec_` signing secret. */
export const webhookSecretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/=]+$/)
  .meta({
    description: 'The signing secret (`whsec_` + base64). Shown only when created or rotated.',
  });

const endpointUrlSchema = webUrlSchema.meta({
  description: 'Where deliveries are POSTed. Must be https, except for localhost in test mode.',
});

/** A webhook endpoint. */
export const webhookEndpointSchema = component(
  'WebhookEndpoint',
  'A URL that receives signed deliveries of the events it subscribes to.',
  z.object({
    id: webhookEndpointIdSchema,
    url: endpointUrlSchema,
    description: z.string().nullable(),
    enabled_events: z.array(enabledEventSchema).min(1),
    ...versionPolicyShape,
    status: z.enum(['enabled', 'disabled']),
    disabled_reason: z.enum(['manual', 'gone', 'failing']).nullable().meta({
      description:
        '`manual`: disabled through the API; `gone`: the endpoint answered 410; `failing`: every delivery failed for too long.',
    }),
    secret_rotated_at: timestampSchema.nullable(),
    created_at: timestampSchema,
    updated_at: timestampSchema,
    metadata: metadataSchema,
  }),
);

/** A webhook endpoint with its signing secret (returned once, by create). */
export const webhookEndpointWithSecretSchema = component(
  'WebhookEndpointWithSecret',
  'A newly created webhook endpoint, with its signing secret. Store the secret: it is not shown again.',
  webhookEndpointSchema.extend({ secret: webhookSecretSchema }),
);

/** Body of `POST /v1/webhook_endpoints`. */
export const createWebhookEndpointRequestSchema = requestComponent(
  'CreateWebhookEndpointRequest',
  'Registers a webhook endpoint. `api_version` and `event_versions` default to the account defaults.',
  z.object({
    url: endpointUrlSchema,
    enabled_events: z.array(enabledEventSchema).min(1),
    description: z.string().max(500).optional(),
    api_version: versionPolicyShape.api_version.optional(),
    event_versions: versionPolicyShape.event_versions.optional(),
    metadata: metadataSchema.optional(),
  }),
);

/** Body of `PATCH /v1/webhook_endpoints/{endpoint_id}`. */
export const updateWebhookEndpointRequestSchema = requestComponent(
  'UpdateWebhookEndpointRequest',
  'Changes a webhook endpoint. Fields left out keep their value. `disabled: false` re-enables an endpoint disabled for any reason.',
  z.object({
    url: endpointUrlSchema.optional(),
    enabled_events: z.array(enabledEventSchema).min(1).optional(),
    description: z.string().max(500).nullable().optional(),
    api_version: versionPolicyShape.api_version.optional(),
    event_versions: versionPolicyShape.event_versions.optional(),
    disabled: z.boolean().optional(),
    metadata: metadataSchema.optional(),
  }),
);

/** Body of `POST /v1/webhook_endpoints/{endpoint_id}/rotate_secret`. */
export const rotateWebhookSecretRequestSchema = requestComponent(
  'RotateWebhookSecretRequest',
  'Issues a new signing secret. Until the grace period ends, deliveries are signed with both the old and the new secret.',
  z.object({
    grace_period_seconds: z.int().min(0).max(604_800).default(86_400).meta({
      description:
        'How long the old secret keeps signing, 0–604800 seconds (default 86400, one day).',
    }),
  }),
);

/** Response of `POST /v1/webhook_endpoints/{endpoint_id}/rotate_secret`. */
export const rotateWebhookSecretResponseSchema = component(
  'RotateWebhookSecretResponse',
  'The new signing secret and when the old one stops signing.',
  z.object({
    webhook_endpoint_id: webhookEndpointIdSchema,
    secret: webhookSecretSchema,
    previous_secret_expires_at: timestampSchema,
  }),
);

/** Body of `POST /v1/webhook_endpoints/{endpoint_id}/test`. */
export const testWebhookEndpointRequestSchema = requestComponent(
  'TestWebhookEndpointRequest',
  'Sends a test event (with example data) to the endpoint, whatever its `enabled_events`.',
  z.object({
    event: eventTypeSchema
      .default('user.created')
      .meta({ description: 'Event type to send (default `user.created`).' }),
    version: eventVersionSchema.optional().meta({
      description: "Version to send; defaults to the endpoint's version policy.",
    }),
  }),
);

/** Query of `GET /v1/webhook_endpoints`. */
export const listWebhookEndpointsQuerySchema = z.object({
  status: z
    .enum(['enabled', 'disabled'])
    .optional()
    .meta({ description: 'Only endpoints in this status.' }),
});

/** Body of `DELETE /v1/webhook_endpoints/{endpoint_id}`. */
export const deletedWebhookEndpointSchema = component(
  'DeletedWebhookEndpoint',
  'Confirms that the webhook endpoint was deleted.',
  z.object({ id: webhookEndpointIdSchema, deleted: z.literal(true) }),
);

/** A webhook endpoint (see {@link webhookEndpointSchema}). */
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;
/** Body of `POST /v1/webhook_endpoints`. */
export type CreateWebhookEndpointRequest = z.input<typeof createWebhookEndpointRequestSchema>;
/** Body of `PATCH /v1/webhook_endpoints/{endpoint_id}`. */
export type UpdateWebhookEndpointRequest = z.input<typeof updateWebhookEndpointRequestSchema>;
