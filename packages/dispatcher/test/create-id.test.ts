import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createId, isoSeconds } from '../src/index.js';

describe('createId', () => {
  it('never sorts an id made later before an earlier one, even within one millisecond', () => {
    const now = Date.UTC(2026, 10, 27, 3, 0, 0);
    const ids = Array.from({ length: 5000 }, (_, i) => createId('evt', now + Math.floor(i / 1000)));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps ids in order when the clock steps back', () => {
    const first = createId('evt', Date.UTC(2026, 10, 27, 4));
    const second = createId('evt', Date.UTC(2026, 10, 27, 3));
    expect(second > first).toBe(true);
  });

  it('draws fresh random characters for every millisecond, across refills of its random pool', () => {
    const start = Date.UTC(2026, 10, 27, 5, 0, 0);
    // 256 milliseconds use up one pool of random bytes; 1000 cross several refills.
    const ids = Array.from({ length: 1000 }, (_, i) => createId('dlv', start + i));
    for (const id of ids) expect(id).toMatch(/^dlv_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(new Set(ids.map((id) => id.slice(-16))).size).toBe(ids.length);
  });

  it('has the prefix, 10 time and 16 random Crockford base32 characters', () => {
    fc.assert(
      fc.property(fc.constantFrom('evt', 'dlv', 'we'), (prefix) =>
        new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`).test(createId(prefix)),
      ),
    );
  });
});

describe('isoSeconds', () => {
  it('formats whole-second UTC timestamps as in the envelope', () => {
    expect(isoSeconds(Date.UTC(2026, 2, 13, 17, 0, 0, 999))).toBe('2026-03-13T17:00:00Z');
  });
});
