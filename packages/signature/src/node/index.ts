/**
 * @hookline/signature/node — the node:crypto build with synchronous variants
 * (`verifyWebhookSync`, `signWebhookSync`, `stripe.verifySync`, ...). Node only.
 *
 * @example
 * ```ts
 * import { verifyWebhookSync } from '@hookline/signature/node';
 * const webhook = verifyWebhookSync(req.body, req.headers, process.env.WEBHOOK_SECRET!);
 * ```
 */
import { createSyncProviderApis } from '../providers/provider-apis.js';
import {
  createStandardWebhooksApi,
  createStandardWebhooksSyncApi,
} from '../standard-webhooks-api.js';
import { createNodeCryptoBackend } from './node-crypto-backend.js';

const backend = createNodeCryptoBackend();

export const { verifyWebhook, safeVerifyWebhook, signWebhook, generateEd25519KeyPair } =
  createStandardWebhooksApi(backend.async);

export const {
  verifyWebhookSync,
  safeVerifyWebhookSync,
  signWebhookSync,
  generateEd25519KeyPairSync,
} = createStandardWebhooksSyncApi(backend);

export const { stripe, github, authgear, shopify } = createSyncProviderApis(backend);

export type { ProviderScheme, SyncProviderScheme } from '../bind-scheme.js';
export { generateSecret } from '../generate-secret.js';
export type { HeadersLike } from '../headers-like.js';
export type { BodyHmacSignInput, NoVerifyOptions } from '../providers/body-hmac-scheme.js';
export type {
  AuthgearScheme,
  GitHubScheme,
  ProviderApis,
  ShopifyScheme,
  StripeScheme,
  VerifiedAuthgearWebhook,
  VerifiedGitHubWebhook,
  VerifiedShopifyWebhook,
} from '../providers/provider-apis.js';
export type {
  StripeSignatureHeaders,
  StripeSignInput,
  VerifiedStripeWebhook,
} from '../providers/stripe.js';
export { rawBodyHint, type WebhookPayload } from '../raw-payload.js';
export type {
  SignWebhookInput,
  StandardWebhookHeaders,
  VerifiedWebhook,
} from '../schemes/standard-webhooks.js';
export type { SecretInput } from '../secret-list.js';
export type {
  Ed25519KeyPair,
  StandardWebhooksApi,
  StandardWebhooksSyncApi,
} from '../standard-webhooks-api.js';
export { DEFAULT_TOLERANCE_SECONDS, type VerifyOptions } from '../timestamp.js';
export type { VerifyResult } from '../verify-result.js';
export {
  isWebhookVerificationError,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
  type WebhookVerificationErrorStatus,
  webhookVerificationErrorStatus,
} from '../webhook-verification-error.js';
