import type { EndpointRecord } from '@hookline/dispatcher';
import { type AnyEvent, getEventDefinition } from '@hookline/events';
import type { WebhookEndpoint } from '@hookline/openapi';
import { createId, isoSeconds } from '../create-id.js';
import type { OperationHandlers } from '../http/operation-types.js';
import type { PlatformContext } from '../platform-context.js';
import { notFound, PlatformError } from '../platform-error.js';
import { loadAccount } from './account.js';
import { toDelivery } from './deliveries.js';
import { parseJson } from './paginate.js';
import {
  checkPins,
  checkVersion,
  dispatcherVersions,
  type VersionPolicy,
  versionFor,
} from './version-policy.js';

interface EndpointMetaRow {
  id: string;
  description: string | null;
  api_version: number | null;
  event_versions: string;
  metadata: string;
  created_at: string;
}

function toEndpoint(record: EndpointRecord, meta: EndpointMetaRow): WebhookEndpoint {
  const current = record.secrets.at(-1);
  return {
    id: record.id,
    url: record.url,
    description: meta.description,
    enabled_events: record.enabledEvents as WebhookEndpoint['enabled_events'],
    api_version: meta.api_version === null ? null : Number(meta.api_version),
    event_versions: parseJson(meta.event_versions),
    status: record.enabled ? 'enabled' : 'disabled',
    disabled_reason: record.disabledReason,
    secret_rotated_at:
      current && current.createdAt > record.createdAt ? isoSeconds(current.createdAt) : null,
    created_at: meta.created_at,
    updated_at: isoSeconds(record.updatedAt),
    metadata: parseJson(meta.metadata),
  };
}

const notFoundEndpoint = (id: string) => notFound('webhook endpoint', id, '/v1/webhook_endpoints');

/**
 * Webhook endpoints, backed by the dispatcher (URL, secrets, subscriptions, status) plus a row
 * of what only the API has (version policy, metadata, a null description).
 */
export function createWebhookEndpointHandlers(
  ctx: PlatformContext,
): Pick<
  OperationHandlers,
  | 'createWebhookEndpoint'
  | 'listWebhookEndpoints'
  | 'getWebhookEndpoint'
  | 'updateWebhookEndpoint'
  | 'deleteWebhookEndpoint'
  | 'rotateWebhookEndpointSecret'
  | 'testWebhookEndpoint'
