export type { ApiProblemCode } from './api-problem-code.js';
export type { HooklineClient } from './create-client.js';
export { createClient } from './create-client.js';
export type {
  Client,
  ClientOptions,
  FetchLike,
  ItemOf,
  Logger,
  OutgoingRequest,
  PaginateArgs,
  PaginatedPath,
  ResponseValidator,
  TokenProvider,
} from './create-typed-client.js';
export { createTypedClient } from './create-typed-client.js';
export type {
  ClientErrorCode,
  HooklineApiErrorCode,
  HooklineApiErrorInit,
} from './hookline-api-error.js';
export { HooklineApiError, isHooklineApiError } from './hookline-api-error.js';
export type { ListPage, PaginateOptions } from './paginate.js';
export type {
  BodyOf,
  ContentOf,
  DataOf,
  ErrorBody,
  ErrorResult,
  FetchInit,
  FetchResult,
  HttpMethod,
  InitArgs,
  OperationOf,
  ParamsOf,
  PathsWithMethod,
  ProblemDetails,
  RequestOptions,
  SuccessResult,
} from './path-types.js';
export type { PollContext, PollOptions, PollOutcome } from './poll.js';
export { poll } from './poll.js';
export { REDACTED, redactHeaders } from './redact.js';
export type { RetryOptions } from './retry-delay.js';
export { backoffDelay, isRetryableStatus, serverRetryDelay } from './retry-delay.js';
export { unwrap } from './unwrap.js';
export type { EventsSinceOptions, WebhooksApi } from './webhooks-api.js';
