import { describe, expect, it } from 'vitest';
import { createRetrySchedule } from '../src/retry-schedule.js';

describe('retry schedule', () => {
  it('grows delays exponentially up to the cap and stops after the last attempt', () => {
    const schedule = createRetrySchedule({
      attempts: 6,
      initialDelayMs: 100,
      factor: 3,
      maxDelayMs: 2_000,
      jitter: false,
    });
    expect([1, 2, 3, 4, 5, 6].map((n) => schedule.delayAfter(n))).toEqual([
      100,
      300,
      900,
      2_000,
      2_000,
      undefined,
    ]);
  });

  it('jitters each delay within [delay / 2, delay]', () => {
    const low = createRetrySchedule({ initialDelayMs: 1_000, jitter: true }, () => 0);
    const high = createRetrySchedule({ initialDelayMs: 1_000, jitter: true }, () => 0.999_999);
    expect(low.delayAfter(1)).toBe(500);
    expect(high.delayAfter(1)).toBe(1_000);
    expect(low.delayAfter(3)).toBe(2_000);
  });

  it('defaults to 5 attempts starting at one second', () => {
    const schedule = createRetrySchedule({ jitter: false });
    expect(schedule.attempts).toBe(5);
    expect(schedule.delayAfter(1)).toBe(1_000);
    expect(schedule.delayAfter(4)).toBe(8_000);
    expect(schedule.delayAfter(5)).toBeUndefined();
  });

  it('with attempts: Infinity never runs out, and with maxDelayMs: Infinity keeps growing yet stays a storable whole number', () => {
    const schedule = createRetrySchedule({
      attempts: Number.POSITIVE_INFINITY,
      maxDelayMs: Number.POSITIVE_INFINITY,
      initialDelayMs: 1_000,
      factor: 2,
      jitter: false,
    });
    expect(schedule.delayAfter(20)).toBe(1_000 * 2 ** 19);
    for (const attempt of [60, 1_100, 1_000_000]) {
      const delay = schedule.delayAfter(attempt);
      expect(delay).toBeDefined();
      // Added to Date.now(), it is still a safe integer (every store keeps whole ms).
      expect(Number.isSafeInteger((delay ?? 0) + Date.now())).toBe(true);
    }
    // A zero first delay stays zero however far the attempts go (0 * Infinity is NaN).
    const immediate = createRetrySchedule({
      attempts: Number.POSITIVE_INFINITY,
      initialDelayMs: 0,
      factor: 2,
    });
    for (const attempt of [1, 1_024, 1_025, 2_000]) expect(immediate.delayAfter(attempt)).toBe(0);
  });
});
