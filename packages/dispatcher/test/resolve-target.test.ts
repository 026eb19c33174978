import { describe, expect, it } from 'vitest';
import { cachingResolver, type ResolvedAddress } from '../src/resolve-target.js';

/** A resolver whose answers and failures the test controls, counting lookups per name. */
function fakeDns() {
  const lookups: string[] = [];
  let answer: readonly ResolvedAddress[] = [{ address: '203.0.113.10', family: 4 }];
  let failing = false;
  return {
    lookups,
    answer: (next: readonly ResolvedAddress[]) => {
      answer = next;
    },
    fail: (on: boolean) => {
      failing = on;
    },
    resolve: async (hostname: string) => {
      lookups.push(hostname);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failing) throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      return answer;
    },
  };
}

describe('cachingResolver', () => {
  it('shares one lookup between concurrent attempts and reuses it within the TTL', async () => {
    const dns = fakeDns();
    let now = 0;
    const resolve = cachingResolver(dns.resolve, 2000, () => now);
    const answers = await Promise.all([
      resolve('hooks.example.com'),
      resolve('hooks.example.com'),
      resolve('other.example.com'),
    ]);
    expect(answers[0]).toEqual([{ address: '203.0.113.10', family: 4 }]);
    expect(dns.lookups).toEqual(['hooks.example.com', 'other.example.com']);
    now = 1999;
    await resolve('hooks.example.com');
    expect(dns.lookups).toHaveLength(2);
  });

  it('looks up again once the TTL has passed, so a DNS change takes effect', async () => {
    const dns = fakeDns();
    let now = 0;
    const resolve = cachingResolver(dns.resolve, 2000, () => now);
    await resolve('hooks.example.com');
    dns.answer([{ address: '198.51.100.7', family: 4 }]);
    now = 2000;
    expect(await resolve('hooks.example.com')).toEqual([{ address: '198.51.100.7', family: 4 }]);
    expect(dns.lookups).toHaveLength(2);
  });

  it('does not remember a failed lookup', async () => {
    const dns = fakeDns();
    const resolve = cachingResolver(dns.resolve, 60_000, () => 0);
    dns.fail(true);
    await expect(resolve('hooks.example.com')).rejects.toThrow(/ENOTFOUND/);
    dns.fail(false);
    expect(await resolve('hooks.example.com')).toEqual([{ address: '203.0.113.10', family: 4 }]);
    expect(dns.lookups).toHaveLength(2);
  });

  it('stays bounded: beyond maxEntries it forgets what it knew', async () => {
    const dns = fakeDns();
    const resolve = cachingResolver(dns.resolve, 60_000, () => 0, 2);
    await resolve('a.example.com');
    await resolve('b.example.com');
    await resolve('c.example.com'); // full: forgets a and b
    await resolve('a.example.com');
    expect(dns.lookups).toEqual([
      'a.example.com',
      'b.example.com',
      'c.example.com',
      'a.example.com',
    ]);
  });
});
