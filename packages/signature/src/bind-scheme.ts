import type { CryptoBackend, SyncCryptoBackend } from './crypto/crypto-backend.js';
import { runAsync, runSync } from './crypto/crypto-steps.js';
import type { HeadersLike } from './headers-like.js';
import type { WebhookPayload } from './raw-payload.js';
import type { SchemeDefinition } from './scheme-definition.js';
import type { SecretInput } from './secret-list.js';
import { toFailure, type VerifyResult } from './verify-result.js';

/** A provider's scheme: verify (throwing and result forms) and sign (for tests and senders). */
export interface ProviderScheme<Result, SignInput, SignHeaders, Options> {
  /**
   * Verifies a delivery against the raw body and the request headers; resolves with the
   * verified delivery or rejects with a `WebhookVerificationError`.
   */
  verify(
    payload: WebhookPayload,
    headers: HeadersLike,
    secret: SecretInput,
    options?: Options,
  ): Promise<Result>;
  /** Like `verify`, but resolves `{ ok: false, error }` instead of rejecting. */
  safeVerify(
    payload: WebhookPayload,
    headers: HeadersLike,
    secret: SecretInput,
    options?: Options,
  ): Promise<VerifyResult<Result>>;
  /** Signs a body the way the provider does and returns the headers to send with it. */
  sign(input: SignInput): Promise<SignHeaders>;
}

/** A provider's scheme with synchronous variants (node:crypto only). */
export interface SyncProviderScheme<Result, SignInput, SignHeaders, Options>
  extends ProviderScheme<Result, SignInput, SignHeaders, Options> {
  /** Synchronous `verify`; throws a `WebhookVerificationError`. */
  verifySync(
    payload: WebhookPayload,
    headers: HeadersLike,
    secret: SecretInput,
    options?: Options,
  ): Result;
  /** Synchronous `safeVerify`. */
  safeVerifySync(
    payload: WebhookPayload,
    headers: HeadersLike,
    secret: SecretInput,
    options?: Options,
  ): VerifyResult<Result>;
  /** Synchronous `sign`. */
  signSync(input: SignInput): SignHeaders;
}

/** Binds a scheme to an asynchronous backend. */
export function bindScheme<R, SI, SH, O>(
  scheme: SchemeDefinition<R, SI, SH, O>,
  backend: CryptoBackend,
): ProviderScheme<R, SI, SH, O> {
  const verify = (
    payload: WebhookPayload,
    headers: HeadersLike,
    secret: SecretInput,
    options?: O,
  ) => runAsync(scheme.verify(payload, headers, secret, options), backend);
  return {
    verify,
    safeVerify: (payload, headers, secret, options) =>
      verify(payload, headers, secret, options).then(
        (webhook) => ({ ok: true as const, webhook }),
        toFailure,
      ),
    sign: (input) => runAsync(scheme.sign(input), backend),
  };
}

/** Binds a scheme to node:crypto, with both the async and the sync variants. */
export function bindSchemeSync<R, SI, SH, O>(
  scheme: SchemeDefinition<R, SI, SH, O>,
  backend: SyncCryptoBackend & { readonly async: CryptoBackend },
): SyncProviderScheme<R, SI, SH, O> {
  const verifySync = (
    payload: WebhookPayload,
    headers: HeadersLike,
    secret: SecretInput,
    options?: O,
  ) => runSync(scheme.verify(payload, headers, secret, options), backend);
  return {
    ...bindScheme(scheme, backend.async),
    verifySync,
    safeVerifySync: (payload, headers, secret, options) => {
      try {
        return { ok: true, webhook: verifySync(payload, headers, secret, options) };
      } catch (error) {
        return toFailure(error);
      }
    },
    signSync: (input) => runSync(scheme.sign(input), backend),
  };
}
