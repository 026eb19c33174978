import { eventually } from '@hookline/test-support';
import { createMemoryStore, type ReceiverStore } from '../../src/index.js';

/** A gate a handler waits on until the test opens it. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A memory store whose claims fail while `failing(call)` says so (`call` counts from 1). */
export function flakyClaims(failing: (call: number) => boolean) {
  const memory = createMemoryStore();
  const counts = { claims: 0 };
  const store: ReceiverStore = {
    ...memory,
    claim: (...args) => {
      counts.claims += 1;
      return failing(counts.claims)
        ? Promise.reject(new Error('connection reset'))
        : memory.claim(...args);
    },
  };
  return { store, counts };
}

/** Waits until every one of `ids` is `done` in `store`. */
export function allDone(store: ReceiverStore, ids: readonly string[], what: string, ms: number) {
  return eventually(
    async () => {
      const entries = await Promise.all(ids.map((id) => store.get(id)));
      return entries.every((entry) => entry?.status === 'done') ? true : undefined;
    },
    what,
    ms,
  );
}
