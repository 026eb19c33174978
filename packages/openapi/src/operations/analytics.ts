import { analyticsSummaryQuerySchema, analyticsSummarySchema } from '../schemas/analytics.js';
import { defineOperation } from './define-operation.js';
import { exampleAnalyticsSummary } from './examples.js';

export const getAnalyticsSummary = defineOperation({
  operationId: 'getAnalyticsSummary',
  method: 'get',
  path: '/v1/analytics/summary',
  tag: 'Analytics',
  summary: 'Summary counts',
  description:
    'Counts of users, sessions, payments, subscriptions, events and deliveries by status.',
  query: analyticsSummaryQuerySchema,
  response: {
    status: 200,
    description: 'The counts.',
    schema: analyticsSummarySchema,
    example: exampleAnalyticsSummary,
  },
});
