import { bodyHmacScheme } from './body-hmac-scheme.js';

/**
 * Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>`, keyed by the app's client
 * secret as text. `webhookId` (X-Shopify-Webhook-Id) is the idempotency key; the other fields
 * are informational.
 */
export const shopifyScheme = bodyHmacScheme({
  provider: 'Shopify',
  header: 'x-shopify-hmac-sha256',
  encoding: 'base64',
  prefix: '',
  fields: {
    webhookId: 'x-shopify-webhook-id',
    topic: 'x-shopify-topic',
    shopDomain: 'x-shopify-shop-domain',
    apiVersion: 'x-shopify-api-version',
    triggeredAt: 'x-shopify-triggered-at',
  },
  missingHint: 'Shopify signs every webhook; check that this endpoint receives Shopify webhooks.',
});
