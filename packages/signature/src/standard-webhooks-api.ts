import { bindScheme, bindSchemeSync } from './bind-scheme.js';
import type { CryptoBackend, SyncCryptoBackend } from './crypto/crypto-backend.js';
import { type CryptoSteps, ed25519Generate, runAsync, runSync } from './crypto/crypto-steps.js';
import { encodeBase64 } from './encoding/base64.js';
import type { HeadersLike } from './headers-like.js';
import type { WebhookPayload } from './raw-payload.js';
import type { SchemeDefinition } from './scheme-definition.js';
import {
  type SignWebhookInput,
  type StandardWebhookHeaders,
  signStandardWebhook,
  type VerifiedWebhook,
  verifyStandardWebhook,
} from './schemes/standard-webhooks.js';
import {
  ED25519_PUBLIC_KEY_PREFIX,
  ED25519_SECRET_KEY_PREFIX,
} from './schemes/standard-webhooks-keys.js';
import type { SecretInput } from './secret-list.js';
import type { VerifyOptions } from './timestamp.js';
import type { VerifyResult } from './verify-result.js';

/** An Ed25519 key pair in Standard Webhooks serialisation. */
export interface Ed25519KeyPair {
  /** `whpk_<base64 32-byte public key>`: give it to receivers to verify `v1a`. */
  publicKey: string;
  /** `whsk_<base64 32-byte seed>`: keep it on the sender to sign `v1a`. */
  secretKey: string;
}

/** The Standard Webhooks functions, available in every runtime. */
export interface StandardWebhooksApi {
  /**
   * Verifies a Standard Webhooks delivery (`webhook-id`, `webhook-timestamp`,
   * `webhook-signature`; `svix-*` aliases accepted) against the raw body. `secret` is a
   * `whsec_` secret (v1 HMAC; bare base64 also accepted), a `whpk_` public key (v1a Ed25519), or
   * a list of them during rotation: it passes if any secret matches any signature. The
   * timestamp must be within `toleranceSeconds` (default 300) of now, both ways.
   *
   * Rejects with a `WebhookVerificationError` (`code`, `status`).
   *
   * @example
   * ```ts
   * const webhook = await verifyWebhook(await request.text(), request.headers, 'whsec_...');
   * const event = JSON.parse(webhook.payload);
   * ```
   */
  verifyWebhook(
    payload: WebhookPayload,
    headers: HeadersLike,
    secret: SecretInput,
    options?: VerifyOptions,
  ): Promise<VerifiedWebhook>;
  /**
   * {@link StandardWebhooksApi.verifyWebhook} in result form: resolves
   * `{ ok: true, webhook }` or `{ ok: false, error }`.
   *
   * @example
   * ```ts
   * const result = await safeVerifyWebhook(body, request.headers, secret);
   * if (!result.ok) return new Response(result.error.code, { status: result.error.status });
   * ```
   */
  safeVerifyWebhook(
    payload: WebhookPayload,
    headers: HeadersLike,
    secret: SecretInput,
    options?: VerifyOptions,
  ): Promise<VerifyResult<VerifiedWebhook>>;
  /**
   * Signs a delivery and returns its three Standard Webhooks headers: one `v1,<base64>` entry
   * per `whsec_` secret and one `v1a,<base64>` per `whsk_` key, space-separated.
   *
   * @example
   * ```ts
   * const headers = await signWebhook({ id: 'msg_1', timestamp: 1700000000, payload: body, secret });
   * await fetch(url, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' } });
   * ```
   */
  signWebhook(input: SignWebhookInput): Promise<StandardWebhookHeaders>;
  /**
   * A new Ed25519 key pair for `v1a` signatures (`whsk_` to sign, `whpk_` to verify).
   *
   * @example
   * ```ts
   * const { secretKey, publicKey } = await generateEd25519KeyPair();
   * ```
   */
  generateEd25519KeyPair(): Promise<Ed25519KeyPair>;
}

/** Synchronous Standard Webhooks functions (node:crypto only). */
export interface StandardWebhooksSyncApi {
  /** Synchronous `verifyWebhook`; throws a `WebhookVerificationError`. */
  verifyWebhookSync(
    payload: WebhookPayload,
    headers: HeadersLike,
    secret: SecretInput,
    options?: VerifyOptions,
  ): VerifiedWebhook;
  /** Synchronous `safeVerifyWebhook`. */
  safeVerifyWebhookSync(
    payload: WebhookPayload,
    headers: HeadersLike,
    secret: SecretInput,
    options?: VerifyOptions,
  ): VerifyResult<VerifiedWebhook>;
  /** Synchronous `signWebhook`. */
  signWebhookSync(input: SignWebhookInput): StandardWebhookHeaders;
  /** Synchronous `generateEd25519KeyPair`. */
  generateEd25519KeyPairSync(): Ed25519KeyPair;
}

function* generateKeyPairSteps(): CryptoSteps<Ed25519KeyPair> {
  const pair = yield* ed25519Generate();
  return {
    publicKey: `${ED25519_PUBLIC_KEY_PREFIX}${encodeBase64(pair.publicKey)}`,
    secretKey: `${ED25519_SECRET_KEY_PREFIX}${encodeBase64(pair.seed)}`,
  };
}

const standardWebhooksScheme: SchemeDefinition<
  VerifiedWebhook,
  SignWebhookInput,
  StandardWebhookHeaders,
  VerifyOptions
> = { verify: verifyStandardWebhook, sign: signStandardWebhook };

/** Binds the Standard Webhooks functions to an asynchronous backend. */
export function createStandardWebhooksApi(backend: CryptoBackend): StandardWebhooksApi {
  const scheme = bindScheme(standardWebhooksScheme, backend);
  return {
    verifyWebhook: scheme.verify,
    safeVerifyWebhook: scheme.safeVerify,
    signWebhook: scheme.sign,
    generateEd25519KeyPair: () => runAsync(generateKeyPairSteps(), backend),
  };
}

/** Binds the synchronous Standard Webhooks functions to node:crypto. */
export function createStandardWebhooksSyncApi(
  backend: SyncCryptoBackend & { readonly async: CryptoBackend },
): StandardWebhooksSyncApi {
  const scheme = bindSchemeSync(standardWebhooksScheme, backend);
  return {
    verifyWebhookSync: scheme.verifySync,
    safeVerifyWebhookSync: scheme.safeVerifySync,
    signWebhookSync: scheme.signSync,
    generateEd25519KeyPairSync: () => runSync(generateKeyPairSteps(), backend),
  };
}
