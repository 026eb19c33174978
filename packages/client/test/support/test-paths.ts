/**
 * A small paths type written the way openapi-typescript 7 emits it (optional `never` slots,
 * numeric status keys, `content?: never` for bodiless responses), to test the generic core
 * independently of the Hookline document.
 */
export interface paths {
  '/v1/payments': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: operations['listPayments'];
    put?: never;
    post: operations['createPayment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/payments/{payment_id}': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: operations['getPayment'];
    put?: never;
    post?: never;
    delete: operations['deletePayment'];
    options?: never;
    head?: never;
    patch: operations['updatePayment'];
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Payment: {
      id: string;
      amount: number;
      currency: string;
      /** @enum {string} */
      status: 'pending' | 'succeeded' | 'failed';
      description?: string | null;
    };
    PaymentList: {
      data: components['schemas']['Payment'][];
      has_more: boolean;
      next_cursor: string | null;
    };
    CreatePayment: { amount: number; currency: string; description?: string };
    Problem: {
      type: string;
      title: string;
      status: number;
      detail?: string;
      /** @enum {string} */
      code: 'not_found' | 'validation_failed' | 'rate_limited' | 'unauthorized' | 'internal';
    };
    NotFoundProblem: components['schemas']['Problem'] & { resource_id: string };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listPayments: {
    parameters: {
      query?: { limit?: number; starting_after?: string; status?: 'pending' | 'succeeded' };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: { [name: string]: unknown };
        content: { 'application/json': components['schemas']['PaymentList'] };
      };
      429: {
        headers: { [name: string]: unknown };
        content: { 'application/problem+json': components['schemas']['Problem'] };
      };
    };
  };
  createPayment: {
    parameters: {
      query?: never;
      header?: { 'Idempotency-Key'?: string };
      path?: never;
      cookie?: never;
    };
    requestBody: { content: { 'application/json': components['schemas']['CreatePayment'] } };
    responses: {
      201: {
        headers: { [name: string]: unknown };
        content: { 'application/json': components['schemas']['Payment'] };
      };
      422: {
        headers: { [name: string]: unknown };
        content: { 'application/problem+json': components['schemas']['Problem'] };
      };
    };
  };
  getPayment: {
    parameters: {
      query?: never;
      header?: never;
      path: { payment_id: string };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: { [name: string]: unknown };
        content: { 'application/json': components['schemas']['Payment'] };
      };
      404: {
        headers: { [name: string]: unknown };
        content: { 'application/problem+json': components['schemas']['NotFoundProblem'] };
      };
    };
  };
  updatePayment: {
    parameters: {
      query?: never;
      header?: never;
      path: { payment_id: string };
      cookie?: never;
    };
    requestBody?: { content: { 'application/json': { description?: string } } };
    responses: {
      200: {
        headers: { [name: string]: unknown };
        content: { 'application/json': components['schemas']['Payment'] };
      };
    };
  };
  deletePayment: {
    parameters: {
      query?: never;
      header?: never;
      path: { payment_id: string };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: { headers: { [name: string]: unknown }; content?: never };
      404: {
        headers: { [name: string]: unknown };
        content: { 'application/problem+json': components['schemas']['Problem'] };
      };
    };
  };
}
