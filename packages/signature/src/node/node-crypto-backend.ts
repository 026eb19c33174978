import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import {
  type CryptoBackend,
  ED25519_PKCS8_PREFIX,
  ED25519_SPKI_PREFIX,
  type HmacData,
  type KeyMaterial,
  type RawEd25519KeyPair,
  type SyncCryptoBackend,
} from '../crypto/crypto-backend.js';
import { KeyCache } from '../crypto/key-cache.js';
import { concatBytes } from '../encoding/bytes.js';

/**
 * node:crypto backend. HMAC needs no key import in Node, so only Ed25519 `KeyObject`s are
 * cached (bounded LRU).
 */
export function createNodeCryptoBackend(cacheSize?: number): SyncCryptoBackend & {
  readonly async: CryptoBackend;
} {
  const keys = new KeyCache<KeyObject>(cacheSize);

  const backend: SyncCryptoBackend = {
    hmacSha256(key: KeyMaterial, data: HmacData): Uint8Array {
      // A string is hashed as UTF-8 (update's default), the bytes utf8() would give.
      return createHmac('sha256', key.bytes).update(data).digest();
    },
    ed25519Sign(seed: KeyMaterial, data: Uint8Array): Uint8Array {
      const key = keys.get(`ed25519-sign:${seed.id}`, () =>
        createPrivateKey({
          key: Buffer.from(concatBytes(ED25519_PKCS8_PREFIX, seed.bytes)),
          format: 'der',
          type: 'pkcs8',
        }),
      );
      return sign(null, data, key);
    },
    ed25519Verify(publicKey: KeyMaterial, data: Uint8Array, signature: Uint8Array): boolean {
      const key = keys.get(`ed25519-verify:${publicKey.id}`, () =>
        createPublicKey({
          key: Buffer.from(concatBytes(ED25519_SPKI_PREFIX, publicKey.bytes)),
          format: 'der',
          type: 'spki',
        }),
      );
      return verify(null, data, key, signature);
    },
    generateEd25519KeyPair(): RawEd25519KeyPair {
      const pair = generateKeyPairSync('ed25519');
      const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
      const spki = pair.publicKey.export({ format: 'der', type: 'spki' });
      return {
        seed: new Uint8Array(pkcs8.subarray(pkcs8.length - 32)),
        publicKey: new Uint8Array(spki.subarray(spki.length - 32)),
      };
    },
  };

  const async: CryptoBackend = {
    hmacSha256: async (key, data) => backend.hmacSha256(key, data),
    ed25519Sign: async (seed, data) => backend.ed25519Sign(seed, data),
    ed25519Verify: async (key, data, signature) => backend.ed25519Verify(key, data, signature),
    generateEd25519KeyPair: async () => backend.generateEd25519KeyPair(),
  };

  return { ...backend, async };
}
