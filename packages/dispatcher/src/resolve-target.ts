import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { type AllowOptions, assertAddressAllowed, hostOf } from './address-policy.js';
import { DispatcherError } from './dispatcher-error.js';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (like `dns.lookup(host, { all: true })`). */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The operating system's resolver (`dns.lookup`, so /etc/hosts applies). */
export const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/**
 * Resolves the URL's host and checks every address against `allow`; the delivery then connects
 * to these addresses only (the first that accepts, in the resolver's order), so a DNS answer
 * that changes between check and connect (rebinding) cannot redirect it. One disallowed
 * address refuses the whole host. Never empty.
 */
export async function resolveTarget(
  url: URL,
  allow: AllowOptions,
  resolve: Resolver,
): Promise<readonly [ResolvedAddress, ...ResolvedAddress[]]> {
  const host = hostOf(url);
  const literal = isIP(host);
  if (literal !== 0) {
    assertAddressAllowed(host, host, allow);
    return [{ address: host, family: literal === 6 ? 6 : 4 }];
  }
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch (cause) {
    throw new DispatcherError(
      'dns_failed',
      `Could not resolve ${host}; check the endpoint URL's host name.`,
      { cause },
    );
  }
  const [first, ...rest] = addresses;
  if (!first)
    throw new DispatcherError(
      'dns_failed',
      `${host} resolved to no addresses; check the endpoint URL's host name.`,
    );
  for (const { address } of addresses) assertAddressAllowed(address, host, allow);
  return [first, ...rest];
}

/**
 * Reuses `resolve`'s answer for a host name for `ttlMs` (successful answers only), and shares
 * one lookup between the attempts that ask for the same name at once — without it every attempt
 * costs a `getaddrinfo` on libuv's small thread pool. The addresses are still checked against
 * the policy on every attempt, and the connection is pinned to the checked one.
 */
export function cachingResolver(
  resolve: Resolver,
  ttlMs: number,
  now: () => number = () => performance.now(),
  maxEntries = 1024,
): Resolver {
  const answers = new Map<string, { at: number; addresses: Promise<readonly ResolvedAddress[]> }>();
  return (hostname) => {
    const cached = answers.get(hostname);
    if (cached && now() - cached.at < ttlMs) return cached.addresses;
    const addresses = resolve(hostname);
    if (answers.size >= maxEntries) answers.clear();
    answers.set(hostname, { at: now(), addresses });
    // A failed lookup is not remembered: the next attempt asks again.
    addresses.catch(() => {
      if (answers.get(hostname)?.addresses === addresses) answers.delete(hostname);
    });
    return addresses;
  };
}
