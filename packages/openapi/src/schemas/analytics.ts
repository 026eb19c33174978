import { z } from 'zod';
import { component } from '../registry.js';
import { currencySchema, timestampSchema } from './common.js';

const count = z.int().min(0);

/** Summary counts over the account. */
export const analyticsSummarySchema = component(
  'AnalyticsSummary',
  'Counts over the account since `since` (or ever).',
  z.object({
    generated_at: timestampSchema,
    since: timestampSchema.nullable(),
    users: z.object({ total: count }),
    sessions: z.object({ total: count, active: count }),
    payments: z.object({
      total: count,
      by_status: z.object({ processing: count, succeeded: count, failed: count }),
      volume: z
        .array(z.object({ currency: currencySchema, amount: count }))
        .meta({ description: 'Succeeded amount per currency.' }),
    }),
    subscriptions: z.object({
      total: count,
      by_status: z.object({
        trialing: count,
        incomplete: count,
        active: count,
        past_due: count,
        cancelled: count,
      }),
    }),
    events: z.object({
      total: count,
      by_type: z.record(z.string(), count).meta({ description: 'Events per event type.' }),
    }),
    webhook_endpoints: z.object({ enabled: count, disabled: count }),
    deliveries: z.object({
      total: count,
      by_status: z.object({ pending: count, succeeded: count, failed: count, dead: count }),
      success_rate: z.number().min(0).max(1).nullable().meta({
        description:
          'Succeeded / (succeeded + failed + dead); null before the first settled delivery.',
      }),
    }),
  }),
);

/** Query of `GET /v1/analytics/summary`. */
export const analyticsSummaryQuerySchema = z.object({
  since: timestampSchema
    .optional()
    .meta({ description: 'Count only what was created at or after this time.' }),
});

/** Summary counts (see {@link analyticsSummarySchema}). */
export type AnalyticsSummary = z.infer<typeof analyticsSummarySchema>;
