import { z } from 'zod';
import { listOf } from '../schemas/pagination.js';
import { listPaymentsQuerySchema, paymentIdSchema, paymentSchema } from '../schemas/payment.js';
import { defineOperation } from './define-operation.js';
import { examplePage, examplePayment } from './examples.js';

export const listPayments = defineOperation({
  operationId: 'listPayments',
  method: 'get',
  path: '/v1/payments',
  tag: 'Payments',
  summary: 'List payments',
  description: 'Lists payments, oldest first.',
  query: listPaymentsQuerySchema,
  paginated: true,
  cursor: { idPrefix: 'pay', noun: 'payment' },
  response: {
    status: 200,
    description: 'A page of payments.',
    schema: listOf('Payment', paymentSchema),
    example: examplePage([examplePayment]),
  },
});

export const getPayment = defineOperation({
  operationId: 'getPayment',
  method: 'get',
  path: '/v1/payments/{payment_id}',
  tag: 'Payments',
  summary: 'Retrieve a payment',
  description: 'Retrieves a payment by id.',
  pathParams: z.object({ payment_id: paymentIdSchema }),
  response: {
    status: 200,
    description: 'The payment.',
    schema: paymentSchema,
    example: examplePayment,
  },
});
