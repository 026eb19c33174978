const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastTimeText = '';
const lastRandom = new Uint8Array(16);
/**
 * Random bytes drawn in bulk: `crypto.getRandomValues` costs ~7 µs a call whatever its size,
 * more than the rest of an id, and a publish makes two ids (event, delivery) per millisecond.
 */
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

/**
 * A sortable id: `prefix_` + 10 characters of time + 16 random characters (Crockford base32).
 * Monotonic within the process — an id made later never sorts before an earlier one, even in
 * the same millisecond — which is what cursor pagination (`starting_after`) relies on.
 */
export function createId(prefix: string, now: number = Date.now()): string {
  const time = Math.max(now, lastTime);
  if (time === lastTime) {
    // Same millisecond: increment the previous random part (ULID's monotonic rule).
    let i = lastRandom.length - 1;
    while (i >= 0 && lastRandom[i] === 31) {
      lastRandom[i] = 0;
      i--;
    }
    if (i >= 0) lastRandom[i] = (lastRandom[i] ?? 0) + 1;
  } else {
    lastTime = time;
    let t = time;
    lastTimeText = '';
    for (let i = 0; i < 10; i++) {
      lastTimeText = alphabet[t % 32] + lastTimeText;
      t = Math.floor(t / 32);
    }
    if (poolOffset + lastRandom.length > pool.length) {
      crypto.getRandomValues(pool);
      poolOffset = 0;
    }
    // 256 is a multiple of 32: each character stays uniform.
    for (let i = 0; i < lastRandom.length; i++) lastRandom[i] = pool[poolOffset + i]! % 32;
    poolOffset += lastRandom.length;
    // Leave headroom so increments within one millisecond do not wrap.
    lastRandom[0] = (lastRandom[0] ?? 0) % 16;
  }
  let randomText = '';
  for (let i = 0; i < lastRandom.length; i++) randomText += alphabet[lastRandom[i]!];
  return `${prefix}_${lastTimeText}${randomText}`;
}

/** `2026-03-13T17:00:00Z`: an RFC 3339 UTC timestamp with whole seconds. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
