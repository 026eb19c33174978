import { HooklineOpenApiError } from '../openapi-error.js';
import { getAccount, updateAccount } from './account.js';
import { getAnalyticsSummary } from './analytics.js';
import { createCheckoutSession, getCheckoutSession, payCheckoutSession } from './checkout.js';
import { getDelivery, listWebhookEndpointDeliveries, retryDelivery } from './deliveries.js';
import { getEvent, listEvents } from './events.js';
import { getPayment, listPayments } from './payments.js';
import { createSession, listSessions, revokeSession } from './sessions.js';
import {
  cancelSubscription,
  createSubscription,
  getSubscription,
  listSubscriptions,
} from './subscriptions.js';
import { createUser, deleteUser, getUser, listUsers } from './users.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookEndpointSecret,
  testWebhookEndpoint,
  updateWebhookEndpoint,
} from './webhook-endpoints.js';

/**
 * Every operation of the API, in document order: method, path, operationId, parameter, body
 * and response schemas. The platform validates requests with it; the document is generated
 * from it.
 */
export const apiOperations = [
  createUser,
  listUsers,
  getUser,
  deleteUser,
  createSession,
  listSessions,
  revokeSession,
  getAccount,
  updateAccount,
  createCheckoutSession,
  getCheckoutSession,
  payCheckoutSession,
  listPayments,
  getPayment,
  createSubscription,
  listSubscriptions,
  getSubscription,
  cancelSubscription,
  listEvents,
  getEvent,
  createWebhookEndpoint,
  listWebhookEndpoints,
  getWebhookEndpoint,
  updateWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookEndpointSecret,
  testWebhookEndpoint,
  listWebhookEndpointDeliveries,
  getDelivery,
  retryDelivery,
  getAnalyticsSummary,
] as const;

/** Name of an operation, e.g. `getPayment`. */
export type OperationId = (typeof apiOperations)[number]['operationId'];

/** One entry of {@link apiOperations}. */
export type ApiOperation = (typeof apiOperations)[number];

const byId: ReadonlyMap<string, ApiOperation> = new Map(
  apiOperations.map((operation) => [operation.operationId, operation]),
);

/**
 * The operation named `operationId`, with its schemas.
 *
 * @example
 * const { body } = getOperation('createUser');
 * const parsed = body.schema.safeParse(await request.json());
 */
export function getOperation<Id extends OperationId>(
  operationId: Id,
): Extract<ApiOperation, { operationId: Id }> {
  const operation = byId.get(operationId);
  if (!operation) {
    throw new HooklineOpenApiError(
      'unknown_operation',
      `unknown operationId "${operationId}"; expected one of ${[...byId.keys()].join(', ')}.`,
    );
  }
  return operation as Extract<ApiOperation, { operationId: Id }>;
}

/** The operation named `operationId`, or `undefined` (the non-throwing form of {@link getOperation}). */
export function findOperation(operationId: string): ApiOperation | undefined {
  return byId.get(operationId);
}
