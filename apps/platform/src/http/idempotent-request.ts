import { AsyncLocalStorage } from 'node:async_hooks';

/** The `Idempotency-Key` a request claimed, and the status its success response has. */
export interface IdempotentRequest {
  scope: string;
  key: string;
  /** The claim's token: the commit stores the response only while the key row still holds it. */
  token: string;
  status: number;
  /**
   * The body the action's transaction stored with the key, set once that transaction has
   * committed; the router skips its own store when the response it sends is this body.
   */
  storedBody?: string;
}

/**
 * Set while a handler of a keyed POST runs, so the write transaction can store the response
 * with the key in the same commit: once the action is durable, so is its replay.
 */
export const idempotentRequest = new AsyncLocalStorage<IdempotentRequest>();
