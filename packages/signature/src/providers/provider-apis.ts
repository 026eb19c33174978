import {
  bindScheme,
  bindSchemeSync,
  type ProviderScheme,
  type SyncProviderScheme,
} from '../bind-scheme.js';
import type { CryptoBackend, SyncCryptoBackend } from '../crypto/crypto-backend.js';
import type { VerifyOptions } from '../timestamp.js';
import { authgearScheme } from './authgear.js';
import type {
  BodyHmacSignInput,
  NoVerifyOptions,
  VerifiedBodyHmacWebhook,
} from './body-hmac-scheme.js';
import { githubScheme } from './github.js';
import { shopifyScheme } from './shopify.js';
import {
  type StripeSignatureHeaders,
  type StripeSignInput,
  stripeScheme,
  type VerifiedStripeWebhook,
} from './stripe.js';

/** A verified GitHub delivery; `deliveryId` and `event` come from unsigned headers. */
export type VerifiedGitHubWebhook = VerifiedBodyHmacWebhook<'deliveryId' | 'event'>;
/** A verified Authgear delivery. */
export type VerifiedAuthgearWebhook = VerifiedBodyHmacWebhook<never>;
/** A verified Shopify delivery; the extra fields come from unsigned headers. */
export type VerifiedShopifyWebhook = VerifiedBodyHmacWebhook<
  'webhookId' | 'topic' | 'shopDomain' | 'apiVersion' | 'triggeredAt'
>;

type Scheme<R, SI, SH, O, Sync extends boolean> = Sync extends true
  ? SyncProviderScheme<R, SI, SH, O>
  : ProviderScheme<R, SI, SH, O>;

/** Stripe's scheme (`Stripe-Signature`). */
export type StripeScheme<Sync extends boolean = false> = Scheme<
  VerifiedStripeWebhook,
  StripeSignInput,
  StripeSignatureHeaders,
  VerifyOptions,
  Sync
>;
/** GitHub's scheme (`X-Hub-Signature-256`). */
export type GitHubScheme<Sync extends boolean = false> = Scheme<
  VerifiedGitHubWebhook,
  BodyHmacSignInput,
  { 'x-hub-signature-256': string },
  NoVerifyOptions,
  Sync
>;
/** Authgear's scheme (`x-authgear-body-signature`). */
export type AuthgearScheme<Sync extends boolean = false> = Scheme<
  VerifiedAuthgearWebhook,
  BodyHmacSignInput,
  { 'x-authgear-body-signature': string },
  NoVerifyOptions,
  Sync
>;
/** Shopify's scheme (`X-Shopify-Hmac-Sha256`). */
export type ShopifyScheme<Sync extends boolean = false> = Scheme<
  VerifiedShopifyWebhook,
  BodyHmacSignInput,
  { 'x-shopify-hmac-sha256': string },
  NoVerifyOptions,
  Sync
>;

/** The provider schemes bound to a backend. */
export interface ProviderApis<Sync extends boolean = false> {
  /**
   * Stripe: `Stripe-Signature: t=…,v1=<hex>`, HMAC-SHA256 of `${t}.${body}` keyed by the
   * endpoint secret as text (`whsec_…` is NOT base64-decoded). Tolerance 300 s, both ways.
   *
   * @example
   * ```ts
   * const { payload } = await stripe.verify(await request.text(), request.headers, 'whsec_...');
   * ```
   */
  stripe: StripeScheme<Sync>;
  /**
   * GitHub: `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 of the body keyed by the webhook
   * secret as text. No timestamp: dedupe on `deliveryId`.
   *
   * @example
   * ```ts
   * const { payload, event, deliveryId } = await github.verify(body, request.headers, secret);
   * ```
   */
  github: GitHubScheme<Sync>;
  /**
   * Authgear: `x-authgear-body-signature: <hex>`, HMAC-SHA256 of the body keyed by the secret
   * as text. No timestamp.
   *
   * @example
   * ```ts
   * const { payload } = await authgear.verify(body, request.headers, secret);
   * ```
   */
  authgear: AuthgearScheme<Sync>;
  /**
   * Shopify: `X-Shopify-Hmac-Sha256: <base64>`, HMAC-SHA256 of the body keyed by the app's
   * client secret as text. No timestamp: dedupe on `webhookId`.
   *
   * @example
   * ```ts
   * const { payload, topic } = await shopify.verify(body, request.headers, clientSecret);
   * ```
   */
  shopify: ShopifyScheme<Sync>;
}

/** Binds every provider scheme to an asynchronous backend. */
export function createProviderApis(backend: CryptoBackend): ProviderApis {
  return {
    stripe: bindScheme(stripeScheme, backend),
    github: bindScheme(githubScheme, backend),
    authgear: bindScheme(authgearScheme, backend),
    shopify: bindScheme(shopifyScheme, backend),
  };
}

/** Binds every provider scheme to node:crypto, with the sync variants. */
export function createSyncProviderApis(
  backend: SyncCryptoBackend & { readonly async: CryptoBackend },
): ProviderApis<true> {
  return {
    stripe: bindSchemeSync(stripeScheme, backend),
    github: bindSchemeSync(githubScheme, backend),
    authgear: bindSchemeSync(authgearScheme, backend),
    shopify: bindSchemeSync(shopifyScheme, backend),
  };
}
