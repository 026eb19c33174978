import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildUrl } from '../src/build-url.js';
import { backoffDelay, serverRetryDelay } from '../src/index.js';

const now = Date.UTC(2026, 2, 13, 17, 0, 0);

describe('Retry-After / RateLimit parsing (property-based)', () => {
  it('Retry-After in seconds is that many seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), (s) => {
        expect(
          serverRetryDelay(
            { status: 503, headers: new Headers({ 'retry-after': String(s) }) },
            now,
          ),
        ).toBe(s * 1000);
      }),
    );
  });

  it('Retry-After as an HTTP date is the time until then, never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: -86_400, max: 86_400 }), (offset) => {
        const date = new Date(now + offset * 1000).toUTCString();
        const delay = serverRetryDelay(
          { status: 429, headers: new Headers({ 'retry-after': date }) },
          now,
        );
        expect(delay).toBe(Math.max(0, offset * 1000));
      }),
    );
  });

  it('RateLimit reset= is found whatever its position in the header', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3600 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        (reset, remaining, resetFirst) => {
          const parts = [`limit=1000`, `remaining=${remaining}`];
          if (resetFirst) parts.unshift(`reset=${reset}`);
          else parts.push(`reset=${reset}`);
          const headers = new Headers({ ratelimit: parts.join(', ') });
          expect(serverRetryDelay({ status: 429, headers }, now)).toBe(reset * 1000);
        },
      ),
    );
  });

  it('a RateLimit reset is a wait only on a 429 or once remaining is 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3600 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom(429, 500, 502, 503, 504),
        (reset, remaining, status) => {
          const headers = new Headers({
            'ratelimit-reset': String(reset),
            'ratelimit-remaining': String(remaining),
          });
          const spent = status === 429 || remaining === 0;
          expect(serverRetryDelay({ status, headers }, now)).toBe(spent ? reset * 1000 : undefined);
        },
      ),
    );
  });

  it('garbage in the headers never yields a delay', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => Number.isNaN(Date.parse(s)) && !Number.isFinite(Number(s))),
        (junk) => {
          const headers = new Headers();
          try {
            headers.set('retry-after', junk);
          } catch {
            return; // not a valid header value at all
          }
          expect(serverRetryDelay({ status: 429, headers }, now)).toBeUndefined();
        },
      ),
    );
  });
});

describe('Retry-After strictness (property-based)', () => {
  const retryAfter = (value: string) =>
    serverRetryDelay({ status: 503, headers: new Headers({ 'retry-after': value }) }, now);

  it('only digits are delay-seconds: signs, fractions, exponents, hex and lists are no wait', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 86_400 }),
        fc.integer({ min: 0, max: 86_400 }),
        fc.constantFrom(
          (a: number) => `-${a}`,
          (a: number) => `+${a}`,
          (a: number) => `${a}.5`,
          (a: number) => `${a}e1`,
          (a: number) => `0x${a.toString(16)}`,
          (a: number, b: number) => `${a}, ${b}`,
          (a: number, b: number) => `${a},${b}`,
        ),
        (a, b, format) => {
          expect(retryAfter(format(a, b))).toBeUndefined();
        },
      ),
    );
  });

  it('the obsolete rfc850 and asctime dates mean the same instant as IMF-fixdate', () => {
    const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * 86_400 }), (offset) => {
        const at = new Date(now + offset * 1000);
        const [day, dd, mon, yyyy, time] = at.toUTCString().split(' ') as string[];
        const rfc850 = `${days[at.getUTCDay()]}, ${dd}-${mon}-${yyyy?.slice(2)} ${time} GMT`;
        const asctime = `${day?.slice(0, 3)} ${mon} ${String(at.getUTCDate()).padStart(2, ' ')} ${time} ${yyyy}`;
        expect(retryAfter(at.toUTCString())).toBe(offset * 1000);
        expect(retryAfter(rfc850)).toBe(offset * 1000);
        expect(retryAfter(asctime)).toBe(offset * 1000);
      }),
    );
  });

  it('a date Date.parse reads but HTTP does not allow is no wait', () => {
    const later = new Date(now + 60_000);
    for (const value of [
      later.toISOString(),
      later.toString(),
      later.toUTCString().toLowerCase(),
      later.toUTCString().replace('GMT', 'UTC'),
      'Tue, 31 Feb 2026 17:00:00 GMT', // Date.parse: 3 March
      'Fri, 13 Mar 2026 24:00:00 GMT',
      '5, 10', // Date.parse: 10 May 2001
      'March 14, 2026',
    ])
      expect(retryAfter(value), value).toBeUndefined();
  });
});

