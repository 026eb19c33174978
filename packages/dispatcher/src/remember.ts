/**
 * `cache.get(key)`, or `compute()` stored under `key`. A cache that reaches `max` entries is
 * emptied first (the keys it serves are a few hot ones — endpoint URLs, addresses — so an
 * occasional refill is cheaper than tracking recency).
 */
export function remember<K, V>(
  cache: Map<K, V>,
  key: K,
  compute: () => V,
  max = Number.POSITIVE_INFINITY,
): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size >= max) cache.clear();
    cache.set(key, value);
  }
  return value;
}
