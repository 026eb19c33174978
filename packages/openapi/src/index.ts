/**
 * @hookline/openapi — the OpenAPI 3.1 document of the Hookline API (paths under `/v1` and the
 * `webhooks` of every event type x version), the zod contracts it is generated from, and the
 * TypeScript types openapi-typescript derives from it.
 *
 * @example
 * import { openapiDocument, type paths } from '@hookline/openapi';
 *
 * type Payment = paths['/v1/payments/{payment_id}']['get']['responses'][200]['content']['application/json'];
 * console.log(openapiDocument.info.title, Object.keys(openapiDocument.paths).length);
 */

export { type CreateProblemInput, createProblem, problemTitles } from './create-problem.js';
export {
  buildOpenApiDocument,
  generatedNote,
  type OpenApiDocument,
} from './document/build-document.js';
export type { JsonSchema } from './document/json-schema.js';
export type { components, operations, paths, webhooks } from './generated/openapi-types.js';
export { openapiDocument } from './openapi-document.js';
export {
  HooklineOpenApiError,
  type HooklineOpenApiErrorCode,
  type HooklineOpenApiErrorOptions,
  isHooklineOpenApiError,
} from './openapi-error.js';
export {
  type ApiTag,
  apiTags,
  defineOperation,
  type ExtraErrorStatus,
  type HttpMethod,
  type OperationDefinition,
  type RequestBodyDefinition,
  type ResponseDefinition,
} from './operations/define-operation.js';
export {
  type ApiOperation,
  apiOperations,
  findOperation,
  getOperation,
  type OperationId,
} from './operations/index.js';
export {
  allowedMethods,
  matchOperation,
  type OperationMatch,
} from './operations/match-operation.js';
export {
  type Account,
  accountIdSchema,
  accountSchema,
  type UpdateAccountRequest,
  updateAccountRequestSchema,
} from './schemas/account.js';
export {
  type AnalyticsSummary,
  analyticsSummaryQuerySchema,
  analyticsSummarySchema,
} from './schemas/analytics.js';
export {
  type CheckoutSession,
  type CreateCheckoutSessionRequest,
  checkoutSessionIdSchema,
  checkoutSessionSchema,
  createCheckoutSessionRequestSchema,
  type PayCheckoutSessionRequest,
  payCheckoutSessionRequestSchema,
  payCheckoutSessionResponseSchema,
} from './schemas/checkout-session.js';
export { amountSchema, currencySchema, metadataSchema, timestampSchema } from './schemas/common.js';
export {
  type Delivery,
  type DeliveryAttempt,
  deliveryAttemptSchema,
  deliveryIdSchema,
  deliverySchema,
  deliveryStatusSchema,
  listDeliveriesQuerySchema,
} from './schemas/delivery.js';
export {
  type ApiEvent,
  eventComponentId,
  eventIdSchema,
  eventPatternMatches,
  eventPatternSchema,
  eventPatterns,
  eventSchema,
  eventTypeSchema,
  eventVersionSchema,
  listEventsQuerySchema,
} from './schemas/event.js';
export {
  defaultPageSize,
  maxPageSize,
  paginationQuerySchema,
} from './schemas/pagination.js';
export {
  cardSummarySchema,
  listPaymentsQuerySchema,
  type Payment,
  type PaymentStatus,
  paymentFailureCodeSchema,
  paymentIdSchema,
  paymentSchema,
  paymentStatusSchema,
} from './schemas/payment.js';
export {
  type FieldIssue,
  fieldIssueSchema,
  type Problem,
  type ProblemCode,
  problemCodeSchema,
  problemCodeStatus,
  problemCodes,
  problemMediaType,
  problemSchema,
  problemTypeBase,
} from './schemas/problem.js';
export {
  type CreateSessionRequest,
  createSessionRequestSchema,
  listSessionsQuerySchema,
  type Session,
  sessionIdSchema,
  sessionSchema,
} from './schemas/session.js';
export {
  billingIntervalSchema,
  type CancelSubscriptionRequest,
  type CreateSubscriptionRequest,
  cancelSubscriptionRequestSchema,
  createSubscriptionRequestSchema,
  listSubscriptionsQuerySchema,
  type Subscription,
  subscriptionIdSchema,
  subscriptionSchema,
  subscriptionStatusSchema,
} from './schemas/subscription.js';
export {
  type CreateUserRequest,
  createUserRequestSchema,
  deletedUserSchema,
  listUsersQuerySchema,
  type User,
  userIdSchema,
  userSchema,
} from './schemas/user.js';
export {
  type CreateWebhookEndpointRequest,
  createWebhookEndpointRequestSchema,
  deletedWebhookEndpointSchema,
  listWebhookEndpointsQuerySchema,
  rotateWebhookSecretRequestSchema,
  rotateWebhookSecretResponseSchema,
  testWebhookEndpointRequestSchema,
  type UpdateWebhookEndpointRequest,
  updateWebhookEndpointRequestSchema,
  type WebhookEndpoint,
  webhookEndpointIdSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from './schemas/webhook-endpoint.js';
