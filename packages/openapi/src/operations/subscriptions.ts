import { z } from 'zod';
import { listOf } from '../schemas/pagination.js';
import {
  cancelSubscriptionRequestSchema,
  createSubscriptionRequestSchema,
  listSubscriptionsQuerySchema,
  subscriptionIdSchema,
  subscriptionSchema,
} from '../schemas/subscription.js';
import { defineOperation } from './define-operation.js';
import { examplePage, exampleSubscription } from './examples.js';

const subscriptionPath = z.object({ subscription_id: subscriptionIdSchema });

export const createSubscription = defineOperation({
  operationId: 'createSubscription',
  method: 'post',
  path: '/v1/subscriptions',
  tag: 'Subscriptions',
  summary: 'Create a subscription',
  description: 'Subscribes a user to a plan. Emits `subscription.created`.',
  body: {
    schema: createSubscriptionRequestSchema,
    example: {
      user_id: exampleSubscription.user_id,
      plan_id: 'plan_pro_monthly',
      amount: 1500,
      currency: 'USD',
      interval: 'month',
    },
  },
  response: {
    status: 201,
    description: 'The created subscription.',
    schema: subscriptionSchema,
    example: exampleSubscription,
  },
  emits: ['subscription.created'],
});

export const listSubscriptions = defineOperation({
  operationId: 'listSubscriptions',
  method: 'get',
  path: '/v1/subscriptions',
  tag: 'Subscriptions',
  summary: 'List subscriptions',
  description: 'Lists subscriptions, oldest first.',
  query: listSubscriptionsQuerySchema,
  paginated: true,
  cursor: { idPrefix: 'sub', noun: 'subscription' },
  response: {
    status: 200,
    description: 'A page of subscriptions.',
    schema: listOf('Subscription', subscriptionSchema),
    example: examplePage([exampleSubscription]),
  },
});

export const getSubscription = defineOperation({
  operationId: 'getSubscription',
  method: 'get',
  path: '/v1/subscriptions/{subscription_id}',
  tag: 'Subscriptions',
  summary: 'Retrieve a subscription',
  description: 'Retrieves a subscription by id.',
  pathParams: subscriptionPath,
  response: {
    status: 200,
    description: 'The subscription.',
    schema: subscriptionSchema,
    example: exampleSubscription,
  },
});

export const cancelSubscription = defineOperation({
  operationId: 'cancelSubscription',
  method: 'post',
  path: '/v1/subscriptions/{subscription_id}/cancel',
  tag: 'Subscriptions',
  summary: 'Cancel a subscription',
  description:
    'Cancels a subscription now, or at the end of the period with `at_period_end`. Emits `subscription.cancelled` when it ends. Cancelling a cancelled subscription is a 409 `conflict`.',
  pathParams: subscriptionPath,
  body: {
    schema: cancelSubscriptionRequestSchema,
    example: {
      at_period_end: false,
      reason: 'switched_service',
      feedback: 'Moving to the yearly plan',
    },
  },
  response: {
    status: 200,
    description: 'The cancelled subscription.',
    schema: subscriptionSchema,
    example: {
      ...exampleSubscription,
      status: 'cancelled',
      cancelled_at: '2026-03-20T10:00:00Z',
      cancellation_reason: 'switched_service',
    },
  },
  errors: [409],
  emits: ['subscription.cancelled'],
});
