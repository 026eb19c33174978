import {
  authgear,
  checkSecrets,
  github,
  isWebhookVerificationError,
  type SchemeName,
  shopify,
  stripe,
  verifyWebhook,
} from '@hookline/signature';
import { ReceiverError } from './receiver-error.js';

/**
 * Signature schemes the receiver can check: Standard Webhooks (what Hookline sends; HMAC
 * `whsec_` or Ed25519 `whpk_` keys) or a provider's own scheme.
 */
export type VerificationScheme = SchemeName;

const KEY_ADVICE: Record<VerificationScheme, string> = {
  'standard-webhooks': 'a whsec_ secret, or a whpk_ public key for Ed25519',
  stripe: "the endpoint's whsec_ signing secret",
  github: "the webhook's secret",
  authgear: "the app's webhook secret",
  shopify: "the app's client secret",
};

/**
 * The configured secret(s) as a list, checked at construction with the signature package's own
 * rule (the one `verify` applies), so a bad secret fails at start-up rather than answering 500
 * to every delivery. Throws a {@link ReceiverError} `invalid_options`; never quotes a secret.
 */
export function checkReceiverSecrets(
  scheme: VerificationScheme,
  secret: unknown,
): readonly string[] {
  try {
    return checkSecrets(scheme, secret);
  } catch (error) {
    if (!isWebhookVerificationError(error)) throw error;
    const advice =
      error.code === 'invalid_secret'
        ? 'createReceiver() needs a non-empty `secret` the ' +
          `${scheme} scheme can verify with (or a list of them during rotation): ${error.message} ` +
          `Pass ${KEY_ADVICE[scheme]} from the sender's webhook settings, or set \`scheme\` to the sender's scheme.`
        : `createReceiver(): ${error.message}`;
    throw new ReceiverError('invalid_options', advice, { cause: error });
  }
}

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
