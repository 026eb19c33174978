import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultRetrySchedule,
  nextAttemptDelay,
  parseRetryAfter,
  resolveRetrySchedule,
} from '../src/index.js';

describe('retry schedule', () => {
  it("defaults to Svix's schedule: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h", () => {
    const s = 1000;
    expect(defaultRetrySchedule).toEqual([
      0,
      5 * s,
      300 * s,
      1800 * s,
      7200 * s,
      18000 * s,
      36000 * s,
      36000 * s,
    ]);
    expect(resolveRetrySchedule(undefined)).toEqual({
      delaysMs: defaultRetrySchedule,
      jitter: 0.2,
      maxRetryAfterMs: 3600 * s,
    });
  });

  it('keeps every jittered wait within ±jitter of the scheduled one and ends after the last entry', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 7 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, jitter, r) => {
          const schedule = resolveRetrySchedule({ jitter });
          const base = defaultRetrySchedule[n]!;
          const delay = nextAttemptDelay(schedule, n, undefined, () => r)!;
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - jitter)));
          expect(delay).toBeLessThanOrEqual(Math.ceil(base * (1 + jitter)));
        },
      ),
    );
    expect(nextAttemptDelay(resolveRetrySchedule(undefined), 8)).toBeUndefined();
  });

  it('waits at least the Retry-After asked for, capped at maxRetryAfterMs', () => {
    const schedule = resolveRetrySchedule({
      delaysMs: [0, 5000],
      jitter: 0,
      maxRetryAfterMs: 60_000,
    });
    expect(nextAttemptDelay(schedule, 1, 30_000)).toBe(30_000);
    expect(nextAttemptDelay(schedule, 1, 1000)).toBe(5000);
    expect(nextAttemptDelay(schedule, 1, 86_400_000)).toBe(60_000);
    // Whole milliseconds whatever the cap: stores keep times as integers.
    const fractional = resolveRetrySchedule({ delaysMs: [0, 5000], maxRetryAfterMs: 60_000.5 });
    expect(nextAttemptDelay(fractional, 1, 86_400_000)).toBe(60_001);
  });

  it.each([['UTC'], ['Asia/Tokyo'], ['America/Los_Angeles']])(
    'reads the three HTTP date forms as GMT whatever the time zone (%s)',
    (zone) => {
      const now = Date.UTC(2026, 2, 13, 17, 0, 0);
      // Run in a child with that TZ: Date.parse reads a date without a zone as local time.
      const script = `import { parseRetryAfter } from ${JSON.stringify(new URL('../src/retry-schedule.ts', import.meta.url).pathname)};
      console.log(JSON.stringify(['Fri, 13 Mar 2026 17:10:00 GMT', 'Friday, 13-Mar-26 17:10:00 GMT', 'Fri Mar 13 17:10:00 2026'].map((v) => parseRetryAfter(v, ${now}))));`;
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          env: { ...process.env, TZ: zone },
          encoding: 'utf8',
        },
      );
      expect(JSON.parse(out)).toEqual([600_000, 600_000, 600_000]);
    },
  );

  it('parses Retry-After as seconds or an HTTP date and ignores garbage', () => {
    const now = Date.UTC(2026, 2, 13, 17, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Fri, 13 Mar 2026 17:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Fri, 13 Mar 2026 16:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    // Not HTTP dates, though Date.parse reads them as some past or future instant.
    for (const junk of [
      '1.5',
      'soon 5',
      '-5',
      '2026-03-13T17:10:00Z',
      'Fri, 13 Mar 2026',
      '13 Mar 2026 17:10 GMT',
    ]) {
      expect(parseRetryAfter(junk, now), junk).toBeUndefined();
    }
  });

  it('refuses an HTTP date that names no real instant, where Date.parse rolls it over', () => {
    const now = Date.UTC(2026, 2, 13, 17, 0, 0);
    for (const impossible of [
      'Tue, 31 Feb 2026 17:00:00 GMT', // Date.parse: 3 March
      'Mon, 29 Feb 2027 17:00:00 GMT', // no 29 February in 2027
      'Fri, 00 Mar 2026 17:00:00 GMT',
      'Fri, 13 Mar 2026 24:00:00 GMT',
      'Fri, 13 Mar 2026 17:60:00 GMT',
      'Fri, 13 Mar 2026 17:00:61 GMT',
    ]) {
      expect(parseRetryAfter(impossible, now), impossible).toBeUndefined();
    }
    // A leap second is the next second; 29 February of a leap year exists; year 0094 is not 1994.
    expect(parseRetryAfter('Fri, 13 Mar 2026 17:00:60 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Tue, 29 Feb 2028 17:00:00 GMT', now)).toBe(
      Date.UTC(2028, 1, 29, 17) - now,
    );
    expect(parseRetryAfter('Sun, 06 Nov 0094 08:49:37 GMT', now)).toBe(0);
    expect(parseRetryAfter('Friday, 13-Mar-76 17:00:00 GMT', now)).toBe(
      Date.UTC(2076, 2, 13, 17) - now,
    );
  });

  it('rejects schedules that make no sense', () => {
    expect(() => resolveRetrySchedule([])).toThrow(RangeError);
    expect(() => resolveRetrySchedule([0, -1])).toThrow(RangeError);
    expect(() => resolveRetrySchedule({ jitter: 1 })).toThrow(RangeError);
    // Entry 0 is the first attempt, made when the event is published.
    expect(() => resolveRetrySchedule([60_000, 1000])).toThrow(/delaysMs\[0\] must be 0/);
  });
});
