import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveClientAddress } from '../src/client-address.js';
import { ipInRange, parseCidr, parseIp } from '../src/ip-address.js';

const inRange = (ip: string, cidr: string) => {
  const address = parseIp(ip);
  const range = parseCidr(cidr);
  if (!address || !range) throw new Error(`bad input ${ip} ${cidr}`);
  return ipInRange(address, range);
};

describe('IP parsing and CIDR matching', () => {
  it('parses IPv4, IPv6 (compressed, full, zone ids, brackets) and IPv4-mapped IPv6', () => {
    expect(parseIp('203.0.113.7')).toEqual({ family: 4, value: 0xcb007107n });
    expect(parseIp('::ffff:203.0.113.7')).toEqual({ family: 4, value: 0xcb007107n });
    expect(parseIp('::ffff:cb00:7107')).toEqual({ family: 4, value: 0xcb007107n });
    expect(parseIp('2001:db8::1')).toEqual({
      family: 6,
      value: 0x20010db8000000000000000000000001n,
    });
    expect(parseIp('2001:0db8:0000:0000:0000:0000:0000:0001')).toEqual(parseIp('2001:db8::1'));
    expect(parseIp('[fe80::1%eth0]')).toEqual(parseIp('fe80::1'));
    expect(parseIp('::')).toEqual({ family: 6, value: 0n });
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.256',
      '01.2.3.4x',
      '1::2::3',
      'gggg::1',
      '1:2:3:4:5:6:7:8:9',
      'localhost',
    ]) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
  });

  it('matches CIDR blocks in both families, including IPv4 clients against ::ffff:0:0/96 ranges', () => {
    expect(inRange('10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(inRange('11.0.0.1', '10.0.0.0/8')).toBe(false);
    expect(inRange('::ffff:10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(inRange('10.1.2.3', '::ffff:10.0.0.0/104')).toBe(true);
    expect(inRange('10.1.2.3', '::ffff:0:0/96')).toBe(true);
    expect(inRange('2001:db8:ffff::1', '2001:db8::/32')).toBe(true);
    expect(inRange('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(inRange('1.2.3.4', '0.0.0.0/0')).toBe(true);
    expect(inRange('1.2.3.4', '::/0')).toBe(true);
    expect(inRange('203.0.113.7', '203.0.113.7')).toBe(true);
    expect(inRange('203.0.113.8', '203.0.113.7')).toBe(false);
    expect(inRange('2001:db8::1', '10.0.0.0/8')).toBe(false);
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '10.0.0.0/', '10.0.0.0/8/8', 'x/8']) {
      expect(parseCidr(bad), bad).toBeUndefined();
    }
  });

  it('property: an IPv4 address is inside exactly the prefixes that share its leading bits', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), fc.integer({ min: 0, max: 32 }), (a, b, prefix) => {
        const x = parseIp(a)!.value;
        const y = parseIp(b)!.value;
        const shift = BigInt(32 - prefix);
        const sameLeadingBits = x >> shift === y >> shift;
        expect(inRange(a, `${b}/${prefix}`)).toBe(sameLeadingBits);
        // The IPv4-mapped IPv6 spelling of the same client matches identically.
        expect(inRange(`::ffff:${a}`, `${b}/${prefix}`)).toBe(sameLeadingBits);
      }),
    );
  });

  it('property: every IPv6 address fast-check can spell parses, and matches its own /128 and ::/0', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const parsed = parseIp(ip);
        expect(parsed).toBeDefined();
        expect(inRange(ip, '::/0')).toBe(true);
        if (parsed?.family === 6) expect(inRange(ip, `${ip}/128`)).toBe(true);
      }),
    );
  });
});

describe('client address behind proxies', () => {
  const proxies = [parseCidr('10.0.0.0/8')!, parseCidr('fd00::/8')!];
  const client = (remote: string | undefined, xff: string | null) => {
    const address = resolveClientAddress(remote, xff, proxies);
    return address && (address.family === 4 ? address.value : `v6:${address.value}`);
  };

  it('uses the socket peer when it is not a trusted proxy, whatever the header says', () => {
    expect(client('198.51.100.7', '203.0.113.5')).toBe(parseIp('198.51.100.7')!.value);
  });

  it('takes the right-most hop that is not a trusted proxy', () => {
    expect(client('10.0.0.1', '1.1.1.1, 203.0.113.5, 10.9.9.9')).toBe(
      parseIp('203.0.113.5')!.value,
    );
    expect(client('fd00::1', '203.0.113.5')).toBe(parseIp('203.0.113.5')!.value);
  });

  it('treats an unparsable hop as unknown rather than skipping it', () => {
    expect(client('10.0.0.1', '203.0.113.5, garbage')).toBeUndefined();
  });

  it('falls back to the left-most hop when every hop is a trusted proxy', () => {
    expect(client('10.0.0.1', '10.0.0.5, 10.0.0.6')).toBe(parseIp('10.0.0.5')!.value);
  });
});
