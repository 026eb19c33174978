/** Default number of imported keys kept per cache. */
export const DEFAULT_KEY_CACHE_SIZE = 256;

/**
 * A small least-recently-used map for imported keys. Importing a key is the slow part of a
 * WebCrypto HMAC, and a receiver verifies with the same few secrets all day; the bound keeps a
 * process that sees many secrets (multi-tenant) from growing without limit.
 */
export class KeyCache<V> {
  readonly #entries = new Map<string, V>();
  readonly #limit: number;

  constructor(limit = DEFAULT_KEY_CACHE_SIZE) {
    this.#limit = limit;
  }

  /** Returns the cached value for `id`, creating it with `create` on a miss. */
  get(id: string, create: () => V): V {
    const hit = this.#entries.get(id);
    if (hit !== undefined) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.#entries.delete(id);
      this.#entries.set(id, hit);
      return hit;
    }
    const value = create();
    this.#entries.set(id, value);
    if (this.#entries.size > this.#limit) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    return value;
  }

  /** Forgets `id` (a failed import must not stay cached). */
  delete(id: string): void {
    this.#entries.delete(id);
  }

  /** Number of cached keys. */
  get size(): number {
    return this.#entries.size;
  }
}
