import type { KeyMaterial } from '../crypto/crypto-backend.js';
import type { VerificationKey } from '../crypto/crypto-steps.js';
import { KeyCache } from '../crypto/key-cache.js';
import { decodeBase64 } from '../encoding/base64.js';
import { secretLabel } from '../secret-list.js';
import { WebhookVerificationError } from '../webhook-verification-error.js';

/** Prefix of a symmetric (HMAC-SHA256, `v1`) secret. */
export const SYMMETRIC_SECRET_PREFIX = 'whsec_';
/** Prefix of an Ed25519 public key (verifies `v1a`). */
export const ED25519_PUBLIC_KEY_PREFIX = 'whpk_';
/** Prefix of an Ed25519 secret key, the base64 32-byte seed (signs `v1a`). */
export const ED25519_SECRET_KEY_PREFIX = 'whsk_';

function decode(body: string, label: string, kind: string, expectedLength?: number): Uint8Array {
  const bytes = decodeBase64(body);
  if (bytes === undefined || bytes.length === 0) {
    throw new WebhookVerificationError(
      'invalid_secret',
      `The Standard Webhooks ${label} is not valid base64 after its prefix. Expected ${kind}; copy it again from the sender's dashboard without quotes or spaces.`,
    );
  }
  if (expectedLength !== undefined && bytes.length !== expectedLength) {
    throw new WebhookVerificationError(
      'invalid_secret',
      `The Standard Webhooks ${label} decodes to ${bytes.length} bytes; ${kind} must decode to ${expectedLength}.`,
    );
  }
  return bytes;
}

/**
 * Parsed keys by secret: a sender signs and a receiver verifies with the same few secrets all
 * day, and decoding and checking one costs more than the HMAC itself. Only keys that parsed are
 * kept (a throwing parse caches nothing); bounded, for processes that see many secrets.
 */
const verificationKeys = new KeyCache<VerificationKey>();
const signingKeys = new KeyCache<VerificationKey>();

function material(rule: string, secret: string, bytes: Uint8Array): KeyMaterial {
  return { id: `standard-webhooks/${rule}:${secret}`, bytes };
}

/**
 * A verification key from `whsec_<base64>` (or bare base64, as the official libraries accept)
 * or `whpk_<base64 32-byte Ed25519 public key>`.
 */
export function parseVerificationKey(
  secret: string,
  index: number,
  count: number,
): VerificationKey {
  return verificationKeys.get(secret, () => readVerificationKey(secret, index, count));
}

function readVerificationKey(secret: string, index: number, count: number): VerificationKey {
  const label = secretLabel(index, count);
  if (secret.startsWith(ED25519_PUBLIC_KEY_PREFIX)) {
    const body = secret.slice(ED25519_PUBLIC_KEY_PREFIX.length);
    const bytes = decode(body, label, 'a whpk_ Ed25519 public key', 32);
    return { algorithm: 'ed25519', material: material('whpk', body, bytes) };
  }
  if (secret.startsWith(ED25519_SECRET_KEY_PREFIX)) {
    throw new WebhookVerificationError(
      'invalid_secret',
      `The Standard Webhooks ${label} is a whsk_ Ed25519 secret key, which signs. Verify with its whpk_ public key instead, and keep the secret key on the sending side only.`,
    );
  }
  const body = secret.startsWith(SYMMETRIC_SECRET_PREFIX)
    ? secret.slice(SYMMETRIC_SECRET_PREFIX.length)
    : secret;
  const bytes = decode(body, label, 'a whsec_ secret (base64)');
  return { algorithm: 'hmac-sha256', material: material('whsec', body, bytes) };
}

/** A signing key from `whsec_<base64>` / bare base64, or `whsk_<base64 32-byte seed>`. */
export function parseSigningKey(secret: string, index: number, count: number): VerificationKey {
  return signingKeys.get(secret, () => readSigningKey(secret, index, count));
}

function readSigningKey(secret: string, index: number, count: number): VerificationKey {
  const label = secretLabel(index, count);
  if (secret.startsWith(ED25519_SECRET_KEY_PREFIX)) {
    const body = secret.slice(ED25519_SECRET_KEY_PREFIX.length);
    const bytes = decode(body, label, 'a whsk_ Ed25519 secret key (the 32-byte seed)', 32);
    return { algorithm: 'ed25519', material: material('whsk', body, bytes) };
  }
  if (secret.startsWith(ED25519_PUBLIC_KEY_PREFIX)) {
    throw new WebhookVerificationError(
      'invalid_secret',
      `The Standard Webhooks ${label} is a whpk_ public key, which can only verify. Sign with the matching whsk_ secret key.`,
    );
  }
  return readVerificationKey(secret, index, count);
}
