/**
 * The root entry as Node resolves it (package.json "exports" condition "node"): the same
 * names as the WebCrypto build in ./index.ts, computed with node:crypto.
 */
export {
  DEFAULT_TOLERANCE_SECONDS,
  type Ed25519KeyPair,
  generateEd25519KeyPair,
  generateSecret,
  type HeadersLike,
  isWebhookVerificationError,
  rawBodyHint,
  type SecretInput,
  type SignWebhookInput,
  type StandardWebhookHeaders,
  type StandardWebhooksApi,
  safeVerifyWebhook,
  signWebhook,
  type VerifiedWebhook,
  type VerifyOptions,
  type VerifyResult,
  verifyWebhook,
  type WebhookPayload,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
  type WebhookVerificationErrorStatus,
  webhookVerificationErrorStatus,
} from './node/index.js';
