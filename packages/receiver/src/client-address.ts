import { type IpAddress, type IpRange, ipInRange, parseCidr, parseIp } from './ip-address.js';
import { ReceiverError } from './receiver-error.js';

/** Parses a list of CIDR strings, failing loudly on a typo rather than silently allowing. */
export function parseRanges(option: string, values: readonly string[]): IpRange[] {
  return values.map((value) => {
    const range = parseCidr(value);
    if (range === undefined) {
      throw new ReceiverError(
        'invalid_options',
        `${option} contains ${JSON.stringify(value)}, which is not an IP address or CIDR block. ` +
          'Use forms like "203.0.113.7", "10.0.0.0/8" or "2001:db8::/32".',
      );
    }
    return range;
  });
}

function inAny(address: IpAddress, ranges: readonly IpRange[]): boolean {
  return ranges.some((range) => ipInRange(address, range));
}

/**
 * Works out the client's address. The socket's peer is the client unless it is a trusted
 * proxy; then `X-Forwarded-For` is walked from the right, skipping trusted proxies, and the
 * right-most untrusted hop is the client (hops to its left could be forged by the client).
 */
export function resolveClientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | null,
  trustedProxies: readonly IpRange[],
): IpAddress | undefined {
  if (remoteAddress === undefined) return undefined;
  const peer = parseIp(remoteAddress);
  if (peer === undefined) return undefined;
  if (trustedProxies.length === 0 || forwardedFor === null || !inAny(peer, trustedProxies)) {
    return peer;
  }
  const hops = forwardedFor.split(',');
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseIp(hops[i]!);
    // An unparsable hop cannot be trusted and cannot be matched: treat it as the client.
    if (hop === undefined) return undefined;
    client = hop;
    if (!inAny(hop, trustedProxies)) return hop;
  }
  return client;
}

/** True when the client address is in the allowlist. */
export function isAddressAllowed(address: IpAddress | undefined, allow: readonly IpRange[]) {
  return address !== undefined && inAny(address, allow);
}
