import type { KeyMaterial } from '../crypto/crypto-backend.js';
import type { VerificationKey } from '../crypto/crypto-steps.js';
import { utf8 } from '../encoding/bytes.js';

/**
 * The key rule of Stripe, GitHub, Authgear and Shopify: the secret string itself, as UTF-8, is
 * the HMAC key. Nothing is base64-decoded, not even Stripe's `whsec_` secrets.
 */
export function utf8SecretKey(provider: string, secret: string): VerificationKey {
  const material: KeyMaterial = { id: `${provider}/utf8:${secret}`, bytes: utf8(secret) };
  return { algorithm: 'hmac-sha256', material };
}
