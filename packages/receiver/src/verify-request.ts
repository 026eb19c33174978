import { isWebhookVerificationError, verifyWebhook } from '@hookline/signature';
import { ReceiverError } from './receiver-error.js';

/** Signature schemes the receiver can check. */
export type VerificationScheme = 'standard-webhooks' | 'stripe' | 'github' | 'authgear' | 'shopify';

/** What a successful verification yields. */
export interface VerifiedRequest {
  /** The body as UTF-8 text, exactly as signed. */
  payload: string;
}

interface VerifierOptions {
  scheme: VerificationScheme;
  secrets: readonly string[];
  toleranceSeconds?: number;
  now: () => number;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Builds the verification step for one scheme. Failures become a {@link ReceiverError} with
 * the signature package's code and status (401 for a bad signature or stale timestamp).
 */
export function createVerifier(
  options: VerifierOptions,
): (body: Uint8Array, headers: Headers) => Promise<VerifiedRequest> {
  const verifyOptions = {
    ...(options.toleranceSeconds === undefined
      ? {}
      : { toleranceSeconds: options.toleranceSeconds }),
    now: options.now,
  };
  const secret = options.secrets.length === 1 ? options.secrets[0]! : options.secrets;
  return async (body, headers) => {
    try {
      if (options.scheme === 'standard-webhooks') {
        const webhook = await verifyWebhook(body, headers, secret, verifyOptions);
        return { payload: webhook.payload };
      }
      // PENDING: provider schemes from @hookline/signature
      throw new Error(`scheme ${options.scheme} pending`);
      return { payload: decoder.decode(body) };
    } catch (error) {
      if (isWebhookVerificationError(error)) {
        throw new ReceiverError(error.code, error.message, { status: error.status, cause: error });
      }
      throw error;
    }
  };
}