describe('Retry-After HTTP-date edge cases', () => {
  const retryAfter = (value: string) =>
    serverRetryDelay({ status: 503, headers: new Headers({ 'retry-after': value }) }, now);

  it('a leap second (:60) counts as the next second', () => {
    expect(retryAfter('Fri, 13 Mar 2026 17:00:60 GMT')).toBe(60_000);
    expect(retryAfter('Fri, 13 Mar 2026 17:00:61 GMT')).toBeUndefined();
    expect(retryAfter('Fri, 13 Mar 2026 17:60:00 GMT')).toBeUndefined();
  });

  it('29 February exists only in a leap year', () => {
    expect(retryAfter('Tue, 29 Feb 2028 17:00:00 GMT')).toBeGreaterThan(0);
    expect(retryAfter('Mon, 29 Feb 2027 17:00:00 GMT')).toBeUndefined();
    expect(retryAfter('Fri, 00 Mar 2026 17:00:00 GMT')).toBeUndefined();
  });

  it('a past date is no wait, however far back (rfc850 years 50+ ahead are last century; year 0094 is not 1994)', () => {
    for (const value of [
      'Sunday, 06-Nov-94 08:49:37 GMT',
      'Sunday, 06-Nov-77 08:49:37 GMT',
      'Sun, 06 Nov 0094 08:49:37 GMT',
      'Sun Nov  6 08:49:37 1994',
    ])
      expect(retryAfter(value), value).toBe(0);
    // 2076 is within 50 years of 2026: a wait of about 50 years, not a date in 1976.
    expect(retryAfter('Friday, 13-Mar-76 17:00:00 GMT')).toBe(Date.UTC(2076, 2, 13, 17) - now);
  });
});

describe('backoff (property-based)', () => {
  it('full jitter stays in [0, min(cap, base * 2^n))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, base, cap, r) => {
          const delay = backoffDelay(n, base, cap, () => r);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(Math.min(cap, base * 2 ** n));
          expect(Number.isInteger(delay)).toBe(true);
        },
      ),
    );
  });
});

describe('buildUrl (property-based)', () => {
  it('any path parameter value stays inside its segment and decodes back to itself', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((id) => id !== '.' && id !== '..'),
        (id) => {
          const url = buildUrl('http://h', '/v1/payments/{payment_id}/refunds', {
            path: { payment_id: id },
          });
          const segments = new URL(url).pathname.split('/');
          expect(segments).toHaveLength(5);
          expect(decodeURIComponent(segments[3] ?? '')).toBe(id);
        },
      ),
    );
  });

  it('refuses . and .. as path parameters, which URL parsing would resolve away', () => {
    for (const id of ['.', '..'])
      expect(() =>
        buildUrl('http://h', '/v1/payments/{payment_id}', { path: { payment_id: id } }),
      ).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });

  it('query values round-trip through URLSearchParams, arrays as repeated keys', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 4 }), (q, many) => {
        const url = buildUrl('http://h', '/v1/x', { query: { q, many, skip: undefined } });
        const params = new URL(url).searchParams;
        expect(params.get('q')).toBe(q);
        expect(params.getAll('many')).toEqual(many);
        expect(params.has('skip')).toBe(false);
      }),
    );
  });
});

describe('buildUrl query values (property-based)', () => {
  it('a Date is sent as its ISO 8601 string, alone or in an array (whose nulls are skipped)', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), fc.date({ noInvalidDate: true }), (a, b) => {
        const url = buildUrl('http://h', '/v1/x', { query: { since: a, at: [a, null, b] } });
        const params = new URL(url).searchParams;
        expect(params.get('since')).toBe(a.toISOString());
        expect(params.getAll('at')).toEqual([a.toISOString(), b.toISOString()]);
      }),
    );
  });

  it('an object, alone or in an array, is refused with invalid_request naming the parameter', () => {
    fc.assert(
      fc.property(fc.object(), fc.boolean(), (value, inArray) => {
        const query = { filter: inArray ? ['a', value] : value };
        expect(() => buildUrl('http://h', '/v1/x', { query })).toThrow(
          expect.objectContaining({
            name: 'HooklineApiError',
            code: 'invalid_request',
            message: expect.stringMatching(
              /query parameter "filter" of \/v1\/x is an object, which has no URL form; pass a string/i,
            ),
          }),
        );
      }),
    );
  });

  it('an invalid Date, a nested array, a function and a symbol are refused too', () => {
    for (const [value, kind] of [
      [new Date(Number.NaN), 'an invalid Date'],
      [[['a']], 'an array'],
      [() => 1, 'a function'],
      [Symbol('s'), 'a symbol'],
    ] as const)
      expect(() => buildUrl('http://h', '/v1/x', { query: { q: value } }), kind).toThrow(
        expect.objectContaining({
          code: 'invalid_request',
          message: expect.stringContaining(kind),
        }),
      );
  });

  it('a path parameter follows the same rules', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(buildUrl('http://h', '/v1/days/{day}', { path: { day: at } })).toBe(
      'http://h/v1/days/2026-01-02T03%3A04%3A05.000Z',
    );
    expect(() => buildUrl('http://h', '/v1/days/{day}', { path: { day: { d: 1 } } })).toThrow(
      expect.objectContaining({
        code: 'invalid_request',
        message: expect.stringContaining('Path parameter "day" of /v1/days/{day} is an object'),
      }),
    );
  });
});
