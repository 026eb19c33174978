import { eventCatalog } from '@hookline/events';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { apiOperations, getOperation } from '../src/operations/index.js';
import { createCheckoutSessionRequestSchema } from '../src/schemas/checkout-session.js';
import { eventPatternSchema, eventSchema } from '../src/schemas/event.js';
import { eventDefinition } from '../src/schemas/event-fields.js';
import { paginationQuerySchema } from '../src/schemas/pagination.js';
import {
  paymentFailureCodeSchema,
  paymentIdSchema,
  paymentSchema,
} from '../src/schemas/payment.js';
import {
  problemCodeSchema,
  problemCodeStatus,
  problemCodes,
  problemSchema,
} from '../src/schemas/problem.js';
import {
  billingIntervalSchema,
  cancellationReasonSchema,
  cancelSubscriptionRequestSchema,
} from '../src/schemas/subscription.js';
import { userIdSchema, userSchema } from '../src/schemas/user.js';
import { createWebhookEndpointRequestSchema } from '../src/schemas/webhook-endpoint.js';

describe('the zod contracts', () => {
  it('accept every example of the operation table (request bodies and responses)', () => {
    for (const operation of apiOperations) {
      if ('body' in operation && operation.body) {
        const parsed = (operation.body.schema as z.ZodType).safeParse(operation.body.example);
        expect(parsed.success, `${operation.operationId} request: ${parsed.error?.message}`).toBe(
          true,
        );
      }
      const parsed = (operation.response.schema as z.ZodType).safeParse(operation.response.example);
      expect(parsed.success, `${operation.operationId} response: ${parsed.error?.message}`).toBe(
        true,
      );
    }
  });

  it('parse every catalog example as an Event, and reject an event of an unknown type', () => {
    for (const entry of eventCatalog)
      expect(eventSchema.parse(entry.example)).toEqual(entry.example);
    const example = eventCatalog[0].example;
    expect(eventSchema.safeParse({ ...example, event: 'user.teleported' }).success).toBe(false);
  });

  it('take shared enums from the event contracts, so API resources and webhooks agree', () => {
    const failed = eventDefinition('payment.failed', 1).metadata.shape;
    expect(paymentFailureCodeSchema.options).toEqual(failed.failure_code.options);
    const cancelled = eventDefinition('subscription.cancelled', 1).metadata.shape;
    expect(cancellationReasonSchema.options).toEqual(cancelled.reason.options);
    const created = eventDefinition('subscription.created', 1).metadata.shape;
    expect(billingIntervalSchema.options).toEqual(created.plan.shape.interval.options);
    expect(userSchema.shape.customer_id.safeParse('cus_NffrFeUfNV2Hib').success).toBe(true);
    expect(userSchema.shape.customer_id.safeParse('usr_NffrFeUfNV2Hib').success).toBe(false);
  });

  it('check id prefixes (a user id is not a payment id)', () => {
    expect(paymentIdSchema.safeParse('pay_3MtwBwLkdIwHu7ix').success).toBe(true);
    expect(paymentIdSchema.safeParse('usr_3MtwBwLkdIwHu7ix').success).toBe(false);
    expect(userIdSchema.safeParse('usr_').success).toBe(false);
    const payment = getOperation('getPayment').response.example;
    expect(paymentSchema.safeParse({ ...payment, user_id: 'cus_1' }).success).toBe(false);
  });

  it('coerce and bound the pagination query (query strings arrive as text)', () => {
    expect(paginationQuerySchema.parse({})).toEqual({ limit: 10 });
    expect(paginationQuerySchema.parse({ limit: '25', starting_after: 'pay_1' })).toEqual({
      limit: 25,
      starting_after: 'pay_1',
    });
    expect(paginationQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(paginationQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    const listPayments = getOperation('listPayments');
    expect(listPayments.query?.parse({ limit: '5', status: 'failed' })).toEqual({
      limit: 5,
      status: 'failed',
    });
  });

  it("take as a list's cursor only an id of its resource, saying how to get a good one", () => {
    const paginated = apiOperations.filter((op) => 'paginated' in op && op.paginated);
    expect(paginated.length).toBeGreaterThan(5);
    for (const op of paginated) {
      // Every list names its ids: a new list cannot forget the cursor check.
      expect('cursor' in op && op.cursor, op.operationId).toBeTruthy();
      const { idPrefix } = (op as { cursor: { idPrefix: string } }).cursor;
      const query = (op as { query: z.ZodType }).query;
      expect(query.safeParse({ starting_after: `${idPrefix}_01ABC` }).success).toBe(true);
      const wrong = query.safeParse({ starting_after: 'nope_01ABC' });
      expect(wrong.success, op.operationId).toBe(false);
      expect(wrong.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['starting_after']);
      expect(wrong.error?.issues[0]?.message).toContain(
        `is nope_01ABC, which is no ${(op as { cursor: { noun: string } }).cursor.noun} id (those start with ${idPrefix}_); pass the next_cursor of the previous page`,
      );
    }
  });

  it('apply request defaults when parsing (cancel now unless at_period_end)', () => {
    expect(cancelSubscriptionRequestSchema.parse({})).toEqual({
      at_period_end: false,
      reason: 'requested_by_customer',
    });
  });

  it('require plan_id and interval for a subscription checkout', () => {
    const base = { amount: 1500, currency: 'USD', success_url: 'https://shop.example.com/thanks' };
    expect(createCheckoutSessionRequestSchema.parse(base)).toMatchObject({ mode: 'payment' });
    const missing = createCheckoutSessionRequestSchema.safeParse({ ...base, mode: 'subscription' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(['plan_id']);
    expect(
      createCheckoutSessionRequestSchema.safeParse({
        ...base,
        mode: 'subscription',
        plan_id: 'plan_pro_monthly',
        interval: 'month',
      }).success,
    ).toBe(true);
  });

  it('accept event types, resource wildcards and * in enabled_events, nothing else', () => {
    for (const pattern of ['*', 'payment.*', 'user.login', 'subscription.cancelled']) {
      expect(eventPatternSchema.safeParse(pattern).success, pattern).toBe(true);
    }
    for (const pattern of ['payment', 'payments.*', 'user.logout', '*.*', '']) {
      expect(eventPatternSchema.safeParse(pattern).success, pattern).toBe(false);
    }
    const body = { url: 'https://shop.example.com/hooks', enabled_events: [] };
    expect(createWebhookEndpointRequestSchema.safeParse(body).success).toBe(false);
    expect(
      createWebhookEndpointRequestSchema.safeParse({
        ...body,
        url: 'ftp://x',
        enabled_events: ['*'],
      }).success,
    ).toBe(false);
  });

  it('keep a closed list of problem codes, each with an error status', () => {
    expect(problemCodeSchema.options).toEqual(problemCodes);
    expect(problemCodes).toEqual(
      expect.arrayContaining([
        'invalid_request',
        'unauthorized',
        'forbidden',
        'not_found',
        'conflict',
        'idempotency_key_reused',
        'idempotency_key_in_use',
        'rate_limited',
        'internal_error',
      ]),
    );
    for (const code of problemCodes) {
      expect(problemCodeStatus[code]).toBeGreaterThanOrEqual(400);
      expect(problemCodeStatus[code]).toBeLessThan(600);
    }
    expect(problemCodeSchema.safeParse('teapot').success).toBe(false);
    const problem = {
      type: 'https://hookline.dev/problems/not_found',
      title: 'Not found',
      status: 404,
      detail: 'No payment has the id pay_1.',
      code: 'not_found',
    };
    expect(problemSchema.parse(problem)).toEqual(problem);
    expect(problemSchema.safeParse({ ...problem, code: 'nope' }).success).toBe(false);
  });

  it('look operations up by id and refuse an unknown one', () => {
    expect(getOperation('retryDelivery')).toMatchObject({
      method: 'post',
      path: '/v1/deliveries/{delivery_id}/retry',
    });
    // @ts-expect-error: not an operationId of the table
    expect(() => getOperation('launchRocket')).toThrow(/unknown operationId "launchRocket"/);
  });
});
