import type { PlatformDatabase } from '../db/database.js';
import { PlatformError } from '../platform-error.js';

/**
 * What to do with a POST that carries an `Idempotency-Key`. A `new` claim carries its `token`
 * (the row's `created_at`, in milliseconds, as this claim wrote it): storing the response, in the action's commit
 * or after it, only succeeds while the row still holds that token.
 */
export type IdempotencyClaim =
  | { kind: 'new'; token: string }
  | { kind: 'replay'; status: number; body: string };

/** Keys are kept this long (the document promises 24 hours). */
const retentionMs = 24 * 60 * 60 * 1000;
/**
 * The `Retry-After` (seconds) of a 409 `idempotency_key_in_use`: the key's first request is
 * still running, so the same request is worth sending again shortly (unlike a 409 `conflict`).
 */
export const idempotencyKeyInUseRetryAfter = 1;
/**
 * A key still in flight after this long is taken over by the next request with it (its first
 * request most likely died with its process). Taking over is safe even when the first request
 * was merely slow: a claim's token fences its commit (see {@link IdempotencyClaim}), so of the
 * two only the one still holding the key can commit its action; the other rolls back with
 * `idempotency_key_in_use`.
 */
const abandonedAfterMs = 60 * 1000;

/** A claim's `created_at`, to the millisecond: it doubles as the claim's fencing token. */
const stamp = (now: number) => new Date(now).toISOString();

/**
 * Idempotency keys, stored in the database: the first request with a key claims it
 * (`in_flight`), its response is stored when it finishes, and later requests with the same key
 * replay that response — or fail with `idempotency_key_reused` (another body) or
 * `idempotency_key_in_use` (the first one still runs).
 */
export function createIdempotencyKeys(db: PlatformDatabase) {
  async function claim(
    scope: string,
    key: string,
    fingerprint: string,
    now: number,
  ): Promise<IdempotencyClaim> {
    const inserted = await db.run(
      `INSERT INTO platform_idempotency_keys (scope, idempotency_key, fingerprint, state, created_at)
       VALUES (?, ?, ?, 'in_flight', ?) ON CONFLICT DO NOTHING`,
      [scope, key, fingerprint, stamp(now)],
    );
    if (inserted === 1) return { kind: 'new', token: stamp(now) };
    const row = await db.get<{
      fingerprint: string;
      state: string;
      status: number | null;
      body: string | null;
      created_at: string;
    }>(
      'SELECT fingerprint, state, status, body, created_at FROM platform_idempotency_keys WHERE scope = ? AND idempotency_key = ?',
      [scope, key],
    );
    if (!row) return claim(scope, key, fingerprint, now); // expired between the two statements
    if (Date.parse(row.created_at) < now - retentionMs) {
      await db.run(
        'DELETE FROM platform_idempotency_keys WHERE scope = ? AND idempotency_key = ?',
        [scope, key],
      );
      return claim(scope, key, fingerprint, now);
    }
    if (row.fingerprint !== fingerprint) {
      throw new PlatformError(
        'idempotency_key_reused',
        `The Idempotency-Key "${key}" was first used with a different request (method, path or body). Use a new key for a different request.`,
      );
    }
    if (row.state === 'in_flight' && Date.parse(row.created_at) < now - abandonedAfterMs) {
      // The process that claimed the key died before finishing (its action, if it committed,
      // stored the response in the same commit, so the row would be done): run it again.
      const taken = await db.run(
        `UPDATE platform_idempotency_keys SET created_at = ?
         WHERE scope = ? AND idempotency_key = ? AND state = 'in_flight' AND created_at = ?`,
        [stamp(now), scope, key, row.created_at],
      );
      if (taken === 1) return { kind: 'new', token: stamp(now) };
    }
    if (row.state !== 'done' || row.status === null || row.body === null) {
      throw new PlatformError(
        'idempotency_key_in_use',
        `A request with the Idempotency-Key "${key}" is still running. Wait for it to finish, then retry to get its response.`,
        { retryAfter: idempotencyKeyInUseRetryAfter },
      );
    }
    return { kind: 'replay', status: row.status, body: row.body };
  }

  /**
   * Stores the response of a claimed key (4xx too: the same request gets the same answer),
   * unless another request took the key over since (then its response stands and this returns
   * false).
   */
  async function complete(
    scope: string,
    key: string,
    token: string,
    status: number,
    body: string,
  ): Promise<boolean> {
    const stored = await db.run(
      `UPDATE platform_idempotency_keys SET state = 'done', status = ?, body = ?
       WHERE scope = ? AND idempotency_key = ? AND created_at = ?`,
      [status, body, scope, key, token],
    );
    return stored === 1;
  }

  /**
   * Releases a claimed key after an answer that is not replayed (a 5xx, a 401), so the same
   * request runs again.
   */
  async function release(scope: string, key: string, token: string) {
    await db.run(
      'DELETE FROM platform_idempotency_keys WHERE scope = ? AND idempotency_key = ? AND created_at = ?',
      [scope, key, token],
    );
  }

  /** Deletes keys older than the retention period. */
  async function prune(now: number) {
    await db.run('DELETE FROM platform_idempotency_keys WHERE created_at < ?', [
      stamp(now - retentionMs),
    ]);
  }

  return { claim, complete, release, prune };
}

/** The idempotency key store (see {@link createIdempotencyKeys}). */
export type IdempotencyKeys = ReturnType<typeof createIdempotencyKeys>;
