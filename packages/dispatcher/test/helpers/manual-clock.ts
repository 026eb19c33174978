import type { Clock } from '../../src/index.js';

/** A clock that only moves when told to. */
export function manualClock(start = Date.UTC(2026, 2, 13, 17, 0, 0)): Clock & {
  advance(ms: number): void;
  set(ms: number): void;
} {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    set(ms) {
      now = ms;
    },
  };
}
