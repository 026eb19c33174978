import {
  authgear,
  github,
  isWebhookVerificationError,
  shopify,
  stripe,
  verifyWebhook,
} from '@hookline/signature';
import { ReceiverError } from './receiver-error.js';

/**
 * Signature schemes the receiver can check: Standard Webhooks (what Hookline sends; HMAC
 * `whsec_` or Ed25519 `whpk_` keys) or a provider's own scheme.
 */
export type VerificationScheme = 'standard-webhooks' | 'stripe' | 'github' | 'authgear' | 'shopify';

interface VerifierOptions {
  scheme: VerificationScheme;
  secrets: readonly string[];
  toleranceSeconds?: number;
  now: () => number;
}

/** What the signature check vouches for. */
export interface SignedDelivery {
  /** The body text exactly as signed. */
  text: string;
  /**
   * The signed message id, for schemes that sign one (Standard Webhooks: `webhook-id`, or the
   * `svix-id` alias the signature package accepts too); `undefined` for the others.
   */
  id: string | undefined;
}

/**
 * Builds the verification step for one scheme. Failures become a {@link ReceiverError} with the
 * signature package's code and status (401 for a bad signature or stale timestamp, 500 for our
 * own misconfiguration).
 */
export function createVerifier(
  options: VerifierOptions,
): (body: Uint8Array, headers: Headers) => Promise<SignedDelivery> {
  const timing = {
    ...(options.toleranceSeconds === undefined
      ? {}
      : { toleranceSeconds: options.toleranceSeconds }),
    now: options.now,
  };
  const secret = options.secrets.length === 1 ? options.secrets[0]! : options.secrets;
  const verify = (
    body: Uint8Array,
    headers: Headers,
  ): Promise<{ payload: string; id?: string }> => {
    switch (options.scheme) {
      case 'standard-webhooks':
        return verifyWebhook(body, headers, secret, timing);
      case 'stripe':
        return stripe.verify(body, headers, secret, timing);
      case 'github':
        return github.verify(body, headers, secret);
      case 'authgear':
        return authgear.verify(body, headers, secret);
      case 'shopify':
        return shopify.verify(body, headers, secret);
    }
  };
  return async (body, headers) => {
    try {
      const { payload, id } = await verify(body, headers);
      return { text: payload, id };
    } catch (error) {
      if (isWebhookVerificationError(error)) {
        throw new ReceiverError(error.code, error.message, { status: error.status, cause: error });
      }
      throw error;
    }
  };
}
