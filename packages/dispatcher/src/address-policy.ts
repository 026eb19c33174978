import { BlockList, isIP } from 'node:net';
import { DispatcherError } from './dispatcher-error.js';
import { remember } from './remember.js';

/** What a delivery target may be. Everything defaults to `false`: public HTTPS only. */
export interface AllowOptions {
  /** Allow 127.0.0.0/8 and ::1 (local development, tests). */
  loopback?: boolean;
  /** Allow RFC 1918, CGNAT (100.64.0.0/10) and unique-local IPv6 (fc00::/7) addresses. */
  privateNetworks?: boolean;
  /** Allow link-local addresses (169.254.0.0/16, fe80::/10; includes cloud metadata services). */
  linkLocal?: boolean;
  /** Allow plain `http:` URLs. */
  http?: boolean;
}

/** The class of an IP address as far as delivery safety is concerned. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved';

function blockList(v4: string[], v6: string[]): BlockList {
  const list = new BlockList();
  for (const cidr of v4) {
    const [net, prefix] = cidr.split('/') as [string, string];
    list.addSubnet(net, Number(prefix), 'ipv4');
  }
  for (const cidr of v6) {
    const [net, prefix] = cidr.split('/') as [string, string];
    list.addSubnet(net, Number(prefix), 'ipv6');
  }
  return list;
}

const ranges: ReadonlyArray<[AddressClass, BlockList]> = [
  ['loopback', blockList(['127.0.0.0/8'], ['::1/128'])],
  [
    'private',
    blockList(
      ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'],
      // unique-local, deprecated site-local, and the local-use NAT64 prefix
      ['fc00::/7', 'fec0::/10', '64:ff9b:1::/48'],
    ),
  ],
  ['link-local', blockList(['169.254.0.0/16'], ['fe80::/10'])],
  [
    'reserved',
    blockList(
      ['0.0.0.0/8', '192.0.0.0/24', '198.18.0.0/15', '224.0.0.0/4', '240.0.0.0/4'],
      // unspecified, multicast, discard, Teredo tunnels (their IPv4 is obfuscated), documentation
      ['::/128', 'ff00::/8', '100::/64', '2001::/32', '2001:db8::/32'],
    ),
  ],
];

/** The eight 16-bit groups of an IPv6 literal (`::` expanded, a dotted IPv4 tail folded in). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (tail !== undefined) {
    const octets = tail.split('.').map(Number) as [number, number, number, number];
    const hex = `${((octets[0] << 8) | octets[1]).toString(16)}:${((octets[2] << 8) | octets[3]).toString(16)}`;
    text = text.slice(0, -tail.length) + hex;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined) =>
    part === undefined || part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16));
  const head = parse(halves[0]);
  const rest = parse(halves[1]);
  const groups =
    halves.length === 2
      ? [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest]
      : head;
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined;
}

/**
 * The IPv4 address an IPv6 literal carries and routes to, if any: IPv4-mapped (`::ffff:a.b.c.d`),
 * IPv4-translated (`::ffff:0:a.b.c.d`), IPv4-compatible (`::a.b.c.d`), NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`). Classifying the
 * embedded address stops `64:ff9b::a9fe:a9fe` from reaching 169.254.169.254 as a "public" IPv6.
 */
function embeddedIPv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (g === undefined) return undefined;
  const v4 = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return v4(g[6]!, g[7]!); // mapped
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return v4(g[6]!, g[7]!); // translated (SIIT)
  if (zeros(0, 6) && (g[6] !== 0 || g[7]! > 1)) return v4(g[6]!, g[7]!); // compatible (not :: or ::1)
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4(g[6]!, g[7]!); // NAT64
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!); // 6to4
  return undefined;
}

/** Recent classifications: a dispatcher checks the same few addresses on every attempt. */
const classified = new Map<string, AddressClass>();

/** Classifies an IP address literal (v4 or v6). Anything that is not an IP is `reserved`. */
export function classifyAddress(address: string): AddressClass {
  return remember(classified, address, () => classifyUncached(address), 1024);
}