> {
  const getMeta = (id: string) =>
    ctx.db.get<EndpointMetaRow>('SELECT * FROM platform_webhook_endpoints WHERE id = ?', [id]);

  async function mustGet(id: string): Promise<{ record: EndpointRecord; meta: EndpointMetaRow }> {
    const [record, meta] = await Promise.all([ctx.dispatcher.getEndpoint(id), getMeta(id)]);
    if (!record || !meta) throw notFoundEndpoint(id);
    return { record, meta };
  }

  const policyOf = (meta: EndpointMetaRow): VersionPolicy => ({
    api_version: meta.api_version === null ? null : Number(meta.api_version),
    event_versions: parseJson(meta.event_versions),
  });

  return {
    async createWebhookEndpoint({ body }) {
      const account = await loadAccount(ctx.db, ctx.now(), 'Hookline sandbox');
      const policy: VersionPolicy = {
        api_version:
          body.api_version === undefined ? account.default_api_version : body.api_version,
        event_versions: body.event_versions ?? account.default_event_versions,
      };
      checkPins(policy.event_versions, 'body.event_versions');
      const id = createId('we', ctx.now());
      const meta: EndpointMetaRow = {
        id,
        description: body.description ?? null,
        api_version: policy.api_version,
        event_versions: JSON.stringify(policy.event_versions),
        metadata: JSON.stringify(body.metadata ?? {}),
        created_at: isoSeconds(ctx.now()),
      };
      // The API's row first: alone it is invisible (get and list show only endpoints the
      // dispatcher also has), while a dispatcher endpoint without it would receive deliveries
      // that no API call shows. If the dispatcher refuses the endpoint (an invalid URL, a
      // failed write), the row goes again, so a create is all or nothing.
      await ctx.db.run(
        'INSERT INTO platform_webhook_endpoints (id, description, api_version, event_versions, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [
          meta.id,
          meta.description,
          meta.api_version,
          meta.event_versions,
          meta.metadata,
          meta.created_at,
        ],
      );
      let record: EndpointRecord;
      try {
        record = await ctx.dispatcher.createEndpoint({
          id,
          url: body.url,
          description: body.description ?? '',
          enabledEvents: body.enabled_events,
          versions: dispatcherVersions(policy),
        });
      } catch (error) {
        await ctx.db.run('DELETE FROM platform_webhook_endpoints WHERE id = ?', [id]);
        throw error;
      }
      const secret = record.secrets.at(-1)?.secret ?? '';
      return { ...toEndpoint(record, meta), secret };
    },
    async listWebhookEndpoints({ query }) {
      const records = new Map((await ctx.dispatcher.listEndpoints()).map((r) => [r.id, r]));
      const metas = await ctx.db.all<EndpointMetaRow>(
        `SELECT * FROM platform_webhook_endpoints ${query.starting_after === undefined ? '' : 'WHERE id > ?'} ORDER BY id`,
        query.starting_after === undefined ? [] : [query.starting_after],
      );
      const all = metas.flatMap((meta) => {
        const record = records.get(meta.id);
        if (!record) return [];
        const endpoint = toEndpoint(record, meta);
        return query.status === undefined || endpoint.status === query.status ? [endpoint] : [];
      });
      const data = all.slice(0, query.limit);
      return { data, has_more: all.length > query.limit, next_cursor: data.at(-1)?.id ?? null };
    },
    async getWebhookEndpoint({ params }) {
      const { record, meta } = await mustGet(params.endpoint_id);
      return toEndpoint(record, meta);
    },
    async updateWebhookEndpoint({ params, body }) {
      // Only the API's row is needed here: the dispatcher's update below answers 404
      // `endpoint_not_found` itself when the endpoint is gone.
      const meta = await getMeta(params.endpoint_id);
      if (!meta) throw notFoundEndpoint(params.endpoint_id);
      const policy = policyOf(meta);
      if (body.api_version !== undefined) policy.api_version = body.api_version;
      if (body.event_versions !== undefined) policy.event_versions = body.event_versions;
      checkPins(policy.event_versions, 'body.event_versions');
      const next: EndpointMetaRow = {
        ...meta,
        description: body.description === undefined ? meta.description : body.description,
        api_version: policy.api_version,
        event_versions: JSON.stringify(policy.event_versions),
        metadata: body.metadata === undefined ? meta.metadata : JSON.stringify(body.metadata),
      };
      let record = await ctx.dispatcher.updateEndpoint(meta.id, {
        ...(body.url !== undefined && { url: body.url }),
        ...(body.enabled_events !== undefined && { enabledEvents: body.enabled_events }),
        ...(body.description !== undefined && { description: body.description ?? '' }),
        versions: dispatcherVersions(policy),
      });
      if (body.disabled === true && record.enabled) {
        record = await ctx.dispatcher.disableEndpoint(meta.id);
      } else if (body.disabled === false && !record.enabled) {
        record = await ctx.dispatcher.enableEndpoint(meta.id);
      }
      await ctx.db.run(
        'UPDATE platform_webhook_endpoints SET description = ?, api_version = ?, event_versions = ?, metadata = ? WHERE id = ?',
        [next.description, next.api_version, next.event_versions, next.metadata, next.id],
      );
      return toEndpoint(record, next);
    },
    async deleteWebhookEndpoint({ params }) {
      const { record } = await mustGet(params.endpoint_id);
      await ctx.dispatcher.deleteEndpoint(record.id);
      await ctx.db.run('DELETE FROM platform_webhook_endpoints WHERE id = ?', [record.id]);
      return { id: record.id, deleted: true as const };
    },
    async rotateWebhookEndpointSecret({ params, body }) {
      const { record } = await mustGet(params.endpoint_id);
      const graceMs = body.grace_period_seconds * 1000;
      const now = ctx.now();
      const { secret } = await ctx.dispatcher.rotateSecret(record.id, { graceMs });
      return {
        webhook_endpoint_id: record.id,
        secret,
        previous_secret_expires_at: isoSeconds(now + graceMs),
      };
    },
    async testWebhookEndpoint({ params, body }) {
      const { record, meta } = await mustGet(params.endpoint_id);
      if (!record.enabled) {
        throw new PlatformError(
          'conflict',
          `The endpoint ${record.id} is disabled, so a test event would never be attempted. Enable it first (PATCH with "disabled": false).`,
        );
      }
      // Without a version the delivery follows the endpoint's policy, like every other delivery;
      // a requested version is stored on the delivery (a targeted publish with `version`), so
      // it goes out at that version, retries included, and the endpoint's pins stay as they are.
      if (body.version !== undefined) checkVersion(body.event, body.version, 'body.version');
      const version = body.version ?? versionFor(body.event, policyOf(meta));
      const definition = getEventDefinition(body.event, version);
      if (!definition) throw new Error(`the catalog has no ${body.event} v${version}`);
      const now = ctx.now();
      const envelope = {
        ...(definition.example as AnyEvent),
        id: createId('evt', now),
        timestamp: isoSeconds(now),
      };
      // A targeted publish: only this endpoint gets a delivery, whatever its enabled_events.
      // Through the platform's transaction like every other publish (one SQLite connection is
      // shared with the dispatcher; the transaction keeps other requests' statements out).
      const { deliveries } = await ctx.db.transaction(async (tx) => {
        await ctx.db.lockEventOrder(tx);
        return ctx.dispatcher.publish(envelope, {
          tx: tx.handle,
          endpointIds: [record.id],
          ...(body.version === undefined ? {} : { version: body.version }),
        });
      });
      if (deliveries === 0) {
        throw new PlatformError(
          'conflict',
          `The endpoint ${record.id} was disabled or deleted meanwhile, so the test event was not sent. Enable it and try again.`,
        );
      }
      const [delivery] = await ctx.dispatcher.listDeliveries({
        eventId: envelope.id,
        endpointId: record.id,
      });
      if (!delivery) throw new Error(`the test event ${envelope.id} made no delivery`);
      return toDelivery(delivery, [], record);
    },
  };
}
