import { z } from 'zod';
import {
  checkoutSessionIdSchema,
  checkoutSessionSchema,
  createCheckoutSessionRequestSchema,
  payCheckoutSessionRequestSchema,
  payCheckoutSessionResponseSchema,
} from '../schemas/checkout-session.js';
import { defineOperation } from './define-operation.js';
import {
  exampleCheckoutSession,
  exampleCompletedCheckoutSession,
  exampleIds,
  examplePayment,
} from './examples.js';

const checkoutPath = z.object({ checkout_session_id: checkoutSessionIdSchema });

export const createCheckoutSession = defineOperation({
  operationId: 'createCheckoutSession',
  method: 'post',
  path: '/v1/checkout/sessions',
  tag: 'Checkout',
  summary: 'Create a checkout session',
  description: 'Opens a checkout session; send the customer to its `url`.',
  body: {
    schema: createCheckoutSessionRequestSchema,
    example: {
      amount: 4999,
      currency: 'USD',
      user_id: exampleIds.user,
      customer_email: 'ada@example.com',
      success_url: 'https://shop.example.com/thanks',
      cancel_url: 'https://shop.example.com/cart',
      metadata: { order_id: 'order_1001' },
    },
  },
  response: {
    status: 201,
    description: 'The open checkout session.',
    schema: checkoutSessionSchema,
    example: exampleCheckoutSession,
  },
});

export const getCheckoutSession = defineOperation({
  operationId: 'getCheckoutSession',
  method: 'get',
  path: '/v1/checkout/sessions/{checkout_session_id}',
  tag: 'Checkout',
  summary: 'Retrieve a checkout session',
  description: 'Retrieves a checkout session by id.',
  pathParams: checkoutPath,
  response: {
    status: 200,
    description: 'The checkout session.',
    schema: checkoutSessionSchema,
    example: exampleCompletedCheckoutSession,
  },
});

export const payCheckoutSession = defineOperation({
  operationId: 'payCheckoutSession',
  method: 'post',
  path: '/v1/checkout/sessions/{checkout_session_id}/pay',
  tag: 'Checkout',
  summary: 'Pay a checkout session (customer step)',
  description:
    'What the customer does on the hosted payment page. On success the session completes: emits `payment.succeeded` and `checkout.completed` (and `subscription.created` in subscription mode). A declined card emits `payment.failed` and leaves the session open. A session that is not open is a 409 `conflict`.',
  pathParams: checkoutPath,
  body: {
    schema: payCheckoutSessionRequestSchema,
    example: { card: { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123' } },
  },
  response: {
    status: 200,
    description: 'The checkout session after the attempt and the payment it made.',
    schema: payCheckoutSessionResponseSchema,
    example: { checkout_session: exampleCompletedCheckoutSession, payment: examplePayment },
  },
  errors: [409],
  emits: ['payment.succeeded', 'payment.failed', 'checkout.completed', 'subscription.created'],
});
