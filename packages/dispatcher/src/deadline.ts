/**
 * `promise`, or a rejection (code `ETIMEDOUT`, `message`) once `ms` have passed, whichever comes
 * first. For steps of an attempt that may never settle (a DNS lookup; a transport, `fetch` or
 * resolver the caller supplies): one that hangs must fail its attempt, not hold a worker slot
 * forever.
 */
export function deadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(message), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
