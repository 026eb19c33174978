/**
 * `promise`, or a rejection (code `ETIMEDOUT`, `message`) once `ms` have passed, whichever comes
 * first. For steps the caller supplies (a custom transport, `fetch` or resolver): one that never
 * settles must fail its attempt, not hold a worker slot forever.
 */
export function deadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(message), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
