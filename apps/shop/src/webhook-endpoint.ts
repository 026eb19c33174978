import { type HooklineClient, isHooklineApiError, unwrap } from '@hookline/client';
import { ShopError } from './shop-error.js';
import type { ShopStore } from './shop-store.js';

/** The events the shop subscribes to (and has handlers for). */
export const shopEvents = [
  'user.created',
  'user.login',
  'user.deleted',
  'session.revoked',
  'checkout.completed',
  'payment.succeeded',
  'payment.failed',
  'subscription.created',
  'subscription.cancelled',
] as const;

/** The registered endpoint and its signing secret. */
export interface EndpointRegistration {
  id: string;
  url: string;
  secret: string;
  /** `created`: new endpoint; `reused`: the stored secret still belongs to it; `rotated`: the endpoint existed but its secret was not stored here, or was rotated since (elsewhere), so a new one was issued. */
  outcome: 'created' | 'reused' | 'rotated';
}

/** Options of {@link ensureWebhookEndpoint}. */
export interface EnsureWebhookEndpointOptions {
  /** Runs just before a new endpoint is created (not when one is reused or rotated). */
  beforeCreate?: () => Promise<void>;
}

/** What the shop keeps of its endpoint: the secret, and when the platform last rotated it. */
interface StoredEndpoint {
  id: string;
  url: string;
  secret: string;
  /**
   * The endpoint's `secret_rotated_at` when `secret` was issued (null: the secret it was created
   * with). Missing in settings written before it was kept: read as null.
   */
  secretRotatedAt?: string | null;
}

const settingKey = 'webhook_endpoint';

/**
 * Registers the shop's webhook endpoint idempotently: an endpoint already registered for `url`
 * is reused (re-enabled and its event list brought up to date when needed), a new one is
 * created otherwise. The signing secret is stored in the shop's database, with the endpoint's
 * `secret_rotated_at` at the time. When the endpoint exists but its secret is not stored here (a
 * fresh data folder), or its `secret_rotated_at` moved since (rotated elsewhere, so the stored
 * secret may no longer verify), the secret is rotated with no grace period, since the API shows
 * a secret only once.
 */
export async function ensureWebhookEndpoint(
  client: HooklineClient,
  store: ShopStore,
  url: string,
  options: EnsureWebhookEndpointOptions = {},
): Promise<EndpointRegistration> {
  try {
    const stored = readStored(store);
    let existing:
      | { id: string; status: string; enabled_events: string[]; secret_rotated_at: string | null }
      | undefined;
    for await (const endpoint of client.webhooks.listEndpoints({ limit: 100 })) {
      if (endpoint.url === url) {
        existing = endpoint;
        break;
      }
    }

    let registration: EndpointRegistration;
    let secretRotatedAt: string | null;
    if (!existing) {
      await options.beforeCreate?.();
      const created = await unwrap(
        client.webhooks.createEndpoint({
          url,
          enabled_events: [...shopEvents],
          description: 'Hookline example shop',
        }),
      );
      registration = { id: created.id, url, secret: created.secret, outcome: 'created' };
      secretRotatedAt = created.secret_rotated_at;
    } else {
      const needsUpdate =
        existing.status !== 'enabled' ||
        shopEvents.some((event) => !existing.enabled_events.includes(event));
      if (needsUpdate) {
        await unwrap(
          client.PATCH('/v1/webhook_endpoints/{endpoint_id}', {
            params: { path: { endpoint_id: existing.id } },
            body: { disabled: false, enabled_events: [...shopEvents] },
          }),
        );
      }
      if (
        stored?.id === existing.id &&
        stored.url === url &&
        (stored.secretRotatedAt ?? null) === existing.secret_rotated_at
      ) {
        registration = { id: stored.id, url, secret: stored.secret, outcome: 'reused' };
        secretRotatedAt = existing.secret_rotated_at;
      } else {
        const rotated = await unwrap(
          client.webhooks.rotateSecret(existing.id, { grace_period_seconds: 0 }),
        );
        registration = { id: existing.id, url, secret: rotated.secret, outcome: 'rotated' };
        // The rotation's time, as the endpoint reports it, is what the next start compares.
        const after = await unwrap(
          client.GET('/v1/webhook_endpoints/{endpoint_id}', {
            params: { path: { endpoint_id: existing.id } },
          }),
        );
        secretRotatedAt = after.secret_rotated_at;
      }
    }
    const keep: StoredEndpoint = {
      id: registration.id,
      url,
      secret: registration.secret,
      secretRotatedAt,
    };
    store.setSetting(settingKey, JSON.stringify(keep));
    return registration;
  } catch (error) {
    const detail = isHooklineApiError(error)
      ? `the platform answered ${error.status ?? 'nothing'} ${error.code}: ${error.message}`
      : String(error);
    throw new ShopError(
      'webhook_setup_failed',
      `Could not register the webhook endpoint ${url} (${detail}). Check that the platform is running at the configured URL and that the API key is valid.`,
      { cause: error },
    );
  }
}

function readStored(store: ShopStore): StoredEndpoint | undefined {
  const raw = store.getSetting(settingKey);
  return raw === undefined ? undefined : (JSON.parse(raw) as StoredEndpoint);
}
