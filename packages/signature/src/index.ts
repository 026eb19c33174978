/**
 * @hookline/signature — sign and verify webhooks in every runtime (WebCrypto build).
 * Node resolves the package to the node:crypto build instead (same names); synchronous
 * variants live in `@hookline/signature/node`.
 *
 * @example
 * ```ts
 * import { verifyWebhook } from '@hookline/signature';
 * const webhook = await verifyWebhook(await request.text(), request.headers, process.env.WEBHOOK_SECRET!);
 * ```
 */
import { createWebCryptoBackend } from './crypto/web-crypto-backend.js';
import { createProviderApis } from './providers/provider-apis.js';
import { createStandardWebhooksApi } from './standard-webhooks-api.js';

const backend = createWebCryptoBackend();

export const { verifyWebhook, safeVerifyWebhook, signWebhook, generateEd25519KeyPair } =
  createStandardWebhooksApi(backend);

export const { stripe, github, authgear, shopify } = createProviderApis(backend);

export type { ProviderScheme, SyncProviderScheme } from './bind-scheme.js';
export { generateSecret } from './generate-secret.js';
export type { HeadersLike } from './headers-like.js';
export type { BodyHmacSignInput, NoVerifyOptions } from './providers/body-hmac-scheme.js';
export type {
  AuthgearScheme,
  GitHubScheme,
  ProviderApis,
  ShopifyScheme,
  StripeScheme,
  VerifiedAuthgearWebhook,
  VerifiedGitHubWebhook,
  VerifiedShopifyWebhook,
} from './providers/provider-apis.js';
export type {
  StripeSignatureHeaders,
  StripeSignInput,
  VerifiedStripeWebhook,
} from './providers/stripe.js';
export { rawBodyHint, type WebhookPayload } from './raw-payload.js';
export type {
  SignWebhookInput,
  StandardWebhookHeaders,
  VerifiedWebhook,
} from './schemes/standard-webhooks.js';
export type { SecretInput } from './secret-list.js';
export type { Ed25519KeyPair, StandardWebhooksApi } from './standard-webhooks-api.js';
export { DEFAULT_TOLERANCE_SECONDS, type VerifyOptions } from './timestamp.js';
export type { VerifyResult } from './verify-result.js';
export {
  isWebhookVerificationError,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
  type WebhookVerificationErrorStatus,
  webhookVerificationErrorStatus,
} from './webhook-verification-error.js';
