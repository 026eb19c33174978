import type { ApiEvent } from '@hookline/openapi';
import type { OperationHandlers } from '../http/operation-types.js';
import type { PlatformContext } from '../platform-context.js';
import { notFound } from '../platform-error.js';
import { paginate } from './paginate.js';

interface EventRow {
  id: string;
  payload: string;
}

const toEvent = (row: EventRow): ApiEvent => JSON.parse(row.payload) as ApiEvent;

/** Events: the log every webhook is also written to, oldest first — the catch-up source. */
export function createEventHandlers(
  ctx: PlatformContext,
): Pick<OperationHandlers, 'listEvents' | 'getEvent'> {
  return {
    listEvents: ({ query }) => {
      const type = query.type;
      const conditions =
        type === undefined || type === '*'
          ? []
          : type.endsWith('.*')
            ? [{ sql: 'type LIKE ?', params: [`${type.slice(0, -1)}%`] }]
            : [{ sql: 'type = ?', params: [type] }];
      return paginate(ctx.db, {
        table: 'platform_events',
        where: { resource_id: query.resource_id },
        conditions,
        limit: query.limit,
        startingAfter: query.starting_after,
        map: toEvent,
      });
    },
    async getEvent({ params }) {
      const row = await ctx.db.get<EventRow>(
        'SELECT id, payload FROM platform_events WHERE id = ?',
        [params.event_id],
      );
      if (!row) throw notFound('event', params.event_id, '/v1/events');
      return toEvent(row);
    },
  };
}
