import type { AnalyticsSummary } from '@hookline/openapi';
import { isoSeconds } from '../create-id.js';
import type { SqlValue } from '../db/database.js';
import type { OperationHandlers } from '../http/operation-types.js';
import type { PlatformContext } from '../platform-context.js';
import { deliveryStatus } from './delivery-status.js';
import { endedAtPeriodEndSql } from './subscriptions.js';

/** Analytics: summary counts over users, sessions, payments, subscriptions, events and deliveries. */
export function createAnalyticsHandlers(
  ctx: PlatformContext,
): Pick<OperationHandlers, 'getAnalyticsSummary'> {
  return {
    async getAnalyticsSummary({ query }) {
      const sinceMs = query.since === undefined ? undefined : Date.parse(query.since);
      // Rows keep whole-second RFC 3339 text ('…:11Z') and are compared as text: a since with a
      // fraction ('…:11.999Z') would sort before them. "At or after 11.999 s" is "at or after 12 s".
      const since = sinceMs === undefined ? null : isoSeconds(Math.ceil(sinceMs / 1000) * 1000);
      const where = since === null ? '' : 'WHERE created_at >= ?';
      const params: SqlValue[] = since === null ? [] : [since];
      const count = async (table: string) =>
        Number(
          (
            await ctx.db.get<{ n: number }>(
              `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${table} ${where}`,
              params,
            )
          )?.n ?? 0,
        );
      const grouped = async (table: string, column: string) => {
        const rows = await ctx.db.all<{ k: string; n: number }>(
          `SELECT ${column} AS k, CAST(COUNT(*) AS INTEGER) AS n FROM ${table} ${where} GROUP BY ${column}`,
          params,
        );
        return new Map(rows.map((row) => [row.k, Number(row.n)]));
      };
      const nowIso = isoSeconds(ctx.now());
      const activeSessions = Number(
        (
          await ctx.db.get<{ n: number }>(
            `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM platform_sessions WHERE status = 'active' AND expires_at > ?${since === null ? '' : ' AND created_at >= ?'}`,
            [nowIso, ...params],
          )
        )?.n ?? 0,
      );
      const payments = await grouped('platform_payments', 'status');
      const volume = await ctx.db.all<{ currency: string; amount: number }>(
        `SELECT currency, CAST(SUM(amount) AS INTEGER) AS amount FROM platform_payments WHERE status = 'succeeded'${since === null ? '' : ' AND created_at >= ?'} GROUP BY currency ORDER BY currency`,
        params,
      );
      // By the status a subscription reads as: one cancelled at period end counts as
      // cancelled once its period has ended.
      const subscriptions = new Map(
        (
          await ctx.db.all<{ k: string; n: number }>(
            `SELECT CASE WHEN ${endedAtPeriodEndSql} THEN 'cancelled' ELSE status END AS k,
              CAST(COUNT(*) AS INTEGER) AS n FROM platform_subscriptions ${where} GROUP BY 1`,
            [nowIso, ...params],
          )
        ).map((row) => [row.k, Number(row.n)]),
      );
      const events = await grouped('platform_events', 'type');
      const endpoints = await ctx.dispatcher.listEndpoints();

      const deliveries = { pending: 0, succeeded: 0, failed: 0, dead: 0 };
      const enabled = new Map(endpoints.map((e) => [e.id, e.enabled]));
      const counts = await ctx.dispatcher.countDeliveries(
        sinceMs === undefined ? {} : { since: sinceMs },
      );
      for (const { endpointId, status, count } of counts) {
        deliveries[deliveryStatus(status, enabled.get(endpointId))] += count;
      }
      const settled = deliveries.succeeded + deliveries.failed + deliveries.dead;
      const sum = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
      const summary: AnalyticsSummary = {
        generated_at: nowIso,
        since,
        users: { total: await count('platform_users') },
        sessions: { total: await count('platform_sessions'), active: activeSessions },
        payments: {
          total: sum(payments),
          by_status: {
            processing: payments.get('processing') ?? 0,
            succeeded: payments.get('succeeded') ?? 0,
            failed: payments.get('failed') ?? 0,
          },
          volume: volume.map((row) => ({ currency: row.currency, amount: Number(row.amount) })),
        },
        subscriptions: {
          total: sum(subscriptions),
          by_status: {
            trialing: subscriptions.get('trialing') ?? 0,
            incomplete: subscriptions.get('incomplete') ?? 0,
            active: subscriptions.get('active') ?? 0,
            past_due: subscriptions.get('past_due') ?? 0,
            cancelled: subscriptions.get('cancelled') ?? 0,
          },
        },
        events: { total: sum(events), by_type: Object.fromEntries(events) },
        webhook_endpoints: {
          enabled: endpoints.filter((e) => e.enabled).length,
          disabled: endpoints.filter((e) => !e.enabled).length,
        },
        deliveries: {
          total: deliveries.pending + settled,
          by_status: deliveries,
          success_rate: settled === 0 ? null : deliveries.succeeded / settled,
        },
      };
      return summary;
    },
  };
}
