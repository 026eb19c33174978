import type { KeyMaterial } from '../crypto/crypto-backend.js';
import type { VerificationKey } from '../crypto/crypto-steps.js';
import { utf8 } from '../encoding/bytes.js';
import {
  ED25519_PUBLIC_KEY_PREFIX,
  ED25519_SECRET_KEY_PREFIX,
} from '../schemes/standard-webhooks-keys.js';
import { WebhookVerificationError } from '../webhook-verification-error.js';

/**
 * The key rule of Stripe, GitHub, Authgear and Shopify: the secret string itself, as UTF-8, is
 * the HMAC key. Nothing is base64-decoded, not even Stripe's `whsec_` secrets.
 */
export function utf8SecretKey(provider: string, secret: string): VerificationKey {
  // A Standard Webhooks Ed25519 key is no shared secret: a public key used as the HMAC key
  // lets anyone who has it sign (a receiver configured with the wrong value would accept
  // forgeries). No provider issues secrets that look like these.
  if (
    secret.startsWith(ED25519_PUBLIC_KEY_PREFIX) ||
    secret.startsWith(ED25519_SECRET_KEY_PREFIX)
  ) {
    throw new WebhookVerificationError(
      'invalid_secret',
      `The ${provider} secret is a Standard Webhooks Ed25519 key (whpk_/whsk_), not a ${provider} signing secret; configure the secret ${provider} shows for this webhook.`,
    );
  }
  const material: KeyMaterial = { id: `${provider}/utf8:${secret}`, bytes: utf8(secret) };
  return { algorithm: 'hmac-sha256', material };
}
