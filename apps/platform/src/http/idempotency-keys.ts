import { isoSeconds } from '../create-id.js';
import type { PlatformDatabase } from '../db/database.js';
import { PlatformError } from '../platform-error.js';

/** What to do with a POST that carries an `Idempotency-Key`. */
export type IdempotencyClaim = { kind: 'new' } | { kind: 'replay'; status: number; body: string };

/** Keys are kept this long (the document promises 24 hours). */
const retentionMs = 24 * 60 * 60 * 1000;
/** A key still in flight after this long belongs to a request that died with its process. */
const abandonedAfterMs = 60 * 1000;

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
      [scope, key, fingerprint, isoSeconds(now)],
    );
    if (inserted === 1) return { kind: 'new' };
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
        [isoSeconds(now), scope, key, row.created_at],
      );
      if (taken === 1) return { kind: 'new' };
    }
    if (row.state !== 'done' || row.status === null || row.body === null) {
      throw new PlatformError(
        'idempotency_key_in_use',
        `A request with the Idempotency-Key "${key}" is still running. Wait for it to finish, then retry to get its response.`,
      );
    }
    return { kind: 'replay', status: row.status, body: row.body };
  }

  /** Stores the response of a claimed key (4xx too: the same request gets the same answer). */
  async function complete(scope: string, key: string, status: number, body: string) {
    await db.run(
      `UPDATE platform_idempotency_keys SET state = 'done', status = ?, body = ?
       WHERE scope = ? AND idempotency_key = ?`,
      [status, body, scope, key],
    );
  }

  /** Releases a claimed key after a server error, so a retry runs the request again. */
  async function release(scope: string, key: string) {
    await db.run('DELETE FROM platform_idempotency_keys WHERE scope = ? AND idempotency_key = ?', [
      scope,
      key,
    ]);
  }

  /** Deletes keys older than the retention period. */
  async function prune(now: number) {
    await db.run('DELETE FROM platform_idempotency_keys WHERE created_at < ?', [
      isoSeconds(now - retentionMs),
    ]);
  }

  return { claim, complete, release, prune };
}

/** The idempotency key store (see {@link createIdempotencyKeys}). */
export type IdempotencyKeys = ReturnType<typeof createIdempotencyKeys>;
