/**
 * @hookline/dispatcher — the sending half of webhooks: a transactional outbox, Standard
 * Webhooks signed delivery, retries with backoff and jitter, a delivery log, dead letters and
 * replay, over a memory, SQLite (`/sqlite`) or Postgres (`/postgres`) store.
 *
 * @example
 * ```ts
 * import { createDispatcher } from '@hookline/dispatcher';
 * import { createSqliteStore } from '@hookline/dispatcher/sqlite';
 *
 * const dispatcher = createDispatcher({ store: createSqliteStore({ path: 'hookline.db' }) });
 * const endpoint = await dispatcher.createEndpoint({ url: 'https://example.com/hooks', enabledEvents: ['payment.*'] });
 * await dispatcher.start();
 * await dispatcher.publish({ event: 'payment.succeeded', version: 2, resource_id: 'pay_1', metadata });
 * ```
 */
export {
  type AddressClass,
  type AllowOptions,
  classifyAddress,
} from './address-policy.js';
export type { Clock } from './clock.js';
export {
  createDispatcher,
  type Dispatcher,
  type DispatcherOptions,
  type PublishInput,
  type PublishOptions,
  type PublishResult,
} from './create-dispatcher.js';
export { createId, isoSeconds } from './create-id.js';
export {
  DispatcherError,
  type DispatcherErrorCode,
  type DispatcherResult,
  isDispatcherError,
} from './dispatcher-error.js';
export type { EndpointInput, EndpointUpdate } from './endpoint-input.js';
export { matchesEventFilter } from './event-filter.js';
export { type FanOutTarget, planDeliveries } from './fan-out.js';
export { createFetchTransport } from './fetch-transport.js';
export { type DispatcherLogger, type OperationalEvent, redactUrl } from './logger.js';
export { createMemoryStore } from './memory-store.js';
export { createNodeTransport, type NodeTransportOptions } from './node-transport.js';
export type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryCount,
  DeliveryCountQuery,
  DeliveryNext,
  DeliveryQuery,
  DeliveryRecord,
  DeliveryStatus,
  DisabledReason,
  EndpointPatch,
  EndpointRecord,
  EndpointSecret,
  ReplaySelector,
  StoredEvent,
} from './records.js';
export type { ResolvedAddress, Resolver } from './resolve-target.js';
export {
  defaultRetrySchedule,
  nextAttemptDelay,
  parseRetryAfter,
  type RetrySchedule,
  type RetryScheduleOptions,
  resolveRetrySchedule,
} from './retry-schedule.js';
export type { DispatcherStore, RecordedOutcome, StoreTransaction } from './store.js';
export type { DeliveryTransport, TransportRequest, TransportResponse } from './transport.js';