function classifyUncached(address: string): AddressClass {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 0) return 'reserved';
  const mapped = family === 6 ? embeddedIPv4(bare) : undefined;
  const [ip, type] = mapped
    ? [mapped, 'ipv4' as const]
    : [bare, family === 4 ? ('ipv4' as const) : ('ipv6' as const)];
  for (const [cls, list] of ranges) {
    if (list.check(ip, type)) return cls;
  }
  return 'public';
}

/** True when `allow` permits connecting to an address of class `cls`. */
export function isAddressAllowed(cls: AddressClass, allow: AllowOptions): boolean {
  switch (cls) {
    case 'public':
      return true;
    case 'loopback':
      return allow.loopback === true;
    case 'private':
      return allow.privateNetworks === true;
    case 'link-local':
      return allow.linkLocal === true;
    case 'reserved':
      return false;
  }
}

const allowHint: Record<AddressClass, string> = {
  public: '',
  loopback: 'pass allow: { loopback: true } for local development',
  private: 'pass allow: { privateNetworks: true } when the receiver is on your own network',
  'link-local':
    'pass allow: { linkLocal: true } only if you really mean to reach a link-local service',
  reserved: 'reserved, multicast and unspecified addresses can never be delivery targets',
};

/** Throws `address_not_allowed` unless `address` may be connected to. `host` names the URL host for the message. */
export function assertAddressAllowed(address: string, host: string, allow: AllowOptions): void {
  const cls = classifyAddress(address);
  if (isAddressAllowed(cls, allow)) return;
  const via = address === host ? '' : ` (${host} resolves to ${address})`;
  throw new DispatcherError(
    'address_not_allowed',
    `Refusing to deliver to ${cls} address ${address}${via}: webhook targets must be public by default; ${allowHint[cls]}.`,
  );
}

/**
 * Parses and checks an endpoint URL without touching the network: http(s) only, `https:`
 * unless `allow.http`, no credentials, and an IP-literal host must be an allowed address.
 */
export function checkEndpointUrl(raw: string, allow: AllowOptions): URL {
  let url: URL;
  try {
    if (typeof raw !== 'string') throw new TypeError('not a string');
    url = new URL(raw);
  } catch {
    // No cause: the TypeError keeps the raw URL (`input`), which may carry credentials or a
    // query token.
    throw new DispatcherError(
      'invalid_endpoint',
      `Endpoint URL is not a valid absolute URL: ${describeUnparsable(raw)}; expected e.g. https://example.com/webhooks.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DispatcherError(
      'invalid_endpoint',
      `Endpoint URL scheme ${url.protocol} is not supported; use https:.`,
    );
  }
  if (url.protocol === 'http:' && allow.http !== true) {
    throw new DispatcherError(
      'insecure_url',
      `Endpoint URL ${url.origin} uses plain http:; use https:, or pass allow: { http: true } for local development.`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new DispatcherError(
      'invalid_endpoint',
      'Endpoint URL must not carry credentials (user:password@); authenticate receivers with the webhook signature instead.',
    );
  }
  const host = hostOf(url);
  if (isIP(host) !== 0) assertAddressAllowed(host, host, allow);
  return url;
}

/**
 * Why `raw` does not parse as a URL, without quoting any of it (it may carry credentials or
 * a token, and a part cut out of a malformed URL may be a piece of a password).
 */
function describeUnparsable(raw: unknown): string {
  if (typeof raw !== 'string')
    return `it is ${raw === null ? 'null' : `a ${typeof raw}`}, not a string`;
  const text = raw.trim();
  if (text === '') return 'it is empty';
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  if (!scheme) return 'it has no scheme (it must start with https://)';
  if (!/^https?$/i.test(scheme[1]!)) return 'its scheme is not https: (or http:)';
  const authority = /^[/\\]*([^/\\?#]*)/.exec(text.slice(scheme[0].length))?.[1] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort === '') return 'it has no host';
  const port = /^(?:\[[^\]]*\]|[^:]*):(.*)$/.exec(hostPort)?.[1];
  if (port !== undefined && port !== '' && !(/^\d+$/.test(port) && Number(port) <= 65535)) {
    return 'the port is not a number from 0 to 65535';
  }
  return 'the host is not a valid host name or IP address (check for spaces, stray characters or a malformed IP address)';
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
