import { encodeBase64 } from './encoding/base64.js';
import { SYMMETRIC_SECRET_PREFIX } from './schemes/standard-webhooks-keys.js';

/**
 * A new Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes (the spec asks
 * for 24 to 64). Uses `crypto.getRandomValues`, present in every supported runtime.
 *
 * @example
 * ```ts
 * const secret = generateSecret(); // 'whsec_k3Hq...'
 * ```
 */
export function generateSecret(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return `${SYMMETRIC_SECRET_PREFIX}${encodeBase64(bytes)}`;
}
