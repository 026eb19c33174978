/** Something in the shop changed; the page refreshes what it shows. */
export type ShopChange =
  | {
      kind: 'feed';
      eventId: string;
      eventType: string;
      source: 'push' | 'pull' | 'duplicate';
      /** The customer the event concerns, or null. */
      userId: string | null;
    }
  | {
      kind: 'order';
      orderId: string;
      status: 'pending' | 'paid' | 'failed';
      learnedBy: 'webhook' | 'poll' | null;
      /** API requests the shop made to learn this outcome (a webhook handler's lookups). */
      apiRequests: number;
      /** The customer who placed the order. */
      userId: string;
    }
  | { kind: 'security'; userId: string; suspicious: boolean }
  | { kind: 'sessions'; userId: string; revoked: number }
  | {
      kind: 'access';
      subscriptionId: string;
      status: 'active' | 'revoked';
      /** The customer the subscription belongs to (null: not known yet, a cancellation first). */
      userId: string | null;
    }
  | { kind: 'onboarding'; userId: string }
  | { kind: 'catch_up'; new: number; duplicate: number };

/** In-process fan-out of {@link ShopChange}s: to Server-Sent Events streams and to waiters. */
export class LiveUpdates {
  readonly #listeners = new Set<(change: ShopChange) => void>();

  /** Tells every listener; a listener that throws is ignored. */
  publish(change: ShopChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch {
        // One broken stream must not stop the others.
      }
    }
  }

  /** Listens to changes; returns the function that stops listening. */
  subscribe(listener: (change: ShopChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves with the first change that matches, or rejects after `timeoutMs`. */
  waitFor<C extends ShopChange>(
    match: (change: ShopChange) => change is C,
    timeoutMs: number,
  ): { promise: Promise<C>; cancel: () => void } {
    let cancel = () => {};
    const promise = new Promise<C>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no matching change within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = this.subscribe((change) => {
        if (!match(change)) return;
        clearTimeout(timer);
        stop();
        resolve(change);
      });
      cancel = () => {
        clearTimeout(timer);
        stop();
      };
    });
    return { promise, cancel };
  }
}
