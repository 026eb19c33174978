import { utf8 } from '../encoding/bytes.js';
import {
  type CryptoBackend,
  ED25519_PKCS8_PREFIX,
  type HmacData,
  type KeyMaterial,
  type RawEd25519KeyPair,
} from './crypto-backend.js';
import { KeyCache } from './key-cache.js';

// WebCrypto's BufferSource wants an ArrayBuffer-backed view; ours always are (or are Node
// Buffers, which WebCrypto accepts too). The cast only narrows the static type.
function source(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (api === undefined) {
    throw new Error(
      'WebCrypto (globalThis.crypto.subtle) is not available. Use a runtime with WebCrypto (browsers in a secure context, Node 20+, Deno, Bun, workers).',
    );
  }
  return api;
}

/**
 * Builds a WebCrypto backend. Imported `CryptoKey`s are cached per secret (bounded LRU), since
 * importing costs more than the HMAC itself.
 */
export function createWebCryptoBackend(cacheSize?: number): CryptoBackend {
  const keys = new KeyCache<Promise<CryptoKey>>(cacheSize);

  function cachedKey(id: string, importKey: () => Promise<CryptoKey>): Promise<CryptoKey> {
    return keys.get(id, () => {
      const pending = importKey();
      pending.catch(() => keys.delete(id));
      return pending;
    });
  }

  return {
    async hmacSha256(key: KeyMaterial, data: HmacData): Promise<Uint8Array> {
      const cryptoKey = await cachedKey(`hmac:${key.id}`, () =>
        subtle().importKey('raw', source(key.bytes), { name: 'HMAC', hash: 'SHA-256' }, false, [
          'sign',
        ]),
      );
      const bytes = typeof data === 'string' ? utf8(data) : data;
      return new Uint8Array(await subtle().sign('HMAC', cryptoKey, source(bytes)));
    },

    async ed25519Sign(seed: KeyMaterial, data: Uint8Array): Promise<Uint8Array> {
      const cryptoKey = await cachedKey(`ed25519-sign:${seed.id}`, () => {
        const pkcs8 = new Uint8Array(ED25519_PKCS8_PREFIX.length + 32);
        pkcs8.set(ED25519_PKCS8_PREFIX);
        pkcs8.set(seed.bytes, ED25519_PKCS8_PREFIX.length);
        return subtle().importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
      });
      return new Uint8Array(await subtle().sign('Ed25519', cryptoKey, source(data)));
    },

    async ed25519Verify(
      publicKey: KeyMaterial,
      data: Uint8Array,
      signature: Uint8Array,
    ): Promise<boolean> {
      const cryptoKey = await cachedKey(`ed25519-verify:${publicKey.id}`, () =>
        subtle().importKey('raw', source(publicKey.bytes), { name: 'Ed25519' }, false, ['verify']),
      );
      return subtle().verify('Ed25519', cryptoKey, source(signature), source(data));
    },

    async generateEd25519KeyPair(): Promise<RawEd25519KeyPair> {
      const pair = (await subtle().generateKey({ name: 'Ed25519' }, true, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      const pkcs8 = new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey));
      const publicKey = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
      return { seed: pkcs8.slice(pkcs8.length - 32), publicKey };
    },
  };
}
