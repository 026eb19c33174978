import {
  type AttemptRecord,
  type DeliveryRecord,
  type EndpointRecord,
  isDispatcherError,
} from '@hookline/dispatcher';
import { type EventType, isEventType, latestVersion } from '@hookline/events';
import type { Delivery } from '@hookline/openapi';
import { isoSeconds } from '../create-id.js';
import type { OperationHandlers } from '../http/operation-types.js';
import type { PlatformContext } from '../platform-context.js';
import { invalidField, PlatformError } from '../platform-error.js';
import { deliveryStatus, recordStatusFor } from './delivery-status.js';
import type { Page } from './paginate.js';

/** Precise to the millisecond, for attempts (whole seconds would hide their order). */
const isoMillis = (ms: number) => new Date(ms).toISOString();

/** The API shape of a dispatcher delivery with its attempts. */
export function toDelivery(
  record: DeliveryRecord,
  attempts: readonly AttemptRecord[],
  endpoint: EndpointRecord | undefined,
): Delivery {
  const type = record.eventType as EventType;
  return {
    id: record.id,
    endpoint_id: record.endpointId,
    event_id: record.eventId,
    event_type: type,
    // The version chosen for this delivery (a test event with a version), else the pin.
    event_version:
      record.version ?? endpoint?.versions[type] ?? (isEventType(type) ? latestVersion(type) : 1),
    status: deliveryStatus(record.status, endpoint?.enabled),
    attempt_count: attempts.length,
    next_attempt_at: record.nextAttemptAt === null ? null : isoSeconds(record.nextAttemptAt),
    created_at: isoSeconds(record.createdAt),
    updated_at: isoSeconds(record.updatedAt),
    attempts: attempts.map((attempt, index) => ({
      attempt: index + 1,
      started_at: isoMillis(attempt.startedAt),
      status_code: attempt.statusCode,
      latency_ms: Math.max(0, Math.round(attempt.durationMs)),
      response_excerpt: attempt.responseExcerpt?.slice(0, 1024) ?? null,
      error: attempt.error,
      succeeded: attempt.outcome === 'succeeded',
    })),
  };
}

/** Loads a delivery with its attempts and endpoint, as the API shows it. */
export async function loadDelivery(ctx: PlatformContext, id: string): Promise<Delivery> {
  const record = await ctx.dispatcher.getDelivery(id);
  if (!record) {
    throw new PlatformError(
      'not_found',
      `No delivery has the id ${id}. Check the id, or list an endpoint's deliveries with GET /v1/webhook_endpoints/{endpoint_id}/deliveries.`,
    );
  }
  const [attempts, endpoint] = await Promise.all([
    ctx.dispatcher.listAttempts(id),
    ctx.dispatcher.getEndpoint(record.endpointId),
  ]);
  return toDelivery(record, attempts, endpoint);
}

/** Deliveries: the log per endpoint, one delivery with its attempts, and manual retries. */
export function createDeliveryHandlers(
  ctx: PlatformContext,
): Pick<OperationHandlers, 'listWebhookEndpointDeliveries' | 'getDelivery' | 'retryDelivery'> {
  return {
    async listWebhookEndpointDeliveries({ params, query }): Promise<Page<Delivery>> {
      const endpoint = await ctx.dispatcher.getEndpoint(params.endpoint_id);
      if (!endpoint) {
        throw new PlatformError(
          'not_found',
          `No webhook endpoint has the id ${params.endpoint_id}. List them with GET /v1/webhook_endpoints.`,
        );
      }
      const unknownCursor = () =>
        invalidField(
          'query.starting_after',
          `is ${query.starting_after}, which is no delivery; pass the next_cursor of the previous page`,
        );
      const status =
        query.status === undefined ? undefined : recordStatusFor(query.status, endpoint.enabled);
      if (status === null) {
        // No delivery can match, but a cursor that names none is still the caller's mistake.
        if (
          query.starting_after !== undefined &&
          !(await ctx.dispatcher.getDelivery(query.starting_after))
        ) {
          throw unknownCursor();
        }
        return { data: [], has_more: false, next_cursor: null };
      }
      // Oldest first, one row more than the page to learn whether another page follows. The
      // cursor is a place in the log: it may be a delivery the filters (or another endpoint)
      // leave out, but it must exist (the dispatcher refuses an unknown one).
      const records = await ctx.dispatcher
        .listDeliveries({
          endpointId: endpoint.id,
          order: 'oldest',
          limit: query.limit + 1,
          ...(query.event_id !== undefined && { eventId: query.event_id }),
          ...(status !== undefined && { status }),
          ...(query.starting_after !== undefined && { after: query.starting_after }),
        })
        .catch((error: unknown) => {
          if (isDispatcherError(error) && error.code === 'delivery_not_found') {
            throw unknownCursor();
          }
          throw error;
        });
      const page = records.slice(0, query.limit);
      const attempts = await ctx.dispatcher.listAttemptsFor(page.map((record) => record.id));
      const data = page.map((record) =>
        toDelivery(record, attempts.get(record.id) ?? [], endpoint),
      );
      return {
        data,
        has_more: records.length > query.limit,
        next_cursor: data.at(-1)?.id ?? null,
      };
    },
    getDelivery: ({ params }) => loadDelivery(ctx, params.delivery_id),
    async retryDelivery({ params }) {
      const delivery = await loadDelivery(ctx, params.delivery_id);
      const endpoint = await ctx.dispatcher.getEndpoint(delivery.endpoint_id);
      if (!endpoint?.enabled) {
        throw new PlatformError(
          'conflict',
          `The endpoint ${delivery.endpoint_id} of delivery ${delivery.id} is disabled; enable it (PATCH /v1/webhook_endpoints/${delivery.endpoint_id} with "disabled": false) and retry.`,
        );
      }
      // Due now: a finished one goes back in the queue, one waiting for its next scheduled
      // attempt is moved up. While an attempt is in flight the dispatcher refuses
      // (delivery_in_flight, a 409 conflict), so two attempts of a delivery never overlap.
      await ctx.dispatcher.replayDelivery(delivery.id);
      return loadDelivery(ctx, delivery.id);
    },
  };
}
