/** A parsed IP address: IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is normalised to IPv4. */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

/** A parsed CIDR block such as `10.0.0.0/8` or `2001:db8::/32` (a bare address is a /32 or /128). */
export interface IpRange {
  family: 4 | 6;
  network: bigint;
  prefix: number;
}

const MAPPED_PREFIX = 0xffffn << 32n;

/** Parses an IPv4 or IPv6 address; returns undefined when the text is not an address. */
export function parseIp(text: string): IpAddress | undefined {
  let input = text.trim();
  if (input.startsWith('[') && input.endsWith(']')) input = input.slice(1, -1);
  const zone = input.indexOf('%');
  if (zone !== -1) input = input.slice(0, zone);
  if (input.includes(':')) {
    const value = parseIpv6(input);
    if (value === undefined) return undefined;
    if (value >> 32n === 0xffffn) return { family: 4, value: value & 0xffffffffn };
    return { family: 6, value };
  }
  const value = parseIpv4(input);
  return value === undefined ? undefined : { family: 4, value };
}

/** Parses `address/prefix` (or a bare address). */
export function parseCidr(text: string): IpRange | undefined {
  const [addressText, prefixText, extra] = text.trim().split('/');
  if (addressText === undefined || extra !== undefined) return undefined;
  const isV6 = addressText.includes(':');
  const raw = isV6 ? parseIpv6(addressText) : parseIpv4(addressText);
  if (raw === undefined) return undefined;
  const bits = isV6 ? 128 : 32;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText ?? String(bits)) || prefix > bits) return undefined;
  let family: 4 | 6 = isV6 ? 6 : 4;
  let network = raw;
  let effectivePrefix = prefix;
  // ::ffff:10.0.0.0/104 describes IPv4 space; store it as 10.0.0.0/8 so mapped clients match.
  if (isV6 && prefix >= 96 && raw >> 32n === 0xffffn) {
    family = 4;
    network = raw & 0xffffffffn;
    effectivePrefix = prefix - 96;
  }
  return { family, network: network & mask(family, effectivePrefix), prefix: effectivePrefix };
}

/** True when the address lies inside the range (IPv4 clients also match `::ffff:0:0/96` ranges). */
export function ipInRange(address: IpAddress, range: IpRange): boolean {
  if (address.family === range.family) {
    return (address.value & mask(range.family, range.prefix)) === range.network;
  }
  if (address.family === 4 && range.family === 6) {
    const mapped = MAPPED_PREFIX | address.value;
    return (mapped & mask(6, range.prefix)) === range.network;
  }
  return false;
}

function mask(family: 4 | 6, prefix: number): bigint {
  const bits = family === 4 ? 32n : 128n;
  const all = (1n << bits) - 1n;
  return (all >> BigInt(prefix)) ^ all;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : (halves[0] ?? '').split(':');
  const tail = halves.length === 2 ? (halves[1] === '' ? [] : (halves[1] ?? '').split(':')) : [];
  const groups: number[] = [];
  const pushGroups = (parts: string[], allowV4Tail: boolean): boolean => {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (allowV4Tail && i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (v4 === undefined) return false;
        groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return false;
      groups.push(Number.parseInt(part, 16));
    }
    return true;
  };
  if (!pushGroups(head, halves.length === 1)) return undefined;
  const headCount = groups.length;
  if (!pushGroups(tail, true)) return undefined;
  const tailGroups = groups.splice(headCount);
  if (halves.length === 1) {
    if (groups.length !== 8) return undefined;
  } else {
    const missing = 8 - groups.length - tailGroups.length;
    if (missing < 1) return undefined;
    for (let i = 0; i < missing; i++) groups.push(0);
  }
  groups.push(...tailGroups);
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(group);
  return value;
}
