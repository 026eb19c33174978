import { z } from 'zod';
import { component } from '../registry.js';
import { prefixedId, timestampSchema } from './common.js';
import { eventIdSchema, eventTypeSchema, eventVersionSchema } from './event.js';
import { webhookEndpointIdSchema } from './webhook-endpoint.js';

/** `dlv_...` */
export const deliveryIdSchema = prefixedId('dlv', 'a delivery', 'dlv_01J9Z9Q7R8S9');

/** Status of a delivery. */
export const deliveryStatusSchema = component(
  'DeliveryStatus',
  '`pending`: waiting for its next attempt; `succeeded`: a 2xx arrived; `failed`: the last attempt failed and no retry is due (the endpoint is disabled); `dead`: every retry failed (dead-lettered; retry it by hand).',
  z.enum(['pending', 'succeeded', 'failed', 'dead']),
);

/** One HTTP attempt of a delivery. */
export const deliveryAttemptSchema = component(
  'DeliveryAttempt',
  'One HTTP attempt of a delivery.',
  z.object({
    attempt: z.int().min(1).meta({ description: '1 for the first attempt.' }),
    started_at: timestampSchema,
    status_code: z.int().min(100).max(599).nullable().meta({
      description: 'The HTTP status answered; null when no response arrived.',
    }),
    latency_ms: z
      .int()
      .min(0)
      .meta({ description: 'Milliseconds until the response (or the error).' }),
    response_excerpt: z.string().max(1024).nullable().meta({
      description: 'The first 1024 characters of the response body.',
    }),
    error: z.string().nullable().meta({
      description:
        'Why the attempt failed without a status (timeout, connection refused, TLS, redirect).',
    }),
    succeeded: z.boolean(),
  }),
);

/** A delivery of one event to one endpoint. */
export const deliverySchema = component(
  'Delivery',
  'The delivery of one event to one endpoint, with every attempt. All attempts carry the same `webhook-id` (the event id).',
  z.object({
    id: deliveryIdSchema,
    endpoint_id: webhookEndpointIdSchema,
    event_id: eventIdSchema,
    event_type: eventTypeSchema,
    event_version: eventVersionSchema,
    status: deliveryStatusSchema,
    attempt_count: z.int().min(0),
    next_attempt_at: timestampSchema.nullable(),
    created_at: timestampSchema,
    updated_at: timestampSchema,
    attempts: z.array(deliveryAttemptSchema),
  }),
);

/** Query of `GET /v1/webhook_endpoints/{endpoint_id}/deliveries`. */
export const listDeliveriesQuerySchema = z.object({
  status: deliveryStatusSchema.optional().meta({ description: 'Only deliveries in this status.' }),
  event_id: eventIdSchema.optional().meta({ description: 'Only deliveries of this event.' }),
});

/** A delivery (see {@link deliverySchema}). */
export type Delivery = z.infer<typeof deliverySchema>;
/** One HTTP attempt of a delivery. */
export type DeliveryAttempt = z.infer<typeof deliveryAttemptSchema>;
