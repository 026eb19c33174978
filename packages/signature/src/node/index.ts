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

export { generateSecret } from '../generate-secret.js';
export type { HeadersLike } from '../headers-like.js';
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
