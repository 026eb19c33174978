import type { Dispatcher, PublishInput } from '@hookline/dispatcher';
import { type EventMetadata, type EventType, latestVersion } from '@hookline/events';
import { createId, isoSeconds } from './create-id.js';
import type { PlatformDatabase, Transaction } from './db/database.js';
import { idempotencyKeyInUseRetryAfter } from './http/idempotency-keys.js';
import { idempotentRequest } from './http/idempotent-request.js';
import { PlatformError } from './platform-error.js';

/** An event to emit at the latest version of its type: what happened and to what. */
export type EventDraft = {
  [T in EventType]: { event: T; resource_id: string; metadata: EventMetadata<T> };
}[EventType];

/** Where a request came from (for `user.login` and sessions). */
export interface RequestClient {
  ip: string | null;
  userAgent: string | null;
}

/** What every service needs: the database, the dispatcher and a few settings. */
export interface PlatformContext {
  db: PlatformDatabase;
  dispatcher: Dispatcher<unknown>;
  /** The platform's public URL (for checkout `url`s). */
  baseUrl(): string;
  now(): number;
  /** scrypt cost of password hashes. */
  passwordCost: number;
  /**
   * Runs `fn` in one transaction that may emit events: the resource rows and the events
   * (platform event log + dispatcher outbox) commit together or not at all.
   */
  write<T>(
    fn: (tx: Transaction, emit: (draft: EventDraft) => Promise<string>) => Promise<T>,
  ): Promise<T>;
}

/** Builds the {@link PlatformContext.write} of a database and dispatcher. */
export function createWriter(
  db: PlatformDatabase,
  dispatcher: Dispatcher<unknown>,
  now: () => number,
): PlatformContext['write'] {
  return async (fn) => {
    const keyed = idempotentRequest.getStore();
    let storedBody: string | undefined;
    const result = await db.transaction(async (tx) => {
      // Event ids are created inside the transaction; ordering the transactions makes the id
      // order the commit order, so a reader paging GET /v1/events by cursor never skips one.
      await db.lockEventOrder(tx);
      const emit = async (draft: EventDraft): Promise<string> => {
        const at = now();
        const envelope = {
          id: createId('evt', at),
          event: draft.event,
          version: latestVersion(draft.event),
          timestamp: isoSeconds(at),
          resource_id: draft.resource_id,
          metadata: draft.metadata,
        };
        await tx.run(
          'INSERT INTO platform_events (id, type, version, resource_id, created_at, payload) VALUES (?, ?, ?, ?, ?, ?)',
          [
            envelope.id,
            envelope.event,
            envelope.version,
            envelope.resource_id,
            envelope.timestamp,
            JSON.stringify(envelope),
          ],
        );
        await dispatcher.publish(envelope as PublishInput, { tx: tx.handle });
        return envelope.id;
      };
      const value = await fn(tx, emit);
      if (keyed) {
        // The response is stored in the same commit as the action, so a crash after the commit
        // cannot lose the replay (the router stores it after the commit only when the handler
        // answers something else than this transaction's result).
        // Fenced by the claim's token: if the key was taken over (this request ran past the
        // abandonment window), the action rolls back instead of running a second time.
        const body = JSON.stringify(value);
        const stored = await tx.run(
          `UPDATE platform_idempotency_keys SET state = 'done', status = ?, body = ?
           WHERE scope = ? AND idempotency_key = ? AND created_at = ?`,
          [keyed.status, body, keyed.scope, keyed.key, keyed.token],
        );
        if (stored !== 1) {
          throw new PlatformError(
            'idempotency_key_in_use',
            `The request with the Idempotency-Key "${keyed.key}" ran so long that a retry with the same key took it over; this one was rolled back so the action runs once. Retry with the same key to get the response.`,
            { retryAfter: idempotencyKeyInUseRetryAfter },
          );
        }
        storedBody = body;
      }
      return value;
    });
    // Only a committed store counts (a failed commit threw above).
    if (keyed && storedBody !== undefined) keyed.storedBody = storedBody;
    return result;
  };
}
