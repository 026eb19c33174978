import { z } from 'zod';
import { deliverySchema } from '../schemas/delivery.js';
import { listOf } from '../schemas/pagination.js';
import {
  createWebhookEndpointRequestSchema,
  deletedWebhookEndpointSchema,
  listWebhookEndpointsQuerySchema,
  rotateWebhookSecretRequestSchema,
  rotateWebhookSecretResponseSchema,
  testWebhookEndpointRequestSchema,
  updateWebhookEndpointRequestSchema,
  webhookEndpointIdSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from '../schemas/webhook-endpoint.js';
import { defineOperation } from './define-operation.js';
import { exampleDelivery, examplePage, exampleSecret, exampleWebhookEndpoint } from './examples.js';

const endpointPath = z.object({ endpoint_id: webhookEndpointIdSchema });

export const createWebhookEndpoint = defineOperation({
  operationId: 'createWebhookEndpoint',
  method: 'post',
  path: '/v1/webhook_endpoints',
  tag: 'Webhook endpoints',
  summary: 'Create a webhook endpoint',
  description:
    'Registers a URL for the events it lists (`payment.*` and `*` wildcards allowed). The response carries the signing secret, shown only this once.',
  body: {
    schema: createWebhookEndpointRequestSchema,
    example: {
      url: 'https://shop.example.com/webhooks/hookline',
      enabled_events: ['payment.*', 'checkout.completed', 'user.created'],
      description: 'Shop backend',
      event_versions: { 'payment.succeeded': 2 },
    },
  },
  response: {
    status: 201,
    description: 'The endpoint with its signing secret.',
    schema: webhookEndpointWithSecretSchema,
    example: { ...exampleWebhookEndpoint, secret: exampleSecret },
  },
});

export const listWebhookEndpoints = defineOperation({
  operationId: 'listWebhookEndpoints',
  method: 'get',
  path: '/v1/webhook_endpoints',
  tag: 'Webhook endpoints',
  summary: 'List webhook endpoints',
  description: 'Lists webhook endpoints, oldest first.',
  query: listWebhookEndpointsQuerySchema,
  paginated: true,
  cursor: { idPrefix: 'we', noun: 'webhook endpoint' },
  response: {
    status: 200,
    description: 'A page of webhook endpoints.',
    schema: listOf('WebhookEndpoint', webhookEndpointSchema),
    example: examplePage([exampleWebhookEndpoint]),
  },
});

export const getWebhookEndpoint = defineOperation({
  operationId: 'getWebhookEndpoint',
  method: 'get',
  path: '/v1/webhook_endpoints/{endpoint_id}',
  tag: 'Webhook endpoints',
  summary: 'Retrieve a webhook endpoint',
  description: 'Retrieves a webhook endpoint by id (without its secret).',
  pathParams: endpointPath,
  response: {
    status: 200,
    description: 'The webhook endpoint.',
    schema: webhookEndpointSchema,
    example: exampleWebhookEndpoint,
  },
});

export const updateWebhookEndpoint = defineOperation({
  operationId: 'updateWebhookEndpoint',
  method: 'patch',
  path: '/v1/webhook_endpoints/{endpoint_id}',
  tag: 'Webhook endpoints',
  summary: 'Update a webhook endpoint',
  description:
    'Changes the URL, events, version policy or description; `disabled` turns deliveries off or back on.',
  pathParams: endpointPath,
  body: {
    schema: updateWebhookEndpointRequestSchema,
    example: { enabled_events: ['*'], disabled: false },
  },
  response: {
    status: 200,
    description: 'The updated webhook endpoint.',
    schema: webhookEndpointSchema,
    example: {
      ...exampleWebhookEndpoint,
      enabled_events: ['*'],
      updated_at: '2026-03-14T08:00:00Z',
    },
  },
});

export const deleteWebhookEndpoint = defineOperation({
  operationId: 'deleteWebhookEndpoint',
  method: 'delete',
  path: '/v1/webhook_endpoints/{endpoint_id}',
  tag: 'Webhook endpoints',
  summary: 'Delete a webhook endpoint',
  description: 'Deletes the endpoint; pending deliveries to it are dropped.',
  pathParams: endpointPath,
  response: {
    status: 200,
    description: 'The endpoint was deleted.',
    schema: deletedWebhookEndpointSchema,
    example: { id: exampleWebhookEndpoint.id, deleted: true },
  },
});

export const rotateWebhookEndpointSecret = defineOperation({
  operationId: 'rotateWebhookEndpointSecret',
  method: 'post',
  path: '/v1/webhook_endpoints/{endpoint_id}/rotate_secret',
  tag: 'Webhook endpoints',
  summary: 'Rotate the signing secret',
  description:
    'Issues a new signing secret. During the grace period every delivery carries a signature for each secret, so receivers can switch without dropping events.',
  pathParams: endpointPath,
  body: { schema: rotateWebhookSecretRequestSchema, example: { grace_period_seconds: 86_400 } },
  response: {
    status: 200,
    description: 'The new secret.',
    schema: rotateWebhookSecretResponseSchema,
    example: {
      webhook_endpoint_id: exampleWebhookEndpoint.id,
      secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
      previous_secret_expires_at: '2026-03-15T08:00:00Z',
    },
  },
});

export const testWebhookEndpoint = defineOperation({
  operationId: 'testWebhookEndpoint',
  method: 'post',
  path: '/v1/webhook_endpoints/{endpoint_id}/test',
  tag: 'Webhook endpoints',
  summary: 'Send a test event',
  description:
    'Publishes a test event of the given type (with example data) and delivers it to this endpoint only. Returns the delivery; follow it with `GET /v1/deliveries/{delivery_id}`.',
  pathParams: endpointPath,
  body: {
    schema: testWebhookEndpointRequestSchema,
    example: { event: 'payment.succeeded', version: 2 },
  },
  response: {
    status: 202,
    description: 'The delivery of the test event, queued.',
    schema: deliverySchema,
    example: {
      ...exampleDelivery,
      status: 'pending',
      attempt_count: 0,
      attempts: [],
      next_attempt_at: '2026-03-13T17:00:00Z',
    },
  },
});
