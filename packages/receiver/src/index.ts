export {
  type CatchUpResult,
  createReceiver,
  type ErrorInfo,
  type ErrorStage,
  type FetchContext,
  type Receiver,
  type ReceiverMode,
  type ReceiverOptions,
} from './create-receiver.js';
export type {
  AnyEventHandler,
  EventHandler,
  HandlerContext,
  HandlerResult,
  ProviderEventHandler,
} from './handler-registry.js';
export type { ErrorBody } from './json-response.js';
export type { LogFields, ReceiverLogger } from './logger.js';
export { createMemoryStore } from './memory-store.js';
export type {
  PayloadFormat,
  ProviderEvent,
  ProviderEventFields,
  ProviderEventParser,
} from './provider-event.js';
export {
  isReceiverError,
  ReceiverError,
  type ReceiverErrorCode,
  type ReceiverErrorOptions,
  type ReceiverEventErrorCode,
  type ReceiverOwnErrorCode,
  type ReceiverSignatureErrorCode,
} from './receiver-error.js';
export type { RetryOptions } from './retry-schedule.js';
export type {
  ClaimEntryOptions,
  ClaimedEntry,
  ClaimOptions,
  DeadLetter,
  InboxEntry,
  InboxSource,
  InboxStatus,
  InsertResult,
  NewInboxEntry,
  ReceiverStore,
  StoredError,
} from './store.js';
export { unfinishedRunError } from './store.js';
export type { VerificationScheme } from './verify-request.js';
export type { WorkerOptions } from './worker.js';
