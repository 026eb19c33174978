import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyAddress, matchesEventFilter } from '../src/index.js';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = (a: fc.Arbitrary<number>, b: fc.Arbitrary<number> = octet) =>
  fc.tuple(a, b, octet, octet).map((parts) => parts.join('.'));

describe('classifyAddress', () => {
  it('classifies every address in the private, loopback and link-local IPv4 ranges', () => {
    fc.assert(fc.property(ipv4(fc.constant(10)), (ip) => classifyAddress(ip) === 'private'));
    fc.assert(
      fc.property(
        ipv4(fc.constant(172), fc.integer({ min: 16, max: 31 })),
        (ip) => classifyAddress(ip) === 'private',
      ),
    );
    fc.assert(
      fc.property(
        ipv4(fc.constant(192), fc.constant(168)),
        (ip) => classifyAddress(ip) === 'private',
      ),
    );
    fc.assert(
      fc.property(
        ipv4(fc.constant(100), fc.integer({ min: 64, max: 127 })),
        (ip) => classifyAddress(ip) === 'private',
      ),
    );
    fc.assert(fc.property(ipv4(fc.constant(127)), (ip) => classifyAddress(ip) === 'loopback'));
    fc.assert(
      fc.property(
        ipv4(fc.constant(169), fc.constant(254)),
        (ip) => classifyAddress(ip) === 'link-local',
      ),
    );
  });

  it('sees through IPv4-mapped IPv6 in both spellings', () => {
    fc.assert(
      fc.property(ipv4(fc.constant(127)), (ip) => {
        const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
        const hex = `::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        return (
          classifyAddress(`::ffff:${ip}`) === 'loopback' && classifyAddress(hex) === 'loopback'
        );
      }),
    );
  });

  it('classifies IPv6 loopback, unique-local, link-local and reserved ranges', () => {
    expect(classifyAddress('::1')).toBe('loopback');
    expect(classifyAddress('[::1]')).toBe('loopback');
    expect(classifyAddress('fd12:3456::1')).toBe('private');
    expect(classifyAddress('fe80::1')).toBe('link-local');
    expect(classifyAddress('::')).toBe('reserved');
    expect(classifyAddress('ff02::1')).toBe('reserved');
    expect(classifyAddress('0.0.0.0')).toBe('reserved');
    expect(classifyAddress('224.0.0.1')).toBe('reserved');
    expect(classifyAddress('not-an-ip')).toBe('reserved');
  });

  it('calls public addresses public', () => {
    for (const ip of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111']) {
      expect(classifyAddress(ip), ip).toBe('public');
    }
  });
});

describe('matchesEventFilter', () => {
  it('matches exact names, prefix.* wildcards and *', () => {
    expect(matchesEventFilter(['payment.succeeded'], 'payment.succeeded')).toBe(true);
    expect(matchesEventFilter(['payment.succeeded'], 'payment.failed')).toBe(false);
    expect(matchesEventFilter(['payment.*'], 'payment.failed')).toBe(true);
    expect(matchesEventFilter(['payment.*'], 'payments.failed')).toBe(false);
    expect(matchesEventFilter(['payment.*'], 'payment')).toBe(false);
    expect(matchesEventFilter(['*'], 'user.login')).toBe(true);
    expect(matchesEventFilter([], 'user.login')).toBe(false);
  });
});
