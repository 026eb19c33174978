import {
  isWebhookVerificationError,
  type WebhookVerificationError,
} from './webhook-verification-error.js';

/** The result form of a verifier: never throws for a bad delivery. */
export type VerifyResult<T> =
  | { ok: true; webhook: T }
  | { ok: false; error: WebhookVerificationError };

/**
 * Turns a thrown {@link WebhookVerificationError} into `{ ok: false, error }`. Anything else
 * (WebCrypto missing, a bug) still throws: it is not a verdict about the delivery.
 */
export function toFailure(error: unknown): { ok: false; error: WebhookVerificationError } {
  if (isWebhookVerificationError(error)) return { ok: false, error };
  throw error;
}
