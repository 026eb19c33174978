import { z } from 'zod';
import {
  deliveryIdSchema,
  deliverySchema,
  listDeliveriesQuerySchema,
} from '../schemas/delivery.js';
import { listOf } from '../schemas/pagination.js';
import { webhookEndpointIdSchema } from '../schemas/webhook-endpoint.js';
import { defineOperation } from './define-operation.js';
import { exampleDelivery, examplePage } from './examples.js';

const deliveryPath = z.object({ delivery_id: deliveryIdSchema });

export const listWebhookEndpointDeliveries = defineOperation({
  operationId: 'listWebhookEndpointDeliveries',
  method: 'get',
  path: '/v1/webhook_endpoints/{endpoint_id}/deliveries',
  tag: 'Deliveries',
  summary: 'List deliveries of an endpoint',
  description: 'The delivery log of one endpoint, oldest first, each with its attempts.',
  pathParams: z.object({ endpoint_id: webhookEndpointIdSchema }),
  query: listDeliveriesQuerySchema,
  paginated: true,
  cursor: { idPrefix: 'dlv', noun: 'delivery' },
  response: {
    status: 200,
    description: 'A page of deliveries.',
    schema: listOf('Delivery', deliverySchema),
    example: examplePage([exampleDelivery]),
  },
});

export const getDelivery = defineOperation({
  operationId: 'getDelivery',
  method: 'get',
  path: '/v1/deliveries/{delivery_id}',
  tag: 'Deliveries',
  summary: 'Retrieve a delivery',
  description:
    'Retrieves a delivery with every attempt: status code, latency, response excerpt, error.',
  pathParams: deliveryPath,
  response: {
    status: 200,
    description: 'The delivery.',
    schema: deliverySchema,
    example: exampleDelivery,
  },
});

export const retryDelivery = defineOperation({
  operationId: 'retryDelivery',
  method: 'post',
  path: '/v1/deliveries/{delivery_id}/retry',
  tag: 'Deliveries',
  summary: 'Retry a delivery',
  description:
    'Queues one more attempt now, with the same `webhook-id`, whatever the status (also for dead-lettered deliveries). A disabled endpoint is a 409 `conflict`.',
  pathParams: deliveryPath,
  response: {
    status: 202,
    description: 'The delivery, queued for another attempt.',
    schema: deliverySchema,
    example: { ...exampleDelivery, status: 'pending', next_attempt_at: '2026-03-13T18:00:00Z' },
  },
  errors: [409],
});
