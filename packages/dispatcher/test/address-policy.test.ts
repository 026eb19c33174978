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

  it('classifies the IPv4 address that NAT64, 6to4 and IPv4-compatible IPv6 route to', () => {
    // The cloud metadata service (169.254.169.254) behind every IPv6 wrapper.
    expect(classifyAddress('64:ff9b::a9fe:a9fe')).toBe('link-local');
    expect(classifyAddress('64:ff9b::169.254.169.254')).toBe('link-local');
    expect(classifyAddress('2002:a9fe:a9fe::1')).toBe('link-local');
    expect(classifyAddress('::169.254.169.254')).toBe('link-local');
    expect(classifyAddress('::127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::7f00:1')).toBe('loopback');
    expect(classifyAddress('::ffff:0:7f00:1')).toBe('loopback');
    expect(classifyAddress('2002:0a00:0001::')).toBe('private');
    expect(classifyAddress('64:ff9b::10.1.2.3')).toBe('private');
    // A public IPv4 behind NAT64 or 6to4 is public.
    expect(classifyAddress('64:ff9b::8.8.8.8')).toBe('public');
    expect(classifyAddress('2002:0808:0808::1')).toBe('public');
    fc.assert(
      fc.property(ipv4(fc.constant(127)), (ip) => {
        const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
        const hi = ((a << 8) | b).toString(16);
        const lo = ((c << 8) | d).toString(16);
        return (
          classifyAddress(`64:ff9b::${hi}:${lo}`) === 'loopback' &&
          classifyAddress(`2002:${hi}:${lo}::1`) === 'loopback'
        );
      }),
    );
  });

  it('refuses site-local, local-use NAT64, Teredo and documentation IPv6 ranges', () => {
    expect(classifyAddress('fec0::1')).toBe('private');
    expect(classifyAddress('64:ff9b:1::1')).toBe('private');
    expect(classifyAddress('2001:0:4136:e378:8000:63bf:3fff:fdd2')).toBe('reserved');
    expect(classifyAddress('2001:db8::1')).toBe('reserved');
    expect(classifyAddress('2606:4700:4700::1111')).toBe('public');
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
