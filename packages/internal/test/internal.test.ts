import { describe, expect, it } from 'vitest';
import { bestEffort, parseHttpDate } from '../src/index.js';

describe('parseHttpDate', () => {
  const now = Date.UTC(2026, 2, 13, 17, 0, 0);

  it('reads the three forms of RFC 9110 as the same GMT instant', () => {
    const at = Date.UTC(2026, 2, 13, 17, 10, 0);
    for (const value of [
      'Fri, 13 Mar 2026 17:10:00 GMT',
      'Friday, 13-Mar-26 17:10:00 GMT',
      'Fri Mar 13 17:10:00 2026',
    ]) {
      expect(parseHttpDate(value, now), value).toBe(at);
    }
  });

  it('refuses what is no HTTP date, or no real instant, though Date.parse reads it', () => {
    for (const value of [
      '2026-03-13T17:10:00Z',
      'Fri, 13 Mar 2026 17:10:00 UTC',
      'fri, 13 mar 2026 17:10:00 gmt',
      'Tue, 31 Feb 2026 17:00:00 GMT',
      'Fri, 13 Mar 2026 24:00:00 GMT',
      ' Fri, 13 Mar 2026 17:10:00 GMT',
      '5, 10',
    ]) {
      expect(parseHttpDate(value, now), value).toBeUndefined();
    }
  });

  it('puts a two-digit year within 50 years of now, and keeps year 0094 as written', () => {
    expect(parseHttpDate('Friday, 13-Mar-76 17:00:00 GMT', now)).toBe(Date.UTC(2076, 2, 13, 17));
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(
      Date.UTC(1994, 10, 6, 8, 49, 37),
    );
    const year94 = new Date(0);
    year94.setUTCFullYear(94, 10, 6);
    expect(parseHttpDate('Sun, 06 Nov 0094 08:49:37 GMT', now)).toBe(year94.setUTCHours(8, 49, 37));
  });
});

describe('bestEffort', () => {
  it('reports a throw and a rejection to onFailure, and never lets them escape', async () => {
    const failures: unknown[] = [];
    const boom = new Error('boom');
    bestEffort(
      () => {
        throw boom;
      },
      (error) => failures.push(error),
    );
    bestEffort(
      () => Promise.reject(boom),
      (error) => failures.push(error),
    );
    // Without onFailure, both are dropped (no unhandled rejection fails this test run).
    bestEffort(() => {
      throw boom;
    });
    bestEffort(() => Promise.reject(boom));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failures).toEqual([boom, boom]);
  });
});
