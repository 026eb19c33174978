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
import { createProviderApis, type ProviderApis } from './providers/provider-apis.js';
import { createStandardWebhooksApi, type StandardWebhooksApi } from './standard-webhooks-api.js';

const backend = createWebCryptoBackend();
const standard = createStandardWebhooksApi(backend);
const providers = createProviderApis(backend);

/**
 * Verifies a Standard Webhooks delivery against the raw body; rejects with a
 * `WebhookVerificationError`. Details: {@link StandardWebhooksApi.verifyWebhook}.
 *
 * @example
 * ```ts
 * const webhook = await verifyWebhook(await request.text(), request.headers, 'whsec_...');
 * ```
 */
export const verifyWebhook: StandardWebhooksApi['verifyWebhook'] = standard.verifyWebhook;
/** `verifyWebhook` in result form: `{ ok: true, webhook }` or `{ ok: false, error }`. */
export const safeVerifyWebhook: StandardWebhooksApi['safeVerifyWebhook'] =
  standard.safeVerifyWebhook;
/**
 * Signs a delivery; returns the `webhook-id`, `webhook-timestamp` and `webhook-signature`
 * headers (one signature per secret). Details: {@link StandardWebhooksApi.signWebhook}.
 *
 * @example
 * ```ts
 * const headers = await signWebhook({ id: 'msg_1', payload: body, secret: 'whsec_...' });
 * ```
 */
export const signWebhook: StandardWebhooksApi['signWebhook'] = standard.signWebhook;
/** A new Ed25519 key pair: `whsk_` signs `v1a`, `whpk_` verifies it. */
export const generateEd25519KeyPair: StandardWebhooksApi['generateEd25519KeyPair'] =
  standard.generateEd25519KeyPair;

/** Stripe (`Stripe-Signature: t=…,v1=<hex>`); secret used as text. Details: {@link ProviderApis.stripe}. */
export const stripe: ProviderApis<false>['stripe'] = providers.stripe;
/** GitHub (`X-Hub-Signature-256: sha256=<hex>`). Details: {@link ProviderApis.github}. */
export const github: ProviderApis<false>['github'] = providers.github;
/** Authgear (`x-authgear-body-signature: <hex>`). Details: {@link ProviderApis.authgear}. */
export const authgear: ProviderApis<false>['authgear'] = providers.authgear;
/** Shopify (`X-Shopify-Hmac-Sha256: <base64>`). Details: {@link ProviderApis.shopify}. */
export const shopify: ProviderApis<false>['shopify'] = providers.shopify;

export type { ProviderScheme, SyncProviderScheme } from './bind-scheme.js';
export { checkSecrets, type SchemeName } from './check-secrets.js';
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
