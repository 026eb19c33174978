import { describe, expect, it } from 'vitest';
import { KeyCache } from '../src/crypto/key-cache.js';
import { createWebCryptoBackend } from '../src/crypto/web-crypto-backend.js';

describe('KeyCache', () => {
  it('creates once per id and returns the cached value afterwards', () => {
    const cache = new KeyCache<object>(4);
    let created = 0;
    const make = () => {
      created++;
      return {};
    };
    const first = cache.get('a', make);
    expect(cache.get('a', make)).toBe(first);
    expect(created).toBe(1);
  });

  it('stays within its bound by evicting the least recently used id', () => {
    const cache = new KeyCache<string>(2);
    cache.get('a', () => 'a1');
    cache.get('b', () => 'b1');
    cache.get('a', () => 'unused'); // touch a: b is now the oldest
    cache.get('c', () => 'c1');
    expect(cache.size).toBe(2);
    expect(cache.get('a', () => 'a2')).toBe('a1');
    expect(cache.get('b', () => 'b2')).toBe('b2');
  });
});

describe('WebCrypto backend key cache', () => {
  it('imports each secret once and keeps working after evictions', async () => {
    const imports: string[] = [];
    const subtle = globalThis.crypto.subtle;
    const original = subtle.importKey.bind(subtle);
    const counting = new Proxy(subtle, {
      get(target, property, receiver) {
        if (property === 'importKey') {
          return (...args: Parameters<SubtleCrypto['importKey']>) => {
            imports.push(String(args[0]));
            return original(...args);
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const realCrypto = globalThis.crypto;
    Object.defineProperty(globalThis, 'crypto', {
      value: { getRandomValues: realCrypto.getRandomValues.bind(realCrypto), subtle: counting },
      configurable: true,
    });
    try {
      const backend = createWebCryptoBackend(2);
      const key = (id: string) => ({ id, bytes: new TextEncoder().encode(id) });
      const data = new Uint8Array([1, 2, 3]);
      const first = await backend.hmacSha256(key('k1'), data);
      expect(await backend.hmacSha256(key('k1'), data)).toEqual(first);
      expect(imports).toHaveLength(1);
      await backend.hmacSha256(key('k2'), data);
      await backend.hmacSha256(key('k3'), data); // evicts k1
      expect(await backend.hmacSha256(key('k1'), data)).toEqual(first);
      expect(imports).toHaveLength(4);
    } finally {
      Object.defineProperty(globalThis, 'crypto', { value: realCrypto, configurable: true });
    }
  });
});
