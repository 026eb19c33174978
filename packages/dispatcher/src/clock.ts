/** Source of the current time in epoch milliseconds; inject one in tests to move time by hand. */
export interface Clock {
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };
