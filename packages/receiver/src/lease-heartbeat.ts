/**
 * Pushes a claim's lease out every third of `leaseMs` until the returned `stop()` is called:
 * `extend` asks the store, `onBeat` hears whether the lease was still held, `onError` a store
 * (or clock) that failed. A throw inside `extend` is reported like a rejection: an exception in
 * a timer would take the process down.
 */
export function startHeartbeat(options: {
  extend: () => Promise<boolean>;
  leaseMs: number;
  onBeat: (held: boolean) => void;
  onError: (error: unknown) => void;
}): () => void {
  const { extend, leaseMs, onBeat, onError } = options;
  const timer = setInterval(
    () => {
      Promise.resolve().then(extend).then(onBeat, onError);
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  return () => clearInterval(timer);
}
