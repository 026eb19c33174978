const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A sortable unique id (`prefix_` + 10 chars of time + 16 random chars, Crockford base32),
 * like a ULID: ids created later sort later, which keeps logs and cursors in order.
 */
export function createId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = Math.max(0, Math.floor(now));
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let random = '';
  for (const byte of bytes) random += alphabet[byte % 32];
  return `${prefix}_${time}${random}`;
}
