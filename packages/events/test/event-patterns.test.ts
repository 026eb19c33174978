import { describe, expect, it } from 'vitest';
import { eventPatternMatches, eventPatterns, eventTypes, isEventPattern } from '../src/index.js';

describe('event patterns', () => {
  it('matches *, resource wildcards and exact types', () => {
    expect(eventPatternMatches('*', 'user.login')).toBe(true);
    expect(eventPatternMatches('payment.*', 'payment.failed')).toBe(true);
    expect(eventPatternMatches('payment.*', 'password_reset.requested')).toBe(false);
    expect(eventPatternMatches('user.*', 'user.login')).toBe(true);
    expect(eventPatternMatches('user.login', 'user.login')).toBe(true);
    expect(eventPatternMatches('user.login', 'user.created')).toBe(false);
    // A resource wildcard covers one level: `payment.*` is not `payment.refund.created`.
    expect(eventPatternMatches('payment.*', 'payment.refund.created')).toBe(false);
  });

  it('lists *, every resource wildcard and every type, each selecting at least one type', () => {
    expect(eventPatterns).toContain('*');
    expect(eventPatterns).toContain('payment.*');
    for (const type of eventTypes) expect(eventPatterns).toContain(type);
    for (const pattern of eventPatterns) {
      expect(
        eventTypes.some((type) => eventPatternMatches(pattern, type)),
        pattern,
      ).toBe(true);
    }
  });

  it('tells a pattern of the catalog from a typo or another shape', () => {
    expect(isEventPattern('payment.succeeded')).toBe(true);
    expect(isEventPattern('password_reset.*')).toBe(true);
    for (const pattern of ['payment.succeded', 'paymnt.*', 'payment.**', '**', 'payment', '', 42]) {
      expect(isEventPattern(pattern), String(pattern)).toBe(false);
    }
  });
});
